package io.github.vulcanscraper.api;

import org.jspecify.annotations.Nullable;

/**
 * Rewrites or drops one series after the scrape, as Prometheus' {@code metric_relabel_configs} do.
 * The input holds the metric name as the label {@code __name__}.
 *
 * <p>Implementations are immutable and thread-safe, and fast: they run once per sample.
 */
@FunctionalInterface
public interface MetricRelabeler {
  /** Keeps every series unchanged. */
  MetricRelabeler IDENTITY = labels -> labels;

  /**
   * Returns the series' new labels, or {@code null} to drop it. A result without {@code __name__}
   * drops the series as well.
   *
   * @param labels the series' labels, the metric name as {@code __name__}
   * @return the new labels, or {@code null} to drop the series
   */
  @Nullable Labels relabel(Labels labels);
}
