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

  /**
   * A builder with Prometheus' defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this policy's settings.
   *
   * @return a new builder, independent of this policy
   */
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
   *
   * @return whether scraped labels win clashes with target labels
   */
  public boolean honorLabels() {
    return honorLabels;
  }

  /**
   * {@code honor_timestamps}: keep the timestamps the target exposes (default {@code true}).
   *
   * @return whether exposed timestamps are kept
   */
  public boolean honorTimestamps() {
    return honorTimestamps;
  }

  /**
   * {@code track_timestamps_staleness}: stale markers also for series with explicit timestamps.
   *
   * @return whether series with explicit timestamps get stale markers too (default {@code false})
   */
  public boolean trackTimestampsStaleness() {
    return trackTimestampsStaleness;
  }

  /**
   * {@code sample_limit}: most samples after metric relabeling; 0 for none.
   *
   * @return the sample limit, 0 for none
   */
  public int sampleLimit() {
    return sampleLimit;
  }

  /**
   * {@code label_limit}: most labels per series; 0 for none.
   *
   * @return the label count limit, 0 for none
   */
  public int labelLimit() {
    return labelLimit;
  }

  /**
   * {@code label_name_length_limit}: longest label name; 0 for none.
   *
   * @return the label name length limit in characters, 0 for none
   */
  public int labelNameLengthLimit() {
    return labelNameLengthLimit;
  }

  /**
   * {@code label_value_length_limit}: longest label value; 0 for none.
   *
   * @return the label value length limit in characters, 0 for none
   */
  public int labelValueLengthLimit() {
    return labelValueLengthLimit;
  }

  /**
   * {@code metric_relabel_configs}, applied to every sample; {@link MetricRelabeler#IDENTITY} by
   * default.
   *
   * @return the metric relabeler, never null
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

    /**
     * Sets {@code honor_labels}.
     *
     * @param honorLabels {@code true} to keep scraped labels on a clash; default {@code false}
     * @return this builder
     */
    public Builder honorLabels(boolean honorLabels) {
      this.honorLabels = honorLabels;
      return this;
    }

    /**
     * Sets {@code honor_timestamps}.
     *
     * @param honorTimestamps {@code false} to stamp samples with the scrape time; default {@code
     *     true}
     * @return this builder
     */
    public Builder honorTimestamps(boolean honorTimestamps) {
      this.honorTimestamps = honorTimestamps;
      return this;
    }

    /**
     * Sets {@code track_timestamps_staleness}.
     *
     * @param track {@code true} to write stale markers for series with explicit timestamps; default
     *     {@code false}
     * @return this builder
     */
    public Builder trackTimestampsStaleness(boolean track) {
      this.trackTimestampsStaleness = track;
      return this;
    }

    /**
     * Sets {@code sample_limit}; 0 for none.
     *
     * @param limit most samples per scrape after metric relabeling; >= 0, 0 (the default) for none
     * @return this builder
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    public Builder sampleLimit(int limit) {
      this.sampleLimit = nonNegative("sampleLimit", limit);
      return this;
    }

    /**
     * Sets {@code label_limit}; 0 for none.
     *
     * @param limit most labels per series; >= 0, 0 (the default) for none
     * @return this builder
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    public Builder labelLimit(int limit) {
      this.labelLimit = nonNegative("labelLimit", limit);
      return this;
    }

    /**
     * Sets {@code label_name_length_limit}; 0 for none.
     *
     * @param limit longest label name in characters; >= 0, 0 (the default) for none
     * @return this builder
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    public Builder labelNameLengthLimit(int limit) {
      this.labelNameLengthLimit = nonNegative("labelNameLengthLimit", limit);
      return this;
    }

    /**
     * Sets {@code label_value_length_limit}; 0 for none.
     *
     * @param limit longest label value in characters; >= 0, 0 (the default) for none
     * @return this builder
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    public Builder labelValueLengthLimit(int limit) {
      this.labelValueLengthLimit = nonNegative("labelValueLengthLimit", limit);
      return this;
    }

    /**
     * Sets the {@code metric_relabel_configs} to apply.
     *
     * @param relabeler the relabeler; not null, {@link MetricRelabeler#IDENTITY} by default
     * @return this builder
     */
    public Builder metricRelabeler(MetricRelabeler relabeler) {
      this.metricRelabeler = Objects.requireNonNull(relabeler, "metricRelabeler");
      return this;
    }

    /**
     * The policy.
     *
     * @return a new, immutable policy; the builder may be reused
     */
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
