package io.github.vulcanscraper.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Exposition bodies of our own making, shaped like what real exporters serve. Deterministic (fixed
 * seeds), so every run parses the same bytes.
 *
 * <ul>
 *   <li>{@link #nodeExporterLike}: a node_exporter page: many gauges and counters with a few labels
 *       each (cpu, mode, device, mountpoint, fstype), HELP and TYPE on every family.
 *   <li>{@link #clientGolangLike}: an application instrumented with client_golang: HTTP request
 *       counters by handler/method/code, latency histograms with a dozen buckets, go_* runtime
 *       gauges and a summary.
 * </ul>
 */
public final class Payloads {
  /**
   * The names of {@link ParserBenchmark}'s pages, which {@link #parserPage} makes:
   * node_exporter-like or client_golang-like, in the Prometheus text format or OpenMetrics.
   */
  public static final List<String> PARSER_PAGES =
      List.of("node-text", "golang-text", "node-openmetrics", "golang-openmetrics");

  private Payloads() {}

  /**
   * The parser benchmarks' page {@code name} (one of {@link #PARSER_PAGES}), about 2,000 samples.
   *
   * @throws IllegalArgumentException for any other name
   */
  public static byte[] parserPage(String name) {
    if (!PARSER_PAGES.contains(name)) {
      throw new IllegalArgumentException("no parser page " + name + ", only " + PARSER_PAGES);
    }
    boolean openMetrics = name.endsWith("openmetrics");
    return name.startsWith("node")
        ? nodeExporterLike(2000, openMetrics)
        : clientGolangLike(2000, openMetrics);
  }

  /** A node_exporter-like page of about {@code samples} samples, Prometheus text 0.0.4. */
  public static byte[] nodeExporterLike(int samples) {
    return nodeExporterLike(samples, false);
  }

  /**
   * A node_exporter-like page of about {@code samples} samples, as OpenMetrics text when {@code
   * openMetrics} (counter families named without {@code _total}, {@code # EOF} at the end).
   */
  public static byte[] nodeExporterLike(int samples, boolean openMetrics) {
    Random random = new Random(42);
    StringBuilder sb = new StringBuilder(samples * 90);
    String[] modes = {"idle", "iowait", "irq", "nice", "softirq", "steal", "system", "user"};
    String[] devices = {"sda", "sdb", "nvme0n1", "nvme1n1", "dm-0", "dm-1"};
    int written = 0;
    int family = 0;
    while (written < samples) {
      String base = "node_cpu_seconds_" + family;
      String declared = openMetrics ? base : base + "_total";
      sb.append("# HELP ").append(declared).append(" Seconds the CPUs spent in each mode.\n");
      sb.append("# TYPE ").append(declared).append(" counter\n");
      for (int cpu = 0; cpu < 8 && written < samples; cpu++) {
        for (String mode : modes) {
          sb.append(base).append("_total{cpu=\"").append(cpu).append("\",mode=\"").append(mode);
          sb.append("\"} ").append(random.nextInt(10_000_000) / 100.0).append('\n');
          written++;
        }
      }
      String fs = "node_filesystem_avail_bytes_" + family;
      sb.append("# HELP ").append(fs).append(" Filesystem space available to non-root users.\n");
      sb.append("# TYPE ").append(fs).append(" gauge\n");
      for (String device : devices) {
        sb.append(fs).append("{device=\"/dev/").append(device);
        sb.append("\",fstype=\"ext4\",mountpoint=\"/srv/").append(device).append("\"} ");
        sb.append((double) random.nextInt(Integer.MAX_VALUE) * 16).append('\n');
        written++;
      }
      family++;
    }
    if (openMetrics) {
      sb.append("# EOF\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A client_golang-like page of about {@code samples} samples, Prometheus text 0.0.4. */
  public static byte[] clientGolangLike(int samples) {
    return clientGolangLike(samples, false);
  }

  /**
   * A client_golang-like page of about {@code samples} samples, as OpenMetrics text when {@code
   * openMetrics}.
   */
  public static byte[] clientGolangLike(int samples, boolean openMetrics) {
    Random random = new Random(7);
    StringBuilder sb = new StringBuilder(samples * 110);
    String[] handlers = {"/api/v1/query", "/api/v1/series", "/metrics", "/-/healthy", "/graph"};
    String[] codes = {"200", "400", "404", "500"};
    String[] buckets = {
      "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"
    };
    int written = 0;
    int family = 0;
    while (written < samples) {
      String counter = "http_requests_" + family;
      String declared = openMetrics ? counter : counter + "_total";
      sb.append("# HELP ").append(declared).append(" Total number of HTTP requests.\n");
      sb.append("# TYPE ").append(declared).append(" counter\n");
      for (String handler : handlers) {
        for (String code : codes) {
          sb.append(counter).append("_total{code=\"").append(code).append("\",handler=\"");
          sb.append(handler).append("\",method=\"get\"} ").append(random.nextInt(1_000_000));
          sb.append('\n');
          written++;
        }
      }
      String hist = "http_request_duration_seconds_" + family;
      sb.append("# HELP ").append(hist).append(" Latency of HTTP requests.\n");
      sb.append("# TYPE ").append(hist).append(" histogram\n");
      for (String handler : handlers) {
        long cumulative = 0;
        for (String le : buckets) {
          cumulative += random.nextInt(1000);
          sb.append(hist).append("_bucket{handler=\"").append(handler).append("\",le=\"");
          sb.append(le).append("\"} ").append(cumulative).append('\n');
          written++;
        }
        sb.append(hist).append("_sum{handler=\"").append(handler).append("\"} ");
        sb.append(cumulative * 0.042).append('\n');
        sb.append(hist).append("_count{handler=\"").append(handler).append("\"} ");
        sb.append(cumulative).append('\n');
        written += 2;
      }
      String go = "go_memstats_alloc_bytes_" + family;
      sb.append("# HELP ").append(go).append(" Number of bytes allocated and still in use.\n");
      sb.append("# TYPE ").append(go).append(" gauge\n");
      sb.append(go).append(' ').append(random.nextInt(Integer.MAX_VALUE)).append('\n');
      written++;
      family++;
    }
    if (openMetrics) {
      sb.append("# EOF\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
