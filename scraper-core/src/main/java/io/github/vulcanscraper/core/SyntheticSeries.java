package io.github.vulcanscraper.core;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.MetricType;
import io.github.vulcanscraper.api.Sample;
import java.util.List;

/**
 * The series Prometheus adds to every scrape, successful or failed, with the target's labels:
 * {@code up}, {@code scrape_duration_seconds}, {@code scrape_samples_scraped}, {@code
 * scrape_samples_post_metric_relabeling} and {@code scrape_series_added}.
 */
final class SyntheticSeries {
  static final String UP = "up";
  static final String DURATION = "scrape_duration_seconds";
  static final String SCRAPED = "scrape_samples_scraped";
  static final String POST_RELABELING = "scrape_samples_post_metric_relabeling";
  static final String SERIES_ADDED = "scrape_series_added";

  private SyntheticSeries() {}

  /** The five families, each with one sample labelled {@code target}. */
  static List<MetricFamily> of(
      Labels target,
      boolean up,
      double durationSeconds,
      int samplesScraped,
      int samplesPostRelabeling,
      int seriesAdded) {
    return List.of(
        gauge(UP, "Whether the last scrape succeeded (1) or failed (0).", target, up ? 1 : 0),
        gauge(DURATION, "How long the scrape took.", target, durationSeconds),
        gauge(SCRAPED, "Samples the target exposed.", target, samplesScraped),
        gauge(
            POST_RELABELING,
            "Samples left after metric relabeling.",
            target,
            samplesPostRelabeling),
        gauge(SERIES_ADDED, "Series new in this scrape.", target, seriesAdded));
  }

  private static MetricFamily gauge(String name, String help, Labels target, double value) {
    return MetricFamily.of(
        name, MetricType.GAUGE, help, "", List.of(Sample.of(name, target, value)));
  }
}
