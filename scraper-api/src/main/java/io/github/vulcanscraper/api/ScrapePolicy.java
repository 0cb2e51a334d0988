package io.github.vulcanscraper.api;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How the samples of one scrape are labelled, filtered and limited, with the semantics of the
 * Prometheus {@code scrape_config} fields of the same names. A limit of {@code 0} means no limit.
 * Exceeding a limit fails the whole scrape: it is written with {@code up 0} and no samples.
 *
 * <p>Immutable and thread-safe. Build one with {@link #builder()}:
 *
 * <pre>{@code
 * ScrapePolicy policy = ScrapePolicy.builder().honorLabels(true).sampleLimit(10_000).build();
 * }</pre>
 */
public final class ScrapePolicy {
  /** Prometheus' defaults: target labels win clashes, exposed timestamps kept, no limits. */
  public static final ScrapePolicy DEFAULT = builder().build();

  private final boolean honorLabels;
  private final boolean honorTimestamps;
  private final boolean trackTimestampsStaleness;
  private final int sampleLimit;
  private final int labelLimit;
  private final int labelNameLengthLimit;
  private final int labelValueLengthLimit;
  private final MetricRelabeler metricRelabeler;

  private ScrapePolicy(Builder b) {
    this.honorLabels = b.honorLabels;
    this.honorTimestamps = b.honorTimestamps;
    this.trackTimestampsStaleness = b.trackTimestampsStaleness;
    this.sampleLimit = b.sampleLimit;
    this.labelLimit = b.labelLimit;
    this.labelNameLengthLimit = b.labelNameLengthLimit;
    this.labelValueLengthLimit = b.labelValueLengthLimit;
    this.metricRelabeler = b.metricRelabeler;
  }

  /** A builder with Prometheus' defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this policy's settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.honorLabels = honorLabels;
    b.honorTimestamps = honorTimestamps;
    b.trackTimestampsStaleness = trackTimestampsStaleness;
    b.sampleLimit = sampleLimit;
    b.labelLimit = labelLimit;
    b.labelNameLengthLimit = labelNameLengthLimit;
    b.labelValueLengthLimit = labelValueLengthLimit;
    b.metricRelabeler = metricRelabeler;
    return b;
  }

  /**
   * {@code honor_labels}: when {@code true} a scraped label wins a clash with a target label; when
   * {@code false} (the default) the scraped one is renamed {@code exported_<name>}.
   */
  public boolean honorLabels() {
    return honorLabels;
  }

  /** {@code honor_timestamps}: keep the timestamps the target exposes (default {@code true}). */
  public boolean honorTimestamps() {
    return honorTimestamps;
  }

  /** {@code track_timestamps_staleness}: stale markers also for series with explicit timestamps. */
  public boolean trackTimestampsStaleness() {
    return trackTimestampsStaleness;
  }

  /** {@code sample_limit}: most samples after metric relabeling; 0 for none. */
  public int sampleLimit() {
    return sampleLimit;
  }

  /** {@code label_limit}: most labels per series; 0 for none. */
  public int labelLimit() {
    return labelLimit;
  }

  /** {@code label_name_length_limit}: longest label name; 0 for none. */
  public int labelNameLengthLimit() {
    return labelNameLengthLimit;
  }

  /** {@code label_value_length_limit}: longest label value; 0 for none. */
  public int labelValueLengthLimit() {
    return labelValueLengthLimit;
  }

  /**
   * {@code metric_relabel_configs}, applied to every sample; {@link MetricRelabeler#IDENTITY} by
   * default.
   */
  public MetricRelabeler metricRelabeler() {
    return metricRelabeler;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof ScrapePolicy)) {
      return false;
    }
    ScrapePolicy p = (ScrapePolicy) o;
    return honorLabels == p.honorLabels
        && honorTimestamps == p.honorTimestamps
        && trackTimestampsStaleness == p.trackTimestampsStaleness
        && sampleLimit == p.sampleLimit
        && labelLimit == p.labelLimit
        && labelNameLengthLimit == p.labelNameLengthLimit
        && labelValueLengthLimit == p.labelValueLengthLimit
        && metricRelabeler.equals(p.metricRelabeler);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        honorLabels,
        honorTimestamps,
        trackTimestampsStaleness,
        sampleLimit,
        labelLimit,
        labelNameLengthLimit,
        labelValueLengthLimit,
        metricRelabeler);
  }

  @Override
  public String toString() {
    return "ScrapePolicy{honorLabels="
        + honorLabels
        + ", honorTimestamps="
        + honorTimestamps
        + ", trackTimestampsStaleness="
        + trackTimestampsStaleness
        + ", sampleLimit="
        + sampleLimit
        + ", labelLimit="
        + labelLimit
        + ", labelNameLengthLimit="
        + labelNameLengthLimit
        + ", labelValueLengthLimit="
        + labelValueLengthLimit
        + "}";
  }

  /** Builds a {@link ScrapePolicy}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private boolean honorLabels;
    private boolean honorTimestamps = true;
    private boolean trackTimestampsStaleness;
    private int sampleLimit;
    private int labelLimit;
    private int labelNameLengthLimit;
    private int labelValueLengthLimit;
    private MetricRelabeler metricRelabeler = MetricRelabeler.IDENTITY;

    private Builder() {}

    /** Sets {@code honor_labels}. */
    public Builder honorLabels(boolean honorLabels) {
      this.honorLabels = honorLabels;
      return this;
    }

    /** Sets {@code honor_timestamps}. */
    public Builder honorTimestamps(boolean honorTimestamps) {
      this.honorTimestamps = honorTimestamps;
      return this;
    }

    /** Sets {@code track_timestamps_staleness}. */
    public Builder trackTimestampsStaleness(boolean track) {
      this.trackTimestampsStaleness = track;
      return this;
    }

    /** Sets {@code sample_limit}; 0 for none. */
    public Builder sampleLimit(int limit) {
      this.sampleLimit = nonNegative("sampleLimit", limit);
      return this;
    }

    /** Sets {@code label_limit}; 0 for none. */
    public Builder labelLimit(int limit) {
      this.labelLimit = nonNegative("labelLimit", limit);
      return this;
    }

    /** Sets {@code label_name_length_limit}; 0 for none. */
    public Builder labelNameLengthLimit(int limit) {
      this.labelNameLengthLimit = nonNegative("labelNameLengthLimit", limit);
      return this;
    }

    /** Sets {@code label_value_length_limit}; 0 for none. */
    public Builder labelValueLengthLimit(int limit) {
      this.labelValueLengthLimit = nonNegative("labelValueLengthLimit", limit);
      return this;
    }

    /** Sets the {@code metric_relabel_configs} to apply. */
    public Builder metricRelabeler(MetricRelabeler relabeler) {
      this.metricRelabeler = Objects.requireNonNull(relabeler, "metricRelabeler");
      return this;
    }

    /** The policy. */
    public ScrapePolicy build() {
      return new ScrapePolicy(this);
    }

    private static int nonNegative(String what, int value) {
      if (value < 0) {
        throw new IllegalArgumentException(what + " must be >= 0: " + value);
      }
      return value;
    }
  }
}
