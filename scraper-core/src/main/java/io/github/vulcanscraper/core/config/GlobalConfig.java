package io.github.vulcanscraper.core.config;

import io.github.vulcanscraper.api.Labels;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The {@code global} section of a Prometheus configuration: the defaults every scrape config
 * inherits. Defaults as Prometheus: {@code scrape_interval} 1m, {@code scrape_timeout} 10s (at most
 * the interval), {@code evaluation_interval} 1m, no external labels, no limits (0), the default
 * scrape protocols.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * GlobalConfig global = GlobalConfig.builder().scrapeInterval(Duration.ofSeconds(15)).build();
 * }</pre>
 */
public final class GlobalConfig {
  /** The default scrape interval, one minute. */
  public static final Duration DEFAULT_SCRAPE_INTERVAL = Duration.ofMinutes(1);

  /** The default scrape timeout, ten seconds (capped by the interval). */
  public static final Duration DEFAULT_SCRAPE_TIMEOUT = Duration.ofSeconds(10);

  /** Prometheus' defaults. */
  public static final GlobalConfig DEFAULT = builder().build();

  private final Duration scrapeInterval;
  private final Duration scrapeTimeout;
  private final Duration evaluationInterval;
  private final Labels externalLabels;
  private final long bodySizeLimit;
  private final int sampleLimit;
  private final int targetLimit;
  private final int labelLimit;
  private final int labelNameLengthLimit;
  private final int labelValueLengthLimit;
  private final int keepDroppedTargets;
  private final List<String> scrapeProtocols;

