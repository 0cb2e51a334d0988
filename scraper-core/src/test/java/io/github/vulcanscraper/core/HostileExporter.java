package io.github.vulcanscraper.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A raw HTTP/1.1 server on 127.0.0.1 that misbehaves by path, one thread per connection, every
 * answer streamed (nothing large is held in memory) and followed by closing the connection:
 *
 * <ul>
 *   <li>{@code /ok}: a small valid text page;
 *   <li>{@code /endless}: a valid text body that never ends;
 *   <li>{@code /drip}: a body of one byte a second;
 *   <li>{@code /longline}: one 100 MB line;
 *   <li>{@code /series}: a million distinct series;
 *   <li>{@code /html}: an HTML page with {@code Content-Type: text/html};
 *   <li>{@code /badgzip}: {@code Content-Encoding: gzip} over bytes that are not gzip;
 *   <li>{@code /redirect}: a redirect to itself.
 * </ul>
 *
 * {@link #bytesSent} counts the body bytes written per path, so a test can show the client stopped
 * reading.
 */
final class HostileExporter implements AutoCloseable {
  static final long LONG_LINE_BYTES = 100L * 1024 * 1024;
  static final int SERIES = 1_000_000;

  private final ServerSocket server;
  private final ExecutorService connections =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "hostile-exporter");
            t.setDaemon(true);
            return t;
          });
  private final Map<String, AtomicLong> sent = new ConcurrentHashMap<>();

  HostileExporter() throws IOException {
    server = new ServerSocket(0, 128, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
    connections.execute(this::accept);
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getLocalPort() + path;
  }

  /** Body bytes written so far on {@code path}, over all connections. */
  long bytesSent(String path) {
    AtomicLong n = sent.get(path);
    return n == null ? 0 : n.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        connections.execute(() -> serve(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
      String requestLine = in.readLine();
      String line;
      while ((line = in.readLine()) != null && !line.isEmpty()) {
        // headers are ignored
      }
      if (requestLine == null) {
        return;
      }
      String path = requestLine.split(" ")[1];
      OutputStream out = s.getOutputStream();
      AtomicLong counter = sent.computeIfAbsent(path, p -> new AtomicLong());
      answer(path, out, counter);
    } catch (IOException | InterruptedException e) {
      // the client hung up: expected for every hostile answer
    }
  }

  private static void head(OutputStream out, String status, String... headers) throws IOException {
    StringBuilder sb = new StringBuilder("HTTP/1.1 ").append(status).append("\r\n");
    for (String h : headers) {
      sb.append(h).append("\r\n");
    }
    sb.append("Connection: close\r\n\r\n");
    out.write(sb.toString().getBytes(StandardCharsets.US_ASCII));
    out.flush();
  }

  private static void write(OutputStream out, byte[] b, AtomicLong counter) throws IOException {
    out.write(b);
    counter.addAndGet(b.length);
  }

  private static final String TEXT = "Content-Type: text/plain; version=0.0.4";

  private void answer(String path, OutputStream out, AtomicLong counter)
      throws IOException, InterruptedException {
    switch (path) {
      case "/ok":
        byte[] page = "m{a=\"1\"} 1\n".getBytes(StandardCharsets.US_ASCII);
        head(out, "200 OK", TEXT, "Content-Length: " + page.length);
        write(out, page, counter);
        break;
      case "/endless":
        head(out, "200 OK", TEXT);
        byte[] chunk = "endless_metric 1\n".repeat(4096).getBytes(StandardCharsets.US_ASCII);
        while (true) {
          write(out, chunk, counter);
        }
      case "/drip":
        head(out, "200 OK", TEXT);
        byte[] one = {'m'};
        for (int i = 0; i < 120; i++) {
          write(out, one, counter);
          out.flush();
          TimeUnit.SECONDS.sleep(1); // the misbehaviour itself, not a wait for a condition
        }
        break;
      case "/longline":
        head(out, "200 OK", TEXT);
        write(out, "m{a=\"".getBytes(StandardCharsets.US_ASCII), counter);
        byte[] as = new byte[64 * 1024];
        Arrays.fill(as, (byte) 'a');
        for (long n = 0; n < LONG_LINE_BYTES; n += as.length) {
          write(out, as, counter);
        }
        write(out, "\"} 1\n".getBytes(StandardCharsets.US_ASCII), counter);
        break;
      case "/series":
        head(out, "200 OK", TEXT);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < SERIES; i++) {
          sb.append("series{i=\"").append(i).append("\"} 1\n");
          if (sb.length() > 60_000) {
            write(out, sb.toString().getBytes(StandardCharsets.US_ASCII), counter);
            sb.setLength(0);
          }
        }
        write(out, sb.toString().getBytes(StandardCharsets.US_ASCII), counter);
        break;
      case "/html":
        byte[] html = "<html><body>Hello</body></html>\n".getBytes(StandardCharsets.US_ASCII);
        head(out, "200 OK", "Content-Type: text/html", "Content-Length: " + html.length);
        write(out, html, counter);
        break;
      case "/badgzip":
        byte[] notGzip = "this is not gzip at all, just text\n".getBytes(StandardCharsets.US_ASCII);
        head(out, "200 OK", TEXT, "Content-Encoding: gzip", "Content-Length: " + notGzip.length);
        write(out, notGzip, counter);
        break;
      case "/redirect":
        head(out, "302 Found", "Location: /redirect", "Content-Length: 0");
        break;
      default:
        head(out, "404 Not Found", "Content-Length: 0");
    }
    out.flush();
  }

  @Override
  public void close() throws IOException {
    server.close();
    connections.shutdownNow();
  }
}
