package io.github.vulcanscraper.testkit;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Many exporters behind one HTTP server on loopback: target {@code i} answers at {@code
 * /target/i/metrics} with a Prometheus text page of a fixed number of samples whose counter values
 * grow with every scrape. One server for many targets keeps a load test about the scraper, not
 * about thousands of listening sockets.
 *
 * <pre>{@code
 * try (ExporterFarm farm = ExporterFarm.start(500, 500)) {
 *   List<URI> urls = farm.targetUrls();
 *   ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. Each page is rendered per request from a template made once per farm, so the
 * farm's own CPU stays small next to the scraper's. The server is a minimal HTTP/1.1 one with
 * keep-alive that answers in one write on a TCP_NODELAY socket, as a Go exporter does: the JDK's
 * HttpServer writes headers and body apart, and Nagle's algorithm with delayed ACKs then adds about
 * 40 ms to every request, which would make a load test measure the farm.
 */
public final class ExporterFarm implements AutoCloseable {
  private final ServerSocket server;
  private final ExecutorService executor;
  private final int targets;
  private final byte[][] templateLines;
  private final AtomicLong requests = new AtomicLong();

  private ExporterFarm(ServerSocket server, ExecutorService executor, int targets, int samples) {
    this.server = server;
    this.executor = executor;
    this.targets = targets;
    this.templateLines = template(samples);
  }

  /**
   * Starts a farm of {@code targets} exporters of about {@code samplesPerTarget} samples each, on a
   * free port of 127.0.0.1.
   *
   * @param targets how many exporters; at least 1
   * @param samplesPerTarget about how many samples each page holds; at least 1
   * @return the running farm; the caller closes it
   * @throws IOException when the server socket cannot be opened
   * @throws IllegalArgumentException when {@code targets} or {@code samplesPerTarget} is below 1
   */
  public static ExporterFarm start(int targets, int samplesPerTarget) throws IOException {
    return start(targets, samplesPerTarget, 0);
  }

  /**
   * Starts a farm of {@code targets} exporters of about {@code samplesPerTarget} samples each, on
   * {@code port} of 127.0.0.1 (0 picks a free one).
   *
   * @param targets how many exporters; at least 1
   * @param samplesPerTarget about how many samples each page holds; at least 1
   * @param port the port to listen on, 0 for a free one
   * @return the running farm; the caller closes it
   * @throws IOException when the port cannot be bound
   * @throws IllegalArgumentException when {@code targets} or {@code samplesPerTarget} is below 1
   */
  public static ExporterFarm start(int targets, int samplesPerTarget, int port) throws IOException {
    if (targets < 1 || samplesPerTarget < 1) {
      throw new IllegalArgumentException(
          "targets and samplesPerTarget must be >= 1: " + targets + ", " + samplesPerTarget);
    }
    ServerSocket server = new ServerSocket(port, 1024, InetAddress.getLoopbackAddress());
    // One thread per open connection: a scraper keeps at most its fetch concurrency open.
    ExecutorService executor = Executors.newCachedThreadPool(Daemon.threads("exporter-farm"));
    ExporterFarm farm = new ExporterFarm(server, executor, targets, samplesPerTarget);
    executor.execute(farm::accept);
    return farm;
  }

  /**
   * The base URI, {@code http://127.0.0.1:<port>}.
   *
   * @return the farm's base URI, without a path
   */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort());
  }

  /**
   * The host and port of the farm, {@code 127.0.0.1:<port>}.
   *
   * @return the address, as a static target list takes it
   */
  public String address() {
    return "127.0.0.1:" + server.getLocalPort();
  }

  /**
   * The scrape URL of every target, in target order.
   *
   * @return a new list of {@code targets} URLs, {@code /target/<i>/metrics}
   */
  public List<URI> targetUrls() {
    List<URI> urls = new ArrayList<>(targets);
    for (int i = 0; i < targets; i++) {
      urls.add(baseUri().resolve("/target/" + i + "/metrics"));
    }
    return urls;
  }

  /**
   * The number of scrape requests answered so far.
   *
   * @return the count of pages served, requests for unknown targets not included
   */
  public long requests() {
    return requests.get();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket socket = server.accept();
        socket.setTcpNoDelay(true);
        executor.execute(() -> serve(socket));
      } catch (IOException | java.util.concurrent.RejectedExecutionException e) {
        return;
      }
    }
  }

  private void serve(Socket socket) {
    try (socket;
        InputStream in = new BufferedInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream()) {
      String path;
      while ((path = readRequestPath(in)) != null) {
        int index = parseTarget(path);
        if (index < 0 || index >= targets) {
          out.write(head(404, "text/plain", 0));
          out.flush();
          continue;
        }
        byte[] body = render(index, requests.incrementAndGet());
        byte[] head = head(200, "text/plain; version=0.0.4; charset=utf-8", body.length);
        byte[] response = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, response, head.length, body.length);
        out.write(response);
        out.flush();
      }
    } catch (IOException e) {
      // The client went away: nothing to do.
    }
  }

  /** Reads one request's head and returns its path, or null at the end of the connection. */
  private static @Nullable String readRequestPath(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    String requestLine = null;
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\r') {
        continue;
      }
      if (c != '\n') {
        line.append((char) c);
        continue;
      }
      if (line.length() == 0) {
        if (requestLine == null) {
          continue;
        }
        int first = requestLine.indexOf(' ');
        int second = requestLine.indexOf(' ', first + 1);
        return first < 0 || second < 0 ? "" : requestLine.substring(first + 1, second);
      }
      if (requestLine == null) {
        requestLine = line.toString();
      }
      line.setLength(0);
    }
    return null;
  }

  private static byte[] head(int status, String contentType, int length) {
    return ("HTTP/1.1 "
            + status
            + (status == 200 ? " OK" : " Not Found")
            + "\r\nContent-Type: "
            + contentType
            + "\r\nContent-Length: "
            + length
            + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static int parseTarget(String path) {
    // /target/<i>/metrics
    String prefix = "/target/";
    int end = path.indexOf('/', prefix.length());
    if (!path.startsWith(prefix) || end < 0 || !path.startsWith("/metrics", end)) {
      return -1;
    }
    try {
      return Integer.parseInt(path.substring(prefix.length(), end));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private byte[] render(int target, long request) {
    int size = 0;
    for (byte[] line : templateLines) {
      size += line.length + 24;
    }
    StringBuilder values = new StringBuilder(32);
    byte[] out = new byte[size];
    int pos = 0;
    long seed = target * 7919L + request;
    for (int i = 0; i < templateLines.length; i++) {
      byte[] line = templateLines[i];
      System.arraycopy(line, 0, out, pos, line.length);
      pos += line.length;
      if (line[0] != '#') {
        values.setLength(0);
        values.append(' ').append((seed * 31 + i) & 0xFFFFF).append('\n');
        for (int k = 0; k < values.length(); k++) {
          out[pos++] = (byte) values.charAt(k);
        }
      }
    }
    return Arrays.copyOf(out, pos);
  }

  private static byte[][] template(int samples) {
    List<byte[]> lines = new ArrayList<>();
    String[] modes = {"idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"};
    int written = 0;
    for (int family = 0; written < samples; family++) {
      String name = "farm_cpu_seconds_" + family + "_total";
      lines.add(line("# HELP " + name + " Seconds the CPUs spent in each mode.\n"));
      lines.add(line("# TYPE " + name + " counter\n"));
      for (int cpu = 0; cpu < 4 && written < samples; cpu++) {
        for (int m = 0; m < modes.length && written < samples; m++) {
          lines.add(line(name + "{cpu=\"" + cpu + "\",mode=\"" + modes[m] + "\"}"));
          written++;
        }
      }
    }
    return lines.toArray(new byte[0][]);
  }

  private static byte[] line(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Stops the server at once. */
  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException e) {
      // Closing a server socket that failed to close leaves nothing to clean up.
    }
    executor.shutdownNow();
  }
}
