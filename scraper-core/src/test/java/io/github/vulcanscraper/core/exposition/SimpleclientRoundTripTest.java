package io.github.vulcanscraper.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.MetricType;
import io.github.vulcanscraper.api.Sample;
import io.prometheus.client.Collector;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.Gauge;
import io.prometheus.client.Histogram;
import io.prometheus.client.Info;
import io.prometheus.client.Summary;
import io.prometheus.client.exporter.common.TextFormat;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writes with the Java client library's {@code TextFormat}, reads with ours, compares. */
final class SimpleclientRoundTripTest {
  private static final String AWKWARD = "C:\\dir\\ \"quoted\"\nnext line \u2603";

  private final CollectorRegistry registry = new CollectorRegistry();

  @BeforeEach
  void register() {
    Counter counter =
        Counter.build()
            .name("requests")
            .help("Requests \\ served\nsince start.")
            .labelNames("path", "code")
            .register(registry);
    counter.labels(AWKWARD, "200").inc(1027);
    counter.labels("/", "500").inc(3.5);
    Gauge gauge =
        Gauge.build()
            .name("temperature_celsius")
            .help("A gauge with a unit.")
            .unit("celsius")
            .labelNames("room")
            .register(registry);
    gauge.labels("a \"b\"").set(-12.25);
    gauge.labels("nan").set(Double.NaN);
    gauge.labels("inf").set(Double.NEGATIVE_INFINITY);
    Histogram histogram =
        Histogram.build()
            .name("latency_seconds")
            .help("Latency.")
            .buckets(0.005, 0.1, 1, 2.5)
            .labelNames("method")
            .register(registry);
    for (double v : new double[] {0.001, 0.05, 0.5, 3, 7}) {
      histogram.labels("get\nput").observe(v);
    }
    Summary summary =
        Summary.build()
            .name("size_bytes")
            .help("Sizes.")
            .quantile(0.5, 0.05)
            .quantile(0.99, 0.001)
            .register(registry);
    for (int i = 1; i <= 100; i++) {
      summary.observe(i * 1.5);
    }
    Info.build()
        .name("build")
        .help("Build information.")
        .register(registry)
        .info("version", "1.2.3", "revision", "abc\\def");
    Gauge.build().name("empty_family").help("No children yet.").labelNames("x").register(registry);
  }

  @Test
  void readsOpenMetricsWrittenBySimpleclient() throws Exception {
    String body = write(TextFormat.CONTENT_TYPE_OPENMETRICS_100);
    List<MetricFamily> parsed =
        ExpositionParser.of(ExpositionFormat.OPENMETRICS_TEXT)
            .parse(body.getBytes(StandardCharsets.UTF_8));
    assertThat(parsed).isEqualTo(expectedFamilies());
  }

  @Test
  void readsTextWrittenBySimpleclient() throws Exception {
    String body = write(TextFormat.CONTENT_TYPE_004);
    List<MetricFamily> parsed =
        ExpositionParser.of(ExpositionFormat.PROMETHEUS_TEXT)
            .parse(body.getBytes(StandardCharsets.UTF_8));
    List<Sample> samples = new ArrayList<>();
    Map<String, MetricType> types = new HashMap<>();
    Map<String, String> help = new HashMap<>();
    for (MetricFamily f : parsed) {
      samples.addAll(f.samples());
      types.put(f.name(), f.type());
      help.put(f.name(), f.help());
    }
    List<Sample> expected = new ArrayList<>();
    expectedFamilies().forEach(f -> expected.addAll(f.samples()));
    assertThat(samples).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(types)
        .containsEntry("requests_total", MetricType.COUNTER)
        .containsEntry("requests_created", MetricType.GAUGE)
        .containsEntry("temperature_celsius", MetricType.GAUGE)
        .containsEntry("latency_seconds", MetricType.HISTOGRAM)
        .containsEntry("size_bytes", MetricType.SUMMARY)
        .containsEntry("build_info", MetricType.GAUGE)
        .containsEntry("empty_family", MetricType.GAUGE);
    assertThat(help).containsEntry("requests_total", "Requests \\ served\nsince start.");
  }

  @Test
  void ourWriterOutputReadsBackTheSame() throws Exception {
    List<MetricFamily> expected = expectedFamilies();
    ExpositionWriter writer = ExpositionWriter.of(ExpositionFormat.OPENMETRICS_TEXT);
    assertThat(
            ExpositionParser.of(ExpositionFormat.OPENMETRICS_TEXT)
                .parse(writer.toByteArray(expected)))
        .isEqualTo(expected);
  }

  private String write(String contentType) throws Exception {
    StringWriter out = new StringWriter();
    TextFormat.writeFormat(contentType, out, registry.metricFamilySamples());
    return out.toString();
  }

  /** The registry's families in our model. */
  private List<MetricFamily> expectedFamilies() {
    List<MetricFamily> families = new ArrayList<>();
    for (Collector.MetricFamilySamples mfs : Collections.list(registry.metricFamilySamples())) {
      List<Sample> samples = new ArrayList<>();
      for (Collector.MetricFamilySamples.Sample s : mfs.samples) {
        Labels.Builder labels = Labels.builder();
        for (int i = 0; i < s.labelNames.size(); i++) {
          labels.add(s.labelNames.get(i), s.labelValues.get(i));
        }
        samples.add(Sample.of(s.name, labels.build(), s.value));
      }
      families.add(MetricFamily.of(mfs.name, type(mfs.type), mfs.help, mfs.unit, samples));
    }
    return families;
  }

  private static MetricType type(Collector.Type type) {
    switch (type) {
      case COUNTER:
        return MetricType.COUNTER;
      case GAUGE:
        return MetricType.GAUGE;
      case HISTOGRAM:
        return MetricType.HISTOGRAM;
      case GAUGE_HISTOGRAM:
        return MetricType.GAUGE_HISTOGRAM;
      case SUMMARY:
        return MetricType.SUMMARY;
      case INFO:
        return MetricType.INFO;
      case STATE_SET:
        return MetricType.STATESET;
      default:
        return MetricType.UNKNOWN;
    }
  }
}
