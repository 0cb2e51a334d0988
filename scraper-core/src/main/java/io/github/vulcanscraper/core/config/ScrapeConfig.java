package io.github.vulcanscraper.core.config;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.api.ScrapePolicy;
import io.github.vulcanscraper.core.http.HttpClientConfig;
import io.github.vulcanscraper.core.relabel.RelabelConfig;
import io.github.vulcanscraper.core.relabel.Relabeler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One job: an entry of Prometheus' {@code scrape_configs}, with the global defaults applied.
 *
 * <p>Defaults as Prometheus: the interval of the global section (1m), a timeout of the global
 * timeout (10s) capped by the interval, {@code metrics_path} {@code /metrics}, {@code scheme}
 * {@code http}, {@code honor_labels} false, {@code honor_timestamps} true, {@code
 * enable_compression} true, the global limits, the default scrape protocols.
 *
 * <p>Immutable and thread-safe; {@link #toString()} shows no secret. Usually read from YAML with
 * {@link PrometheusConfig#parse(String)}; built directly:
 *
 * <pre>{@code
 * ScrapeConfig node = ScrapeConfig.builder("node")
 *     .scrapeInterval(Duration.ofSeconds(15))
 *     .staticConfigs(List.of(StaticConfig.of(List.of("10.0.0.1:9100"), Labels.EMPTY)))
 *     .build();
 * }</pre>
 */
public final class ScrapeConfig {
  private final JobName jobName;
  private final Duration scrapeInterval;
  private final Duration scrapeTimeout;
  private final String metricsPath;
  private final String scheme;
  private final Map<String, List<String>> params;
  private final boolean honorLabels;
  private final boolean honorTimestamps;
  private final boolean trackTimestampsStaleness;
  private final boolean enableCompression;
  private final long bodySizeLimit;
  private final int sampleLimit;
  private final int targetLimit;
  private final int labelLimit;
  private final int labelNameLengthLimit;
  private final int labelValueLengthLimit;
  private final int keepDroppedTargets;
  private final List<String> scrapeProtocols;
  private final @Nullable String fallbackScrapeProtocol;
  private final HttpClientConfig httpClient;
  private final List<RelabelConfig> relabelConfigs;
  private final List<RelabelConfig> metricRelabelConfigs;
  private final List<StaticConfig> staticConfigs;
  private final List<DnsSdConfig> dnsSdConfigs;
  private final List<ConsulSdConfig> consulSdConfigs;
  private final List<FileSdConfig> fileSdConfigs;
  private final List<HttpSdConfig> httpSdConfigs;
  private final Relabeler relabeler;
  private final Relabeler metricRelabeler;

  private ScrapeConfig(Builder b, Duration interval, Duration timeout) {
    GlobalConfig g = b.global;
    this.jobName = b.jobName;
    this.scrapeInterval = interval;
    this.scrapeTimeout = timeout;
    this.metricsPath = b.metricsPath;
    this.scheme = b.scheme;
    Map<String, List<String>> p = new LinkedHashMap<>();
    b.params.forEach((k, v) -> p.put(k, List.copyOf(v)));
    this.params = Collections.unmodifiableMap(p);
    this.honorLabels = b.honorLabels;
    this.honorTimestamps = b.honorTimestamps;
    this.trackTimestampsStaleness = b.trackTimestampsStaleness;
    this.enableCompression = b.enableCompression;
    this.bodySizeLimit = b.bodySizeLimit != 0 ? b.bodySizeLimit : g.bodySizeLimit();
    this.sampleLimit = b.sampleLimit != 0 ? b.sampleLimit : g.sampleLimit();
    this.targetLimit = b.targetLimit != 0 ? b.targetLimit : g.targetLimit();
    this.labelLimit = b.labelLimit != 0 ? b.labelLimit : g.labelLimit();
    this.labelNameLengthLimit =
        b.labelNameLengthLimit != 0 ? b.labelNameLengthLimit : g.labelNameLengthLimit();
    this.labelValueLengthLimit =
        b.labelValueLengthLimit != 0 ? b.labelValueLengthLimit : g.labelValueLengthLimit();
    this.keepDroppedTargets =
        b.keepDroppedTargets != 0 ? b.keepDroppedTargets : g.keepDroppedTargets();
    this.scrapeProtocols =
        !b.scrapeProtocols.isEmpty()
            ? b.scrapeProtocols
            : !g.scrapeProtocols().isEmpty() ? g.scrapeProtocols() : ScrapeProtocols.DEFAULT;
    this.fallbackScrapeProtocol = b.fallbackScrapeProtocol;
    this.httpClient = b.httpClient;
    this.relabelConfigs = b.relabelConfigs;
    this.metricRelabelConfigs = b.metricRelabelConfigs;
    this.staticConfigs = b.staticConfigs;
    this.dnsSdConfigs = b.dnsSdConfigs;
    this.consulSdConfigs = b.consulSdConfigs;
    this.fileSdConfigs = b.fileSdConfigs;
    this.httpSdConfigs = b.httpSdConfigs;
    this.relabeler = Relabeler.of(relabelConfigs);
    this.metricRelabeler = Relabeler.of(metricRelabelConfigs);
  }

  /**
   * A builder for the job of this name, with Prometheus' defaults.
   *
   * @param jobName the {@code job_name}; must be a valid {@link JobName}
   * @return a new builder
   * @throws IllegalArgumentException when the name is not a valid {@link JobName}
   */
  public static Builder builder(String jobName) {
    return new Builder(JobName.of(jobName));
  }

  /**
   * {@code job_name}: unique within a configuration; the default {@code job} label.
   *
   * @return the job's name
   */
  public JobName jobName() {
    return jobName;
  }

  /**
   * {@code scrape_interval}: how often each target is scraped; positive.
   *
   * @return the scrape interval, positive
   */
  public Duration scrapeInterval() {
    return scrapeInterval;
  }

  /**
   * {@code scrape_timeout}: how long a scrape may take; positive, at most the interval.
   *
   * @return the scrape timeout, positive and at most {@link #scrapeInterval()}
   */
  public Duration scrapeTimeout() {
    return scrapeTimeout;
  }

  /**
   * {@code metrics_path}: the HTTP path scraped; {@code /metrics} by default.
   *
   * @return the path, e.g. {@code /metrics}
   */
  public String metricsPath() {
    return metricsPath;
  }

  /**
   * {@code scheme}: {@code http} (default) or {@code https}.
   *
   * @return {@code http} or {@code https}
   */
  public String scheme() {
    return scheme;
  }

  /**
   * {@code params}: query parameters of every scrape, name to values; empty by default.
   *
   * @return an unmodifiable map of parameter name to its values, in configuration order
   */
  public Map<String, List<String>> params() {
    return params;
  }

  /**
   * {@code honor_labels}: scraped labels win clashes with target labels; false by default.
   *
   * @return whether scraped labels win clashes
   */
  public boolean honorLabels() {
    return honorLabels;
  }

  /**
   * {@code honor_timestamps}: keep exposed timestamps; true by default.
   *
   * @return whether exposed timestamps are kept
   */
  public boolean honorTimestamps() {
    return honorTimestamps;
  }

  /**
   * {@code track_timestamps_staleness}; false by default.
   *
   * @return whether series with explicit timestamps get stale markers too
   */
  public boolean trackTimestampsStaleness() {
    return trackTimestampsStaleness;
  }

  /**
   * {@code enable_compression}: ask for gzip; true by default.
   *
   * @return whether scrapes accept gzip
   */
  public boolean enableCompression() {
    return enableCompression;
  }

  /**
   * {@code body_size_limit} in bytes, the global one when unset; 0 for none.
   *
   * @return the body size limit in bytes, 0 for none
   */
  public long bodySizeLimit() {
    return bodySizeLimit;
  }

  /**
   * {@code sample_limit}, the global one when unset; 0 for none.
   *
   * @return the sample limit, 0 for none
   */
  public int sampleLimit() {
    return sampleLimit;
  }

  /**
   * {@code target_limit}: most targets after relabeling, the global one when unset; 0 for none.
   *
   * @return the target limit, 0 for none
   */
  public int targetLimit() {
    return targetLimit;
  }

  /**
   * {@code label_limit}, the global one when unset; 0 for none.
   *
   * @return the label count limit, 0 for none
   */
  public int labelLimit() {
    return labelLimit;
  }

  /**
   * {@code label_name_length_limit}, the global one when unset; 0 for none.
   *
   * @return the label name length limit, 0 for none
   */
  public int labelNameLengthLimit() {
    return labelNameLengthLimit;
  }

  /**
   * {@code label_value_length_limit}, the global one when unset; 0 for none.
   *
   * @return the label value length limit, 0 for none
   */
  public int labelValueLengthLimit() {
    return labelValueLengthLimit;
  }

  /**
   * {@code keep_dropped_targets}, the global one when unset; 0 for no limit.
   *
   * @return how many dropped targets are kept for display, 0 for no limit
   */
  public int keepDroppedTargets() {
    return keepDroppedTargets;
  }

  /**
   * {@code scrape_protocols}: the protocols to ask for, most wanted first, by Prometheus' names
   * ({@code OpenMetricsText1.0.0}, {@code PrometheusText0.0.4}...). The global ones or Prometheus'
   * default when unset.
   *
   * @return the protocols, never empty
   */
  public List<String> scrapeProtocols() {
    return scrapeProtocols;
  }

  /**
   * {@code fallback_scrape_protocol}: used when the content type is unknown, or {@code null}.
   *
   * @return the fallback protocol's name, or {@code null} for none
   */
  public @Nullable String fallbackScrapeProtocol() {
    return fallbackScrapeProtocol;
  }

  /**
   * The HTTP client settings of the scrapes (auth, TLS, proxy, headers, redirects).
   *
   * @return the HTTP client settings, {@link HttpClientConfig#DEFAULT} when unset
   */
  public HttpClientConfig httpClient() {
    return httpClient;
  }

  /**
   * {@code relabel_configs}: applied to each discovered target.
   *
   * @return the target relabel configs, in order; empty for none
   */
  public List<RelabelConfig> relabelConfigs() {
    return relabelConfigs;
  }

  /**
   * {@code metric_relabel_configs}: applied to each scraped series.
   *
   * @return the metric relabel configs, in order; empty for none
   */
  public List<RelabelConfig> metricRelabelConfigs() {
    return metricRelabelConfigs;
  }

  /**
   * {@code static_configs}.
   *
   * @return the static target groups; empty for none
   */
  public List<StaticConfig> staticConfigs() {
    return staticConfigs;
  }

  /**
   * {@code dns_sd_configs}.
   *
   * @return the DNS discovery configs; empty for none
   */
  public List<DnsSdConfig> dnsSdConfigs() {
    return dnsSdConfigs;
  }

  /**
   * {@code consul_sd_configs}.
   *
   * @return the Consul discovery configs; empty for none
   */
  public List<ConsulSdConfig> consulSdConfigs() {
    return consulSdConfigs;
  }

  /**
   * {@code file_sd_configs}.
   *
   * @return the file discovery configs; empty for none
   */
  public List<FileSdConfig> fileSdConfigs() {
    return fileSdConfigs;
  }

  /**
   * {@code http_sd_configs}.
   *
   * @return the HTTP discovery configs; empty for none
   */
  public List<HttpSdConfig> httpSdConfigs() {
    return httpSdConfigs;
  }

  /**
   * The {@code relabel_configs} compiled, for targets.
   *
   * @return the target relabeler; it keeps every target when there is no config
   */
  public Relabeler relabeler() {
    return relabeler;
  }

  /**
   * The {@code metric_relabel_configs} compiled, for scraped series.
   *
   * @return the metric relabeler; it keeps every series when there is no config
   */
  public Relabeler metricRelabeler() {
    return metricRelabeler;
  }

  /**
   * The per-scrape policy: honor flags, limits and the metric relabeler.
   *
   * @return the policy for every target of this job
   */
  public ScrapePolicy scrapePolicy() {
    return ScrapePolicy.builder()
        .honorLabels(honorLabels)
        .honorTimestamps(honorTimestamps)
        .trackTimestampsStaleness(trackTimestampsStaleness)
        .sampleLimit(sampleLimit)
        .labelLimit(labelLimit)
        .labelNameLengthLimit(labelNameLengthLimit)
        .labelValueLengthLimit(labelValueLengthLimit)
        .metricRelabeler(metricRelabeler)
        .build();
  }

  /** How many service discovery entries of every kind the job has. */
  int discoveryCount() {
    return staticConfigs.size()
        + dnsSdConfigs.size()
        + consulSdConfigs.size()
        + fileSdConfigs.size()
        + httpSdConfigs.size();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof ScrapeConfig)) {
      return false;
    }
    ScrapeConfig c = (ScrapeConfig) o;
    return jobName.equals(c.jobName)
        && scrapeInterval.equals(c.scrapeInterval)
        && scrapeTimeout.equals(c.scrapeTimeout)
        && metricsPath.equals(c.metricsPath)
        && scheme.equals(c.scheme)
        && params.equals(c.params)
        && honorLabels == c.honorLabels
        && honorTimestamps == c.honorTimestamps
        && trackTimestampsStaleness == c.trackTimestampsStaleness
        && enableCompression == c.enableCompression
        && bodySizeLimit == c.bodySizeLimit
        && sampleLimit == c.sampleLimit
        && targetLimit == c.targetLimit
        && labelLimit == c.labelLimit
        && labelNameLengthLimit == c.labelNameLengthLimit
        && labelValueLengthLimit == c.labelValueLengthLimit
        && keepDroppedTargets == c.keepDroppedTargets
        && scrapeProtocols.equals(c.scrapeProtocols)
        && Objects.equals(fallbackScrapeProtocol, c.fallbackScrapeProtocol)
        && httpClient.equals(c.httpClient)
        && relabelConfigs.equals(c.relabelConfigs)
        && metricRelabelConfigs.equals(c.metricRelabelConfigs)
        && staticConfigs.equals(c.staticConfigs)
        && dnsSdConfigs.equals(c.dnsSdConfigs)
        && consulSdConfigs.equals(c.consulSdConfigs)
        && fileSdConfigs.equals(c.fileSdConfigs)
        && httpSdConfigs.equals(c.httpSdConfigs);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        jobName,
        scrapeInterval,
        scrapeTimeout,
        metricsPath,
        scheme,
        params,
        honorLabels,
        honorTimestamps,
        trackTimestampsStaleness,
        enableCompression,
        bodySizeLimit,
        sampleLimit,
        targetLimit,
        labelLimit,
        labelNameLengthLimit,
        labelValueLengthLimit,
        keepDroppedTargets,
        scrapeProtocols,
        fallbackScrapeProtocol,
        httpClient,
        relabelConfigs,
        metricRelabelConfigs,
        staticConfigs,
        dnsSdConfigs,
        consulSdConfigs,
        fileSdConfigs,
        httpSdConfigs);
  }

  /** A one-line summary without secrets. */
  @Override
  public String toString() {
    return "ScrapeConfig{job="
        + jobName
        + ", interval="
        + Durations.format(scrapeInterval)
        + ", timeout="
        + Durations.format(scrapeTimeout)
        + ", url="
        + scheme
        + "://<target>"
        + metricsPath
        + ", honorLabels="
        + honorLabels
        + ", sampleLimit="
        + sampleLimit
        + ", relabelConfigs="
        + relabelConfigs.size()
        + ", metricRelabelConfigs="
        + metricRelabelConfigs.size()
        + ", static="
        + staticConfigs.size()
        + ", dns="
        + dnsSdConfigs.size()
        + ", consul="
        + consulSdConfigs.size()
        + ", file="
        + fileSdConfigs.size()
        + ", http="
        + httpSdConfigs.size()
        + ", httpClient="
        + httpClient
        + "}";
  }

  static int nonNegative(String what, int value) {
    if (value < 0) {
      throw new IllegalArgumentException(what + " must be >= 0: " + value);
    }
    return value;
  }

  static Duration refresh(@Nullable Duration d, Duration dflt) {
    if (d == null || d.isZero()) {
      return dflt;
    }
    if (d.isNegative()) {
      throw new IllegalArgumentException("refresh_interval must be > 0: " + d);
    }
    return d;
  }

  /** Builds a {@link ScrapeConfig}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private final JobName jobName;
    private GlobalConfig global = GlobalConfig.DEFAULT;
    private @Nullable Duration scrapeInterval;
    private @Nullable Duration scrapeTimeout;
    private String metricsPath = "/metrics";
    private String scheme = "http";
    private final Map<String, List<String>> params = new LinkedHashMap<>();
    private boolean honorLabels;
    private boolean honorTimestamps = true;
    private boolean trackTimestampsStaleness;
    private boolean enableCompression = true;
    private long bodySizeLimit;
    private int sampleLimit;
    private int targetLimit;
    private int labelLimit;
    private int labelNameLengthLimit;
    private int labelValueLengthLimit;
    private int keepDroppedTargets;
    private List<String> scrapeProtocols = List.of();
    private @Nullable String fallbackScrapeProtocol;
    private HttpClientConfig httpClient = HttpClientConfig.DEFAULT;
    private List<RelabelConfig> relabelConfigs = List.of();
    private List<RelabelConfig> metricRelabelConfigs = List.of();
    private List<StaticConfig> staticConfigs = List.of();
    private List<DnsSdConfig> dnsSdConfigs = List.of();
    private List<ConsulSdConfig> consulSdConfigs = List.of();
    private List<FileSdConfig> fileSdConfigs = List.of();
    private List<HttpSdConfig> httpSdConfigs = List.of();

    private Builder(JobName jobName) {
      this.jobName = jobName;
    }

    /**
     * Sets the global section whose defaults apply to what this job leaves unset.
     *
     * @param global the global section; not null, {@link GlobalConfig#DEFAULT} by default
     * @return this builder
     */
    public Builder global(GlobalConfig global) {
      this.global = Objects.requireNonNull(global, "global");
      return this;
    }

    /**
     * Sets {@code scrape_interval}; zero or {@code null} for the global one.
     *
     * @param interval the interval; positive, or zero or {@code null} to use the global one
     * @return this builder
     * @throws IllegalArgumentException when {@code interval} is negative
     */
    public Builder scrapeInterval(@Nullable Duration interval) {
      this.scrapeInterval = positiveOrUnset("scrape_interval", interval);
      return this;
    }

    /**
     * Sets {@code scrape_timeout}; zero or {@code null} for the global one capped by the interval.
     *
     * @param timeout the timeout; positive, or zero or {@code null} for the default
     * @return this builder
     * @throws IllegalArgumentException when {@code timeout} is negative
     */
    public Builder scrapeTimeout(@Nullable Duration timeout) {
      this.scrapeTimeout = positiveOrUnset("scrape_timeout", timeout);
      return this;
    }

    /**
     * Sets {@code metrics_path}.
     *
     * @param path the HTTP path; not null, {@code /metrics} by default
     * @return this builder
     */
    public Builder metricsPath(String path) {
      this.metricsPath = Objects.requireNonNull(path, "metricsPath");
      return this;
    }

    /**
     * Sets {@code scheme}.
     *
     * @param scheme {@code http} (the default) or {@code https}
     * @return this builder
     * @throws IllegalArgumentException for anything but {@code http} and {@code https}
     */
    public Builder scheme(String scheme) {
      if (!"http".equals(scheme) && !"https".equals(scheme)) {
        throw new IllegalArgumentException("scheme must be http or https: \"" + scheme + "\"");
      }
      this.scheme = scheme;
      return this;
    }

    /**
     * Sets {@code params}, name to values.
     *
     * @param params query parameter names to their values; copied, replacing earlier ones
     * @return this builder
     */
    public Builder params(Map<String, List<String>> params) {
      this.params.clear();
      params.forEach((k, v) -> this.params.put(Objects.requireNonNull(k), List.copyOf(v)));
      return this;
    }

    /**
     * Sets {@code honor_labels}.
     *
     * @param honor {@code true} to let scraped labels win clashes; default {@code false}
     * @return this builder
     */
    public Builder honorLabels(boolean honor) {
      this.honorLabels = honor;
      return this;
    }

    /**
     * Sets {@code honor_timestamps}.
     *
     * @param honor {@code false} to stamp samples with the scrape time; default {@code true}
     * @return this builder
     */
    public Builder honorTimestamps(boolean honor) {
      this.honorTimestamps = honor;
      return this;
    }

    /**
     * Sets {@code track_timestamps_staleness}.
     *
     * @param track {@code true} for stale markers on series with explicit timestamps; default
     *     {@code false}
     * @return this builder
     */
    public Builder trackTimestampsStaleness(boolean track) {
      this.trackTimestampsStaleness = track;
      return this;
    }

    /**
     * Sets {@code enable_compression}.
     *
     * @param enable {@code false} to not ask for gzip; default {@code true}
     * @return this builder
     */
    public Builder enableCompression(boolean enable) {
      this.enableCompression = enable;
      return this;
    }

    /**
     * Sets {@code body_size_limit} in bytes; 0 for the global one.
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
     * Sets {@code sample_limit}; 0 for the global one.
     *
     * @param limit most samples per scrape; >= 0
     * @return this builder
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    public Builder sampleLimit(int limit) {
      this.sampleLimit = nonNegative("sample_limit", limit);
      return this;
    }

    /**
     * Sets {@code target_limit}; 0 for the global one.
     *
     * @param limit most targets after relabeling; >= 0
     * @return this builder
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    public Builder targetLimit(int limit) {
      this.targetLimit = nonNegative("target_limit", limit);
      return this;
    }

    /**
     * Sets {@code label_limit}; 0 for the global one.
     *
     * @param limit most labels per series; >= 0
     * @return this builder
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    public Builder labelLimit(int limit) {
      this.labelLimit = nonNegative("label_limit", limit);
      return this;
    }

    /**
     * Sets {@code label_name_length_limit}; 0 for the global one.
     *
     * @param limit longest label name in characters; >= 0
     * @return this builder
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    public Builder labelNameLengthLimit(int limit) {
      this.labelNameLengthLimit = nonNegative("label_name_length_limit", limit);
      return this;
    }

    /**
     * Sets {@code label_value_length_limit}; 0 for the global one.
     *
     * @param limit longest label value in characters; >= 0
     * @return this builder
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    public Builder labelValueLengthLimit(int limit) {
      this.labelValueLengthLimit = nonNegative("label_value_length_limit", limit);
      return this;
    }

    /**
     * Sets {@code keep_dropped_targets}; 0 for the global one.
     *
     * @param limit most dropped targets kept; >= 0
     * @return this builder
     * @throws IllegalArgumentException when {@code limit} is negative
     */
    public Builder keepDroppedTargets(int limit) {
      this.keepDroppedTargets = nonNegative("keep_dropped_targets", limit);
      return this;
    }

    /**
     * Sets {@code scrape_protocols}; empty for the global or default ones.
     *
     * @param protocols Prometheus' protocol names, most wanted first; validated and copied
     * @return this builder
     * @throws IllegalArgumentException for an unknown or repeated protocol
     */
    public Builder scrapeProtocols(List<String> protocols) {
      this.scrapeProtocols =
          protocols.isEmpty()
              ? List.of()
              : ScrapeProtocols.validate(
                  protocols, "scrape config with job name \"" + jobName + "\"");
      return this;
    }

    /**
     * Sets {@code fallback_scrape_protocol}; {@code null} or empty for none.
     *
     * @param protocol a Prometheus protocol name such as {@code PrometheusText0.0.4}
     * @return this builder
     * @throws IllegalArgumentException for an unknown protocol
     */
    public Builder fallbackScrapeProtocol(@Nullable String protocol) {
      this.fallbackScrapeProtocol =
          protocol == null || protocol.isEmpty() ? null : ScrapeProtocols.validateOne(protocol);
      return this;
    }

    /**
     * Sets the HTTP client settings.
     *
     * @param httpClient the settings; not null, {@link HttpClientConfig#DEFAULT} by default
     * @return this builder
     */
    public Builder httpClient(HttpClientConfig httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * Sets {@code relabel_configs}.
     *
     * @param configs the target relabel configs, applied in order; copied
     * @return this builder
     */
    public Builder relabelConfigs(List<RelabelConfig> configs) {
      this.relabelConfigs = List.copyOf(configs);
      return this;
    }

    /**
     * Sets {@code metric_relabel_configs}.
     *
     * @param configs the metric relabel configs, applied in order; copied
     * @return this builder
     */
    public Builder metricRelabelConfigs(List<RelabelConfig> configs) {
      this.metricRelabelConfigs = List.copyOf(configs);
      return this;
    }

    /**
     * Sets {@code static_configs}.
     *
     * @param configs the static target groups; copied
     * @return this builder
     */
    public Builder staticConfigs(List<StaticConfig> configs) {
      this.staticConfigs = List.copyOf(configs);
      return this;
    }

    /**
     * Sets {@code dns_sd_configs}.
     *
     * @param configs the DNS discovery configs; copied
     * @return this builder
     */
    public Builder dnsSdConfigs(List<DnsSdConfig> configs) {
      this.dnsSdConfigs = List.copyOf(configs);
      return this;
    }

    /**
     * Sets {@code consul_sd_configs}.
     *
     * @param configs the Consul discovery configs; copied
     * @return this builder
     */
    public Builder consulSdConfigs(List<ConsulSdConfig> configs) {
      this.consulSdConfigs = List.copyOf(configs);
      return this;
    }

    /**
     * Sets {@code file_sd_configs}.
     *
     * @param configs the file discovery configs; copied
     * @return this builder
     */
    public Builder fileSdConfigs(List<FileSdConfig> configs) {
      this.fileSdConfigs = List.copyOf(configs);
      return this;
    }

    /**
     * Sets {@code http_sd_configs}.
     *
     * @param configs the HTTP discovery configs; copied
     * @return this builder
     */
    public Builder httpSdConfigs(List<HttpSdConfig> configs) {
      this.httpSdConfigs = List.copyOf(configs);
      return this;
    }

    private static @Nullable Duration positiveOrUnset(String what, @Nullable Duration d) {
      if (d != null && d.isNegative()) {
        throw new IllegalArgumentException(what + " must not be negative: " + d);
      }
      return d == null || d.isZero() ? null : d;
    }

    /**
     * The job.
     *
     * @return a new, immutable job configuration
     * @throws IllegalArgumentException when the timeout is greater than the interval, or a static
     *     target holds a {@code /} while there is no relabeling to fix it
     */
    public ScrapeConfig build() {
      Duration interval = scrapeInterval != null ? scrapeInterval : global.scrapeInterval();
      if (scrapeTimeout != null && scrapeTimeout.compareTo(interval) > 0) {
        throw new IllegalArgumentException(
            "scrape timeout greater than scrape interval for scrape config with job name \""
                + jobName
                + "\" ("
                + Durations.format(scrapeTimeout)
                + " > "
                + Durations.format(interval)
                + ")");
      }
      Duration timeout = scrapeTimeout;
      if (timeout == null) {
        timeout =
            global.scrapeTimeout().compareTo(interval) < 0 ? global.scrapeTimeout() : interval;
      }
      if (relabelConfigs.isEmpty()) {
        List<String> bad = new ArrayList<>();
        for (StaticConfig sc : staticConfigs) {
          for (String t : sc.targets()) {
            if (t.contains("/")) {
              bad.add(t);
            }
          }
        }
        if (!bad.isEmpty()) {
          throw new IllegalArgumentException("\"" + bad.get(0) + "\" is not a valid hostname");
        }
      }
      return new ScrapeConfig(this, interval, timeout);
    }
  }
}
