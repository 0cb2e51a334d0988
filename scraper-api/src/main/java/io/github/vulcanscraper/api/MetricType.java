package io.github.vulcanscraper.api;

/**
 * The type of a metric family, as OpenMetrics names them. The Prometheus text format knows {@code
 * counter}, {@code gauge}, {@code histogram}, {@code summary} and {@code untyped} (read as {@link
 * #UNKNOWN}).
 */
public enum MetricType {
  /** A monotonically increasing total; samples {@code _total} and {@code _created}. */
  COUNTER("counter"),
  /** A value that goes up and down. */
  GAUGE("gauge"),
  /**
   * Cumulative buckets; samples {@code _bucket}, {@code _count}, {@code _sum}, {@code _created}.
   */
  HISTOGRAM("histogram"),
  /** A histogram of a gauge; samples {@code _bucket}, {@code _gcount}, {@code _gsum}. */
  GAUGE_HISTOGRAM("gaugehistogram"),
  /** Quantiles; samples with {@code quantile}, {@code _count}, {@code _sum}, {@code _created}. */
  SUMMARY("summary"),
  /** Textual information as labels; samples {@code _info} of value 1. */
  INFO("info"),
  /** A set of boolean states; one sample per state, 0 or 1. */
  STATESET("stateset"),
  /** No type declared ({@code untyped} in the Prometheus text format). */
  UNKNOWN("unknown");

  private final String text;

  MetricType(String text) {
    this.text = text;
  }

  /**
   * The type's name in OpenMetrics' {@code # TYPE} line, e.g. {@code gaugehistogram}.
   *
   * @return the lower-case type name
   */
  public String text() {
    return text;
  }
}
