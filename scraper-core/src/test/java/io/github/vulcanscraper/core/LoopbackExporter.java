package io.github.vulcanscraper.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

/**
 * A minimal HTTP/1.1 exporter on 127.0.0.1 that answers every GET with the same page, in one write
 * on a TCP_NODELAY socket with keep-alive, as a Go exporter does. (MockWebServer and the JDK's
 * HttpServer write headers and body apart, and Nagle's algorithm with delayed ACKs then adds about
 * 40 ms to every request, which would make a load test measure the server.)
 */
final class LoopbackExporter implements AutoCloseable {
  private final ServerSocket server;
  private final ExecutorService connections =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "loopback-exporter");
            t.setDaemon(true);
            return t;
          });
  private final byte[] response;
  final LongAdder requests = new LongAdder();

  LoopbackExporter(String contentType, String page) throws IOException {
    byte[] body = page.getBytes(StandardCharsets.UTF_8);
    byte[] head =
        ("HTTP/1.1 200 OK\r\nContent-Type: "
                + contentType
                + "\r\nContent-Length: "
                + body.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    response = new byte[head.length + body.length];
    System.arraycopy(head, 0, response, 0, head.length);
    System.arraycopy(body, 0, response, head.length, body.length);
    server = new ServerSocket(0, 1024, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
    connections.execute(this::accept);
  }

  int port() {
    return server.getLocalPort();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        s.setTcpNoDelay(true);
        connections.execute(() -> serve(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s;
        BufferedReader in =
            new BufferedReader(
                new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII))) {
      OutputStream out = s.getOutputStream();
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) {
          requests.increment();
          out.write(response);
          out.flush();
        }
      }
    } catch (IOException e) {
      // the client went away
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    connections.shutdownNow();
  }
}
