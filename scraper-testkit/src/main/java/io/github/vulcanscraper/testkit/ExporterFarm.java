package io.github.vulcanscraper.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

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
 * farm's own CPU stays small next to the scraper's.
 */
public final class ExporterFarm implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;
  private final int targets;
  private final byte[][] templateLines;
  private final AtomicLong requests = new AtomicLong();

  private ExporterFarm(HttpServer server, ExecutorService executor, int targets, int samples) {
    this.server = server;
    this.executor = executor;
    this.targets = targets;
    this.templateLines = template(samples);
  }

  /**
   * Starts a farm of {@code targets} exporters of about {@code samplesPerTarget} samples each, on a
   * free port of 127.0.0.1.
   */
  public static ExporterFarm start(int targets, int samplesPerTarget) throws IOException {
    if (targets < 1 || samplesPerTarget < 1) {
      throw new IllegalArgumentException(
          "targets and samplesPerTarget must be >= 1: " + targets + ", " + samplesPerTarget);
    }
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
    ExecutorService executor = Executors.newFixedThreadPool(4, Daemon.threads("exporter-farm"));
    ExporterFarm farm = new ExporterFarm(server, executor, targets, samplesPerTarget);
    server.createContext("/target/", farm::handle);
    server.setExecutor(executor);
    server.start();
    return farm;
  }

  /** The base URI, {@code http://127.0.0.1:<port>}. */
  public URI baseUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The host and port of the farm, {@code 127.0.0.1:<port>}. */
  public String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** The scrape URL of every target, in target order. */
  public List<URI> targetUrls() {
    List<URI> urls = new ArrayList<>(targets);
    for (int i = 0; i < targets; i++) {
      urls.add(baseUri().resolve("/target/" + i + "/metrics"));
    }
    return urls;
  }

  /** The number of scrape requests answered so far. */
  public long requests() {
    return requests.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      int index = parseTarget(path);
      if (index < 0 || index >= targets) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      long n = requests.incrementAndGet();
      byte[] body = render(index, n);
      exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
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
    return java.util.Arrays.copyOf(out, pos);
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
    server.stop(0);
    executor.shutdownNow();
  }
}
