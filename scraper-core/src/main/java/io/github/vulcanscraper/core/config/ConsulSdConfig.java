package io.github.vulcanscraper.core.config;

import io.github.vulcanscraper.core.http.HttpClientConfig;
import io.github.vulcanscraper.core.http.Secret;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code consul_sd_configs}: services from a Consul catalog, as Prometheus' Consul
 * service discovery. Defaults: server {@code localhost:8500}, scheme {@code http}, no path prefix,
 * tag separator {@code ,}, {@code allow_stale} true, refresh interval 30s, every service.
 *
 * <p>Immutable and thread-safe; {@link #toString()} shows no token or password.
 *
 * <pre>{@code
 * ConsulSdConfig consul = ConsulSdConfig.builder()
 *     .server("consul.internal:8500").services(List.of("web")).build();
 * }</pre>
 */
public final class ConsulSdConfig {
  /** The default server, {@code localhost:8500}. */
  public static final String DEFAULT_SERVER = "localhost:8500";

  /** The default refresh interval, 30 seconds. */
  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(30);

  private final String server;
  private final String pathPrefix;
  private final @Nullable Secret token;
  private final String datacenter;
  private final String namespace;
  private final String partition;
  private final String tagSeparator;
  private final String scheme;
  private final boolean allowStale;
  private final Duration refreshInterval;
  private final List<String> services;
  private final List<String> tags;
  private final Map<String, String> nodeMeta;
  private final String filter;
  private final String healthFilter;
  private final HttpClientConfig httpClient;

  private ConsulSdConfig(Builder b) {
    this.server = b.server;
    this.pathPrefix = b.pathPrefix;
    this.token = b.token;
    this.datacenter = b.datacenter;
    this.namespace = b.namespace;
    this.partition = b.partition;
    this.tagSeparator = b.tagSeparator;
    this.scheme = b.scheme;
    this.allowStale = b.allowStale;
    this.refreshInterval = b.refreshInterval;
    this.services = b.services;
    this.tags = b.tags;
    this.nodeMeta = Map.copyOf(b.nodeMeta);
    this.filter = b.filter;
    this.healthFilter = b.healthFilter;
    this.httpClient = b.httpClient;
  }

  /**
   * A builder with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@code server}: {@code host:port} of the Consul agent; {@code localhost:8500} by default.
   *
   * @return the agent's address
   */
  public String server() {
    return server;
  }

  /**
   * {@code path_prefix}: put before the API paths, e.g. {@code /consul}; empty by default.
   *
   * @return the path prefix, empty for none
   */
  public String pathPrefix() {
    return pathPrefix;
  }

  /**
   * {@code token}: the ACL token sent as {@code X-Consul-Token}, or {@code null}.
   *
   * @return the token, or {@code null} for none
   */
  public @Nullable Secret token() {
    return token;
  }

  /**
   * {@code datacenter}, or empty for the agent's.
   *
   * @return the datacenter, empty for the agent's own
   */
  public String datacenter() {
    return datacenter;
  }

  /**
   * {@code namespace} (Consul Enterprise), or empty.
   *
   * @return the namespace, empty for none
   */
  public String namespace() {
    return namespace;
  }

  /**
   * {@code partition} (Consul Enterprise), or empty.
   *
   * @return the admin partition, empty for none
   */
  public String partition() {
    return partition;
  }

  /**
   * {@code tag_separator}: joins the tags in {@code __meta_consul_tags}; {@code ,} by default.
   *
   * @return the separator
   */
  public String tagSeparator() {
    return tagSeparator;
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
   * {@code allow_stale}: allow stale reads from any server; {@code true} by default.
   *
   * @return whether stale reads are allowed
   */
  public boolean allowStale() {
    return allowStale;
  }

  /**
   * {@code refresh_interval}: 30s by default.
   *
   * @return the interval between catalog refreshes, positive
   */
  public Duration refreshInterval() {
    return refreshInterval;
  }

  /**
   * {@code services}: the services to watch; empty for all.
   *
   * @return the service names, empty for every service
   */
  public List<String> services() {
    return services;
  }

  /**
   * {@code tags}: a service instance must carry all of them; empty for no filter.
   *
   * @return the required tags, empty for no filter
   */
  public List<String> tags() {
    return tags;
  }

  /**
   * {@code node_meta}: a node must carry all these meta pairs; empty for no filter.
   *
   * @return the required node meta pairs, empty for no filter
   */
  public Map<String, String> nodeMeta() {
    return nodeMeta;
  }

  /**
   * {@code filter}: a Consul filter expression for the catalog, or empty.
   *
   * @return the catalog filter expression, empty for none
   */
  public String filter() {
    return filter;
  }

  /**
   * {@code health_filter}: a Consul filter expression for the health endpoint, or empty.
   *
   * @return the health filter expression, empty for none
   */
  public String healthFilter() {
    return healthFilter;
  }

  /**
   * The HTTP client settings for the Consul API. The legacy {@code username} / {@code password}
   * fields are folded into its basic auth, as Prometheus does.
   *
   * @return the HTTP client settings, never null
   */
  public HttpClientConfig httpClient() {
    return httpClient;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof ConsulSdConfig)) {
      return false;
    }
    ConsulSdConfig c = (ConsulSdConfig) o;
    return server.equals(c.server)
        && pathPrefix.equals(c.pathPrefix)
        && Objects.equals(token, c.token)
        && datacenter.equals(c.datacenter)
        && namespace.equals(c.namespace)
        && partition.equals(c.partition)
        && tagSeparator.equals(c.tagSeparator)
        && scheme.equals(c.scheme)
        && allowStale == c.allowStale
        && refreshInterval.equals(c.refreshInterval)
        && services.equals(c.services)
        && tags.equals(c.tags)
        && nodeMeta.equals(c.nodeMeta)
        && filter.equals(c.filter)
        && healthFilter.equals(c.healthFilter)
        && httpClient.equals(c.httpClient);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        server,
        pathPrefix,
        token,
        datacenter,
        namespace,
        partition,
        tagSeparator,
        scheme,
        allowStale,
        refreshInterval,
        services,
        tags,
        nodeMeta,
        filter,
        healthFilter,
        httpClient);
  }

  @Override
  public String toString() {
    return "ConsulSdConfig{server="
        + server
        + ", scheme="
        + scheme
        + ", pathPrefix="
        + pathPrefix
        + ", token="
        + token
        + ", datacenter="
        + datacenter
        + ", services="
        + services
        + ", tags="
        + tags
        + ", nodeMeta="
        + nodeMeta
        + ", allowStale="
        + allowStale
        + ", refreshInterval="
        + Durations.format(refreshInterval)
        + ", httpClient="
        + httpClient
        + "}";
  }

  /** Builds a {@link ConsulSdConfig}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private String server = DEFAULT_SERVER;
    private String pathPrefix = "";
    private @Nullable Secret token;
    private String datacenter = "";
    private String namespace = "";
    private String partition = "";
    private String tagSeparator = ",";
    private String scheme = "http";
    private boolean allowStale = true;
    private Duration refreshInterval = DEFAULT_REFRESH_INTERVAL;
    private List<String> services = List.of();
    private List<String> tags = List.of();
    private final Map<String, String> nodeMeta = new LinkedHashMap<>();
    private String filter = "";
    private String healthFilter = "";
    private HttpClientConfig httpClient = HttpClientConfig.DEFAULT;

    private Builder() {}

    /**
     * Sets {@code server}.
     *
     * @param server the agent's {@code host:port}; not blank
     * @return this builder
     * @throws IllegalArgumentException when blank
     */
    public Builder server(String server) {
      if (server == null || server.trim().isEmpty()) {
        throw new IllegalArgumentException("consul SD configuration requires a server address");
      }
      this.server = server;
      return this;
    }

    /**
     * Sets {@code path_prefix}.
     *
     * @param pathPrefix the prefix, e.g. {@code /consul}; not null, empty for none
     * @return this builder
     */
    public Builder pathPrefix(String pathPrefix) {
      this.pathPrefix = Objects.requireNonNull(pathPrefix, "pathPrefix");
      return this;
    }

    /**
     * Sets {@code token}; {@code null} for none.
     *
     * @param token the ACL token, or {@code null} for none
     * @return this builder
     */
    public Builder token(@Nullable Secret token) {
      this.token = token;
      return this;
    }

    /**
     * Sets {@code datacenter}.
     *
     * @param datacenter the datacenter; not null, empty for the agent's own
     * @return this builder
     */
    public Builder datacenter(String datacenter) {
      this.datacenter = Objects.requireNonNull(datacenter, "datacenter");
      return this;
    }

    /**
     * Sets {@code namespace}.
     *
     * @param namespace the namespace; not null, empty for none
     * @return this builder
     */
    public Builder namespace(String namespace) {
      this.namespace = Objects.requireNonNull(namespace, "namespace");
      return this;
    }

    /**
     * Sets {@code partition}.
     *
     * @param partition the admin partition; not null, empty for none
     * @return this builder
     */
    public Builder partition(String partition) {
      this.partition = Objects.requireNonNull(partition, "partition");
      return this;
    }

    /**
     * Sets {@code tag_separator}.
     *
     * @param tagSeparator the separator; not null
     * @return this builder
     */
    public Builder tagSeparator(String tagSeparator) {
      this.tagSeparator = Objects.requireNonNull(tagSeparator, "tagSeparator");
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
        throw new IllegalArgumentException("scheme must be http or https: " + scheme);
      }
      this.scheme = scheme;
      return this;
    }

    /**
     * Sets {@code allow_stale}.
     *
     * @param allowStale {@code false} to read only from the leader; default {@code true}
     * @return this builder
     */
    public Builder allowStale(boolean allowStale) {
      this.allowStale = allowStale;
      return this;
    }

    /**
     * Sets {@code refresh_interval}; zero means the default.
     *
     * @param interval the interval between refreshes; positive, or zero for 30s
     * @return this builder
     * @throws IllegalArgumentException when {@code interval} is negative
     */
    public Builder refreshInterval(Duration interval) {
      this.refreshInterval = ScrapeConfig.refresh(interval, DEFAULT_REFRESH_INTERVAL);
      return this;
    }

    /**
     * Sets {@code services}.
     *
     * @param services the service names; copied, empty for every service
     * @return this builder
     */
    public Builder services(List<String> services) {
      this.services = List.copyOf(services);
      return this;
    }

    /**
     * Sets {@code tags}.
     *
     * @param tags the tags every instance must carry; copied, empty for no filter
     * @return this builder
     */
    public Builder tags(List<String> tags) {
      this.tags = List.copyOf(tags);
      return this;
    }

    /**
     * Sets {@code node_meta}.
     *
     * @param nodeMeta meta pairs every node must carry; copied, empty for no filter
     * @return this builder
     */
    public Builder nodeMeta(Map<String, String> nodeMeta) {
      this.nodeMeta.clear();
      this.nodeMeta.putAll(nodeMeta);
      return this;
    }

    /**
     * Sets {@code filter}.
     *
     * @param filter a Consul filter expression; not null, empty for none
     * @return this builder
     */
    public Builder filter(String filter) {
      this.filter = Objects.requireNonNull(filter, "filter");
      return this;
    }

    /**
     * Sets {@code health_filter}.
     *
     * @param healthFilter a Consul filter expression; not null, empty for none
     * @return this builder
     */
    public Builder healthFilter(String healthFilter) {
      this.healthFilter = Objects.requireNonNull(healthFilter, "healthFilter");
      return this;
    }

    /**
     * Sets the HTTP client settings for the Consul API.
     *
     * @param httpClient the settings; not null
     * @return this builder
     */
    public Builder httpClient(HttpClientConfig httpClient) {
      this.httpClient = Objects.requireNonNull(httpClient, "httpClient");
      return this;
    }

    /**
     * The configuration.
     *
     * @return a new, immutable configuration
     * @throws IllegalArgumentException when a token is combined with an authorization header
     */
    public ConsulSdConfig build() {
      if (token != null && httpClient.authorizationType() != null) {
        throw new IllegalArgumentException(
            "at most one of consul SD token, authorization, or oauth2 can be configured");
      }
      return new ConsulSdConfig(this);
    }
  }
}
