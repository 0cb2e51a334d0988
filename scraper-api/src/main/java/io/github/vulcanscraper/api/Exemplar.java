package io.github.vulcanscraper.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An OpenMetrics exemplar: a reference (usually a trace id) attached to a sample, with its own
 * labels, value and optional timestamp. Immutable and thread-safe.
 */
public final class Exemplar {
  private final Labels labels;
  private final double value;
  private final long timestampMillis;

  private Exemplar(Labels labels, double value, long timestampMillis) {
    this.labels = Objects.requireNonNull(labels, "labels");
    this.value = value;
    this.timestampMillis = timestampMillis;
  }

  /**
   * An exemplar without a timestamp.
   *
   * @param labels the exemplar's labels, such as {@code trace_id}; not null
   * @param value the observed value
   * @return the exemplar
   */
  public static Exemplar of(Labels labels, double value) {
    return new Exemplar(labels, value, Sample.NO_TIMESTAMP);
  }

  /**
   * An exemplar with a timestamp in milliseconds since the epoch.
   *
   * @param labels the exemplar's labels, such as {@code trace_id}; not null
   * @param value the observed value
   * @param timestampMillis milliseconds since the epoch, or {@link Sample#NO_TIMESTAMP} for none
   * @return the exemplar
   */
  public static Exemplar of(Labels labels, double value, long timestampMillis) {
    return new Exemplar(labels, value, timestampMillis);
  }

  /**
   * The exemplar's labels, such as {@code trace_id}.
   *
   * @return the labels, never null
   */
  public Labels labels() {
    return labels;
  }

  /**
   * The observed value.
   *
   * @return the value
   */
  public double value() {
    return value;
  }

  /**
   * True when the exemplar carries a timestamp.
   *
   * @return whether {@link #timestampMillis()} is not {@link Sample#NO_TIMESTAMP}
   */
  public boolean hasTimestamp() {
    return timestampMillis != Sample.NO_TIMESTAMP;
  }

  /**
   * The timestamp in milliseconds since the epoch, or {@link Sample#NO_TIMESTAMP}.
   *
   * @return the timestamp in milliseconds, or {@link Sample#NO_TIMESTAMP}
   */
  public long timestampMillis() {
    return timestampMillis;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Exemplar)) {
      return false;
    }
    Exemplar e = (Exemplar) o;
    return labels.equals(e.labels)
        && Double.compare(value, e.value) == 0
        && timestampMillis == e.timestampMillis;
  }

  @Override
  public int hashCode() {
    return Objects.hash(labels, value, timestampMillis);
  }

  @Override
  public String toString() {
    return "# " + labels + " " + value + (hasTimestamp() ? " @" + timestampMillis : "");
  }
}
