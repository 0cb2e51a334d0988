package io.github.vulcanscraper.benchmarks;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.Sample;
import io.github.vulcanscraper.core.config.PrometheusConfig;
import io.github.vulcanscraper.core.exposition.ExpositionException;
import io.github.vulcanscraper.core.exposition.ExpositionFormat;
import io.github.vulcanscraper.core.exposition.ExpositionParser;
import io.github.vulcanscraper.core.relabel.Relabeler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Relabeling on one thread, as a scrape applies it.
 *
 * <ul>
 *   <li>{@code metricRelabel}: the {@link #METRIC_RELABEL_CONFIGS} (drop go_gc and a histogram's
 *       finest buckets by name, labeldrop, a replace copying {@code device} into {@code disk}, a
 *       replace deriving {@code subsystem} from the name) over the 2,000 series of a
 *       node_exporter-like page, each with {@code __name__}, {@code job} and {@code instance}. The
 *       figure is the {@code series} counter, series per second.
 *   <li>{@code targetRelabel}: the {@link #TARGET_RELABEL_CONFIGS} of a sharded Kubernetes-style
 *       job (keep by annotation, labelmap of pod labels, address rewrite, hashmod 4 over the
 *       address and keep shard 0) over 10,000 target label sets of 12 labels each. The figure is
 *       the {@code series} counter, label sets per second.
 * </ul>
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks -am -DskipTests package && java -jar
 * benchmarks/target/benchmarks.jar RelabelBenchmark}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class RelabelBenchmark {
  /** metric_relabel_configs of a node_exporter job. */
  static final String METRIC_RELABEL_CONFIGS =
      """
      - source_labels: [__name__]
        regex: 'go_gc_duration_seconds.*|go_memstats_(frees|mallocs)_total'
        action: drop
      - source_labels: [__name__, le]
        regex: 'http_request_duration_seconds_bucket;(0\\.005|0\\.01)'
        action: drop
      - regex: 'id|pod_template_hash'
        action: labeldrop
      - source_labels: [device]
        regex: '(.+)'
        target_label: disk
        replacement: '$1'
      - source_labels: [__name__]
        regex: 'node_([a-z]+)_.*'
        target_label: subsystem
        replacement: '$1'
      """;

  /** relabel_configs of a Kubernetes pod job sharded four ways with hashmod. */
  static final String TARGET_RELABEL_CONFIGS =
      """
      - source_labels: [__meta_kubernetes_pod_annotation_prometheus_io_scrape]
        regex: 'true'
        action: keep
      - action: labelmap
        regex: '__meta_kubernetes_pod_label_(.+)'
      - source_labels: [__address__, __meta_kubernetes_pod_annotation_prometheus_io_port]
        regex: '([^:]+)(?::\\d+)?;(\\d+)'
        target_label: __address__
        replacement: '$1:$2'
      - source_labels: [__meta_kubernetes_namespace]
        target_label: namespace
      - source_labels: [__meta_kubernetes_pod_name]
        target_label: pod
      - source_labels: [__address__]
        modulus: 4
        target_label: __tmp_hash
        action: hashmod
      - source_labels: [__tmp_hash]
        regex: '0'
        action: keep
      """;

  private Relabeler metricRelabeler;
  private Relabeler targetRelabeler;
  private Labels[] series;
  private Labels[] targets;

  /** Counts label sets relabeled, reported by JMH as a rate. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Relabeled {
    /** Label sets processed in this iteration. */
    public long series;

    /** Resets the count before each iteration. */
    @Setup(Level.Iteration)
    public void reset() {
      series = 0;
    }
  }

  /** Parses the rules, the page and makes the target label sets. */
  @Setup
  public void setUp() throws ExpositionException {
    metricRelabeler = Relabeler.of(PrometheusConfig.parseRelabelConfigs(METRIC_RELABEL_CONFIGS));
    targetRelabeler = Relabeler.of(PrometheusConfig.parseRelabelConfigs(TARGET_RELABEL_CONFIGS));
    List<Labels> all = new ArrayList<>();
    List<MetricFamily> families =
        ExpositionParser.of(ExpositionFormat.PROMETHEUS_TEXT)
            .parse(Payloads.nodeExporterLike(2000, false));
    for (MetricFamily family : families) {
      for (Sample s : family.samples()) {
        all.add(
            s.labels().toBuilder()
                .set("__name__", s.name())
                .set("job", "node")
                .set("instance", "10.1.2.3:9100")
                .build());
      }
    }
    series = all.toArray(new Labels[0]);
    targets = new Labels[10_000];
    for (int i = 0; i < targets.length; i++) {
      targets[i] =
          Labels.builder()
              .set("__address__", "10.1." + (i / 250) + "." + (i % 250) + ":8080")
              .set("__meta_kubernetes_namespace", "ns-" + (i % 20))
              .set("__meta_kubernetes_pod_name", "app-" + i + "-7d9f8")
              .set(
                  "__meta_kubernetes_pod_annotation_prometheus_io_scrape",
                  i % 10 == 0 ? "false" : "true")
              .set("__meta_kubernetes_pod_annotation_prometheus_io_port", "9102")
              .set("__meta_kubernetes_pod_label_app", "app-" + (i % 50))
              .set("__meta_kubernetes_pod_label_pod_template_hash", "7d9f8")
              .set("__meta_kubernetes_pod_label_version", "v" + (i % 3))
              .set("__meta_kubernetes_pod_node_name", "node-" + (i % 100))
              .set("__meta_kubernetes_pod_ip", "10.1." + (i / 250) + "." + (i % 250))
              .set("__scheme__", "http")
              .set("__metrics_path__", "/metrics")
              .build();
    }
  }

  /** Applies the metric relabeling to every series of the page. */
  @Benchmark
  public void metricRelabel(Relabeled count, Blackhole bh) {
    for (Labels labels : series) {
      bh.consume(metricRelabeler.process(labels));
    }
    count.series += series.length;
  }

  /** Applies the sharded target relabeling to every target label set. */
  @Benchmark
  public void targetRelabel(Relabeled count, Blackhole bh) {
    for (Labels labels : targets) {
      bh.consume(targetRelabeler.process(labels));
    }
    count.series += targets.length;
  }
}