  private GlobalConfig(Builder b, Duration interval, Duration timeout) {
    this.scrapeInterval = interval;
    this.scrapeTimeout = timeout;
    this.evaluationInterval = b.evaluationInterval;
    this.externalLabels = b.externalLabels;
    this.bodySizeLimit = b.bodySizeLimit;
    this.sampleLimit = b.sampleLimit;
    this.targetLimit = b.targetLimit;
    this.labelLimit = b.labelLimit;
    this.labelNameLengthLimit = b.labelNameLengthLimit;
    this.labelValueLengthLimit = b.labelValueLengthLimit;
    this.keepDroppedTargets = b.keepDroppedTargets;
    this.scrapeProtocols = b.scrapeProtocols;
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
   * {@code scrape_interval}: how often targets are scraped by default; 1m by default.
   *
   * @return the default scrape interval, positive
   */
  public Duration scrapeInterval() {
    return scrapeInterval;
  }

  /**
   * {@code scrape_timeout}: the default scrape timeout; 10s or the interval if shorter.
   *
   * @return the default scrape timeout, positive and at most the interval
   */
  public Duration scrapeTimeout() {
    return scrapeTimeout;
  }

  /**
   * {@code evaluation_interval}: accepted for compatibility (rules are not evaluated here).
   *
   * @return the evaluation interval, positive
   */
  public Duration evaluationInterval() {
    return evaluationInterval;
  }

  /**
   * {@code external_labels}; empty by default. Kept as written, not added to scraped series; unlike
   * Prometheus 3, {@code $VAR} references are not expanded from the environment.
   *
   * @return the external labels, {@link Labels#EMPTY} when unset
   */
  public Labels externalLabels() {
    return externalLabels;
  }

  /**
   * {@code body_size_limit} in bytes; 0 for none.
   *
   * @return the default body size limit in bytes, 0 for none
   */
  public long bodySizeLimit() {
    return bodySizeLimit;
  }

  /**
   * {@code sample_limit}; 0 for none.
   *
   * @return the default sample limit, 0 for none
   */
  public int sampleLimit() {
    return sampleLimit;
  }

  /**
   * {@code target_limit}; 0 for none.
   *
   * @return the default target limit, 0 for none
   */
  public int targetLimit() {
    return targetLimit;
  }

  /**
   * {@code label_limit}; 0 for none.
   *
   * @return the default label count limit, 0 for none
   */
  public int labelLimit() {
    return labelLimit;
  }

  /**
   * {@code label_name_length_limit}; 0 for none.
   *
   * @return the default label name length limit, 0 for none
   */
  public int labelNameLengthLimit() {
    return labelNameLengthLimit;
  }

  /**
   * {@code label_value_length_limit}; 0 for none.
   *
   * @return the default label value length limit, 0 for none
   */
  public int labelValueLengthLimit() {
    return labelValueLengthLimit;
  }

  /**
   * {@code keep_dropped_targets}; 0 for no limit.
   *
   * @return the default count of dropped targets kept, 0 for no limit
   */
  public int keepDroppedTargets() {
    return keepDroppedTargets;
  }

  /**
   * {@code scrape_protocols}, or an empty list when unset (each job then uses the default).
   *
   * @return the protocol names, most wanted first; empty when unset
   */
  public List<String> scrapeProtocols() {
    return scrapeProtocols;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof GlobalConfig)) {
      return false;
    }
    GlobalConfig g = (GlobalConfig) o;
    return scrapeInterval.equals(g.scrapeInterval)
        && scrapeTimeout.equals(g.scrapeTimeout)
        && evaluationInterval.equals(g.evaluationInterval)
        && externalLabels.equals(g.externalLabels)
        && bodySizeLimit == g.bodySizeLimit
        && sampleLimit == g.sampleLimit
        && targetLimit == g.targetLimit
        && labelLimit == g.labelLimit
        && labelNameLengthLimit == g.labelNameLengthLimit
        && labelValueLengthLimit == g.labelValueLengthLimit
        && keepDroppedTargets == g.keepDroppedTargets
        && scrapeProtocols.equals(g.scrapeProtocols);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        scrapeInterval,
        scrapeTimeout,
        evaluationInterval,
        externalLabels,
        bodySizeLimit,
        sampleLimit,
        targetLimit,
        labelLimit,
        labelNameLengthLimit,
        labelValueLengthLimit,
        keepDroppedTargets,
        scrapeProtocols);
  }

  @Override
  public String toString() {
    return "GlobalConfig{scrapeInterval="
        + Durations.format(scrapeInterval)
        + ", scrapeTimeout="
        + Durations.format(scrapeTimeout)
        + ", externalLabels="
        + externalLabels
        + ", bodySizeLimit="
        + bodySizeLimit
        + ", sampleLimit="
        + sampleLimit
        + ", targetLimit="
        + targetLimit
        + "}";
  }

  /** Builds a {@link GlobalConfig}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private @Nullable Duration scrapeInterval;
    private @Nullable Duration scrapeTimeout;
    private Duration evaluationInterval = Duration.ofMinutes(1);
    private Labels externalLabels = Labels.EMPTY;
    private long bodySizeLimit;
    private int sampleLimit;
    private int targetLimit;
    private int labelLimit;
    private int labelNameLengthLimit;
    private int labelValueLengthLimit;
    private int keepDroppedTargets;
    private List<String> scrapeProtocols = List.of();

    private Builder() {}

    /**
     * Sets {@code scrape_interval}; zero or {@code null} means the default, 1m.
     *
     * @param interval the interval; positive, or zero or {@code null} for 1m
     * @return this builder
     * @throws IllegalArgumentException when {@code interval} is negative
     */
    public Builder scrapeInterval(@Nullable Duration interval) {
      this.scrapeInterval = nonNegative("scrape_interval", interval);
      return this;
    }

    /**
     * Sets {@code scrape_timeout}; zero or {@code null} means 10s or the interval if shorter.
     *
     * @param timeout the timeout; positive, or zero or {@code null} for the default
     * @return this builder
     * @throws IllegalArgumentException when {@code timeout} is negative
     */
    public Builder scrapeTimeout(@Nullable Duration timeout) {
      this.scrapeTimeout = nonNegative("scrape_timeout", timeout);
      return this;
    }

    /**
     * Sets {@code evaluation_interval}; zero or {@code null} means the default, 1m.
     *
     * @param interval the interval; positive, or zero or {@code null} for 1m
     * @return this builder
     * @throws IllegalArgumentException when {@code interval} is negative
     */
    public Builder evaluationInterval(@Nullable Duration interval) {
      Duration d = nonNegative("evaluation_interval", interval);
      this.evaluationInterval = d == null ? Duration.ofMinutes(1) : d;
      return this;
    }

    /**
     * Sets {@code external_labels}.
     *
     * @param labels the external labels; not null
     * @return this builder
     */
    public Builder externalLabels(Labels labels) {
      this.externalLabels = Objects.requireNonNull(labels, "externalLabels");
      return this;
    }

    /**
     * Sets {@code body_size_limit} in bytes; 0 for none.
     *
     * @param bytes the limit in bytes; >= 0
     * @return this builder
     * @throws IllegalArgumentException when {@code bytes} is negative
     */
    public Builder bodySizeLimit(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("body_size_limit must be >= 0: " + bytes);
      }
      this.bodySizeLimit = bytes;
      return this;
    }

    /**
     * Sets {@code sample_limit}; 0 for none.
     *
     * @param limit most samples per scrape; >= 0
     * @return this builder
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    public Builder sampleLimit(int limit) {
      this.sampleLimit = ScrapeConfig.nonNegative("sample_limit", limit);
      return this;
    }

    /**
     * Sets {@code target_limit}; 0 for none.
     *
     * @param limit most targets per job after relabeling; >= 0
     * @return this builder
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    public Builder targetLimit(int limit) {
      this.targetLimit = ScrapeConfig.nonNegative("target_limit", limit);
      return this;
    }

    /**
     * Sets {@code label_limit}; 0 for none.
     *
     * @param limit most labels per series; >= 0
     * @return this builder
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    public Builder labelLimit(int limit) {
      this.labelLimit = ScrapeConfig.nonNegative("label_limit", limit);
      return this;
    }

    /**
     * Sets {@code label_name_length_limit}; 0 for none.
     *
     * @param limit longest label name in characters; >= 0
     * @return this builder
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    public Builder labelNameLengthLimit(int limit) {
      this.labelNameLengthLimit = ScrapeConfig.nonNegative("label_name_length_limit", limit);
      return this;
    }

    /**
     * Sets {@code label_value_length_limit}; 0 for none.
     *
     * @param limit longest label value in characters; >= 0
     * @return this builder
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    public Builder labelValueLengthLimit(int limit) {
      this.labelValueLengthLimit = ScrapeConfig.nonNegative("label_value_length_limit", limit);
      return this;
    }

    /**
     * Sets {@code keep_dropped_targets}; 0 for no limit.
     *
     * @param limit most dropped targets kept per job; >= 0
     * @return this builder
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    public Builder keepDroppedTargets(int limit) {
      this.keepDroppedTargets = ScrapeConfig.nonNegative("keep_dropped_targets", limit);
      return this;
    }

    /**
     * Sets {@code scrape_protocols}; an empty list means unset.
     *
     * @param protocols Prometheus' protocol names, most wanted first; validated and copied
     * @return this builder
     * @throws IllegalArgumentException for an unknown or repeated protocol
     */
    public Builder scrapeProtocols(List<String> protocols) {
      this.scrapeProtocols =
          protocols.isEmpty() ? List.of() : ScrapeProtocols.validate(protocols, "global config");
      return this;
    }

    private static @Nullable Duration nonNegative(String what, @Nullable Duration d) {
      if (d != null && d.isNegative()) {
        throw new IllegalArgumentException(what + " must not be negative: " + d);
      }
      return d == null || d.isZero() ? null : d;
    }

    /**
     * The global settings.
     *
     * @return a new, immutable global section
     * @throws IllegalArgumentException when the timeout is greater than the interval
     */
    public GlobalConfig build() {
      Duration interval = scrapeInterval == null ? DEFAULT_SCRAPE_INTERVAL : scrapeInterval;
      if (scrapeTimeout != null && scrapeTimeout.compareTo(interval) > 0) {
        throw new IllegalArgumentException(
            "global scrape timeout greater than scrape interval ("
                + Durations.format(scrapeTimeout)
                + " > "
                + Durations.format(interval)
                + ")");
      }
      Duration timeout =
          scrapeTimeout != null
              ? scrapeTimeout
              : (DEFAULT_SCRAPE_TIMEOUT.compareTo(interval) < 0
                  ? DEFAULT_SCRAPE_TIMEOUT
                  : interval);
      return new GlobalConfig(this, interval, timeout);
    }
  }
}
