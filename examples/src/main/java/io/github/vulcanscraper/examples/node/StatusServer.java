package io.github.vulcanscraper.examples.node;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * A node's own HTTP endpoints: {@code /metrics} (self-metrics in the Prometheus text format) and
 * {@code /targets} (the targets it scrapes, their health and last error). Served by the JDK's HTTP
 * server on one thread. Thread-safe; {@link #close()} stops it.
 */
public final class StatusServer implements AutoCloseable {
  private final HttpServer server;

  private StatusServer(HttpServer server) {
    this.server = server;
  }

  /**
   * Starts serving on {@code port} of every interface (0 picks a free one).
   *
   * @param port the port, 0 for a free one
   * @param metrics renders {@code /metrics}
   * @param targets renders {@code /targets}
   * @return the running server; the caller closes it
   * @throws IOException when the port cannot be bound
   */
  public static StatusServer start(int port, Supplier<String> metrics, Supplier<String> targets)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 16);
    server.createContext("/metrics", ex -> answer(ex, "text/plain; version=0.0.4", metrics));
    server.createContext("/targets", ex -> answer(ex, "text/plain; charset=utf-8", targets));
    server.start();
    return new StatusServer(server);
  }

  /**
   * The port served.
   *
   * @return the port bound, the free one picked when started with 0
   */
  public int port() {
    return server.getAddress().getPort();
  }

  private static void answer(HttpExchange ex, String contentType, Supplier<String> body)
      throws IOException {
    try (ex) {
      byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", contentType);
      ex.sendResponseHeaders(200, bytes.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
