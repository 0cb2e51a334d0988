package io.github.vulcanscraper.kafka;

import io.github.vulcanscraper.api.Exemplar;
import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.MetricType;
import io.github.vulcanscraper.api.Sample;
import io.github.vulcanscraper.api.Scrape;
import java.util.ArrayList;
import java.util.List;

/** Scrapes for tests: a small one with every kind of value, and realistic large ones. */
final class Scrapes {
  private Scrapes() {}

  /** A scrape with counters, gauges, a histogram, special values and an exemplar. */
  static Scrape varied(String job, String instance, long timestampMillis) {
    Labels target = Labels.of("job", job, "instance", instance);
    List<MetricFamily> families = new ArrayList<>();
    families.add(
        MetricFamily.of(
            "http_requests",
            MetricType.COUNTER,
            "Requests served, by code.\nSecond line with \\ backslash.",
            "",
            List.of(
                Sample.of("http_requests_total", with(target, "code", "200"), 1027),
                Sample.of("http_requests_total", with(target, "code", "500"), 3.5e-3),
                Sample.of(
                    "http_requests_total",
                    with(target, "code", "quote\"and\\slash\nnewline ünï"),
                    1e21))));
    families.add(
        MetricFamily.of(
            "temperature_celsius",
            MetricType.GAUGE,
            "A gauge with special values.",
            "",
            List.of(
                Sample.of("temperature_celsius", with(target, "room", "a"), -12.25),
                Sample.of("temperature_celsius", with(target, "room", "b"), Double.NaN),
                Sample.of(
                    "temperature_celsius", with(target, "room", "c"), Double.POSITIVE_INFINITY),
                Sample.of(
                    "temperature_celsius", with(target, "room", "d"), Double.NEGATIVE_INFINITY),
                Sample.of("temperature_celsius", with(target, "room", "e"), 21, 1_600_000_000_123L),
                Sample.of("temperature_celsius", with(target, "room", "f"), Sample.STALE_NAN))));
    families.add(
        MetricFamily.of(
            "latency_seconds",
            MetricType.HISTOGRAM,
            "",
            "",
            List.of(
                Sample.of(
                    "latency_seconds_bucket",
                    with(target, "le", "0.1"),
                    4,
                    Sample.NO_TIMESTAMP,
                    Exemplar.of(Labels.of("trace_id", "abc123"), 0.05, 1_600_000_000_500L)),
                Sample.of("latency_seconds_bucket", with(target, "le", "+Inf"), 7),
                Sample.of("latency_seconds_count", target, 7),
                Sample.of("latency_seconds_sum", target, 1.75))));
    families.add(MetricFamily.of("up", MetricType.GAUGE, List.of(Sample.of("up", target, 1))));
    return Scrape.of(timestampMillis, target, families);
  }

  /** A scrape of {@code samples} gauge samples in families of 10, as a node exporter gives. */
  static Scrape large(String job, String instance, long timestampMillis, int samples) {
    Labels target = Labels.of("job", job, "instance", instance);
    List<MetricFamily> families = new ArrayList<>();
    for (int f = 0; f * 10 < samples; f++) {
      List<Sample> list = new ArrayList<>();
      String name = "node_subsystem_" + f + "_value_bytes";
      for (int i = 0; i < 10 && f * 10 + i < samples; i++) {
        Labels l =
            target.toBuilder().set("device", "dev" + i).set("mode", "mode" + (i % 3)).build();
        list.add(Sample.of(name, l, 1_000_000.0 * f + i * 12.5));
      }
      families.add(MetricFamily.of(name, MetricType.GAUGE, "Help for " + name + ".", "", list));
    }
    return Scrape.of(timestampMillis, target, families);
  }

  private static Labels with(Labels target, String name, String value) {
    return target.with(name, value);
  }

  /** Every sample of the scrape with the scrape's timestamp where it has none, in order. */
  static List<Sample> timestamped(Scrape scrape) {
    List<Sample> out = new ArrayList<>();
    for (MetricFamily f : scrape.families()) {
      for (Sample s : f.samples()) {
        out.add(s.hasTimestamp() ? s : s.withTimestamp(scrape.timestampMillis()));
      }
    }
    return out;
  }

  /** Every sample of the families, in order. */
  static List<Sample> samples(List<MetricFamily> families) {
    List<Sample> out = new ArrayList<>();
    families.forEach(f -> out.addAll(f.samples()));
    return out;
  }

  /**
   * A comparable form of a sample: name, labels, value (any NaN as "NaN" unless {@code keepStale}
   * and it is the staleness marker) and timestamp; exemplars left out.
   */
  static String describe(Sample s, boolean keepStale) {
    String value =
        Sample.isStaleMarker(s.value()) && keepStale
            ? "StaleNaN"
            : Double.isNaN(s.value()) ? "NaN" : Double.toString(s.value());
    return s.name() + s.labels() + " " + value + " @" + s.timestampMillis();
  }

  static List<String> describe(List<Sample> samples, boolean keepStale) {
    List<String> out = new ArrayList<>();
    samples.forEach(s -> out.add(describe(s, keepStale)));
    return out;
  }
}
