package io.github.vulcanscraper.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One sample: a series (metric name and labels), a value, an optional timestamp and an optional
 * exemplar. The name is the sample's own, with its suffix ({@code http_requests_total}, {@code
 * latency_bucket}); the labels do not hold {@code __name__}. Immutable and thread-safe.
 *
 * <p>The timestamp is absent when the target did not expose one; {@link #timestampMillis()} is then
 * {@link #NO_TIMESTAMP}. A primitive with a sentinel, not an {@code OptionalLong}, because samples
 * are made by the million.
 */
public final class Sample {
  /** The timestamp of a sample that has none. */
  public static final long NO_TIMESTAMP = Long.MIN_VALUE;

  /**
   * Prometheus' staleness marker: a NaN with a particular bit pattern ({@code 0x7ff0000000000002})
   * that says "this series ended". Compare with {@link #isStaleMarker(double)}, never with {@code
   * ==}.
   */
  public static final double STALE_NAN = Double.longBitsToDouble(0x7ff0000000000002L);

  private final String name;
  private final Labels labels;
  private final double value;
  private final long timestampMillis;
  private final @Nullable Exemplar exemplar;

  private Sample(
      String name, Labels labels, double value, long timestampMillis, @Nullable Exemplar exemplar) {
    this.name = Names.requireMetricName(name);
    this.labels = Objects.requireNonNull(labels, "labels");
    this.value = value;
    this.timestampMillis = timestampMillis;
    this.exemplar = exemplar;
  }

  /**
   * A sample without timestamp or exemplar.
   *
   * @param name the metric name, suffix included; must match {@code [a-zA-Z_:][a-zA-Z0-9_:]*}
   * @param labels the labels, without {@code __name__}; not null
   * @param value the value; any double, NaN and infinities included
   * @return the sample
   * @throws IllegalArgumentException on an invalid metric name
   */
  public static Sample of(String name, Labels labels, double value) {
    return new Sample(name, labels, value, NO_TIMESTAMP, null);
  }

  /**
   * A sample with a timestamp in milliseconds since the epoch ({@link #NO_TIMESTAMP} for none).
   *
   * @param name the metric name, suffix included; must be a valid metric name
   * @param labels the labels, without {@code __name__}; not null
   * @param value the value; any double
   * @param timestampMillis milliseconds since the epoch, or {@link #NO_TIMESTAMP}
   * @return the sample
   * @throws IllegalArgumentException on an invalid metric name
   */
  public static Sample of(String name, Labels labels, double value, long timestampMillis) {
    return new Sample(name, labels, value, timestampMillis, null);
  }

  /**
   * A sample with timestamp ({@link #NO_TIMESTAMP} for none) and exemplar ({@code null} for none).
   *
   * @param name the metric name, suffix included; must be a valid metric name
   * @param labels the labels, without {@code __name__}; not null
   * @param value the value; any double
   * @param timestampMillis milliseconds since the epoch, or {@link #NO_TIMESTAMP}
   * @param exemplar the exemplar, or {@code null} for none
   * @return the sample
   * @throws IllegalArgumentException on an invalid metric name
   */
  public static Sample of(
      String name, Labels labels, double value, long timestampMillis, @Nullable Exemplar exemplar) {
    return new Sample(name, labels, value, timestampMillis, exemplar);
  }

  /**
   * True when {@code value} is Prometheus' staleness marker.
   *
   * @param value any double
   * @return whether {@code value} has the bit pattern of {@link #STALE_NAN} (other NaNs do not)
   */
  public static boolean isStaleMarker(double value) {
    return Double.doubleToRawLongBits(value) == 0x7ff0000000000002L;
  }

  /**
   * The sample's metric name, suffix included.
   *
   * @return the metric name, e.g. {@code latency_bucket}
   */
  public String name() {
    return name;
  }

  /**
   * The sample's labels, without {@code __name__}.
   *
   * @return the labels, {@link Labels#EMPTY} when there are none
   */
  public Labels labels() {
    return labels;
  }

  /**
   * The value; may be NaN, infinite, or the {@link #STALE_NAN staleness marker}.
   *
   * @return the sample's value
   */
  public double value() {
    return value;
  }

  /**
   * True when the sample carries a timestamp.
   *
   * @return whether {@link #timestampMillis()} is not {@link #NO_TIMESTAMP}
   */
  public boolean hasTimestamp() {
    return timestampMillis != NO_TIMESTAMP;
  }

  /**
   * The timestamp in milliseconds since the epoch, or {@link #NO_TIMESTAMP}.
   *
   * @return the timestamp in milliseconds, or {@link #NO_TIMESTAMP}
   */
  public long timestampMillis() {
    return timestampMillis;
  }

  /**
   * The exemplar, or {@code null} when there is none.
   *
   * @return the exemplar, or {@code null}
   */
  public @Nullable Exemplar exemplar() {
    return exemplar;
  }

  /**
   * This sample with other labels.
   *
   * @param newLabels the labels of the copy, without {@code __name__}; not null
   * @return a copy with the same name, value, timestamp and exemplar
   */
  public Sample withLabels(Labels newLabels) {
    return new Sample(name, newLabels, value, timestampMillis, exemplar);
  }

  /**
   * This sample with another timestamp ({@link #NO_TIMESTAMP} for none).
   *
   * @param newTimestampMillis milliseconds since the epoch, or {@link #NO_TIMESTAMP}
   * @return a copy with the same series, value and exemplar
   */
  public Sample withTimestamp(long newTimestampMillis) {
    return new Sample(name, labels, value, newTimestampMillis, exemplar);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Sample)) {
      return false;
    }
    Sample s = (Sample) o;
    return name.equals(s.name)
        && labels.equals(s.labels)
        && Double.doubleToLongBits(value) == Double.doubleToLongBits(s.value)
        && timestampMillis == s.timestampMillis
        && Objects.equals(exemplar, s.exemplar);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, labels, value, timestampMillis, exemplar);
  }

  @Override
  public String toString() {
    return name
        + (labels.isEmpty() ? "" : labels.toString())
        + " "
        + value
        + (hasTimestamp() ? " " + timestampMillis : "")
        + (exemplar == null ? "" : " " + exemplar);
  }
}
