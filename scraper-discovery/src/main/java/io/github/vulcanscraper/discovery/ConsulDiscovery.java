package io.github.vulcanscraper.discovery;

import io.github.vulcanscraper.api.SnapshotListener;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.core.discovery.TargetGroup;
import io.github.vulcanscraper.core.http.HttpClientConfig;
import io.github.vulcanscraper.core.http.Secret;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Consul service discovery, as Prometheus' {@code consul_sd_config}, over Consul's HTTP API: {@code
 * /v1/catalog/services} lists the services, {@code /v1/health/service/<name>} their instances with
 * health. Both are followed with blocking queries ({@code index}, {@code wait}), so a change in
 * Consul arrives as soon as Consul answers; {@link #refreshInterval()} is the longest a query waits
 * ({@code wait}). Without a {@link #datacenter()}, the agent's is read from {@code /v1/agent/self}.
 *
 * <p>One group per service, sourced by the service name, labelled {@code __meta_consul_service} and
 * {@code __meta_consul_dc}; one target per instance, at the service address (or else the node
 * address) and port, with every label Prometheus sets: {@code __meta_consul_address}, {@code
 * _node}, {@code _service_id}, {@code _service_address}, {@code _service_port}, {@code _tags}
 * (joined and surrounded by the tag separator), {@code _health} ({@code passing}, {@code warning},
 * {@code critical} or {@code maintenance}), {@code _namespace}, {@code _partition}, {@code
 * _metadata_<key>} (node meta), {@code _service_metadata_<key>} and {@code _tagged_address_<key>},
 * keys sanitized to label names.
 *
 * <p>Failures (Consul down, an HTTP error, a malformed or oversized answer) keep the last good
 * groups of what failed and are reported; each query retries with backoff. An index that goes
 * backwards restarts that query from index 0, as Consul's documentation asks. The token is sent in
 * the {@code X-Consul-Token} header and never logged or printed.
 *
 * <p>Immutable and thread-safe. A run uses OkHttp's threads for its queries, one per watched
 * service while a query is held by Consul.
 *
 * <pre>{@code
 * ConsulDiscovery consul = ConsulDiscovery.builder()
 *     .server("consul.service.example.com:8500")
 *     .token(Secret.fromFile(Path.of("/etc/vulcan/consul-token")))
 *     .services("api", "web")
 *     .build();
 * }</pre>
 */
public final class ConsulDiscovery implements Discoverer {
  private final String server;
  private final String pathPrefix;
  private final String scheme;
  private final @Nullable Secret token;
  private final @Nullable String datacenter;
  private final @Nullable String namespace;
  private final @Nullable String partition;
  private final List<String> services;
  private final List<String> tags;
  private final Map<String, String> nodeMeta;
  private final @Nullable String filter;
  private final @Nullable String healthFilter;
  private final boolean allowStale;
  private final Duration refreshInterval;
  private final String tagSeparator;
  private final HttpClientConfig http;
  private final long responseSizeLimit;

  private ConsulDiscovery(Builder b) {
    this.server = b.server;
    this.pathPrefix = b.pathPrefix;
    this.scheme = b.scheme;
    this.token = b.token;
    this.datacenter = b.datacenter;
    this.namespace = b.namespace;
    this.partition = b.partition;
    this.services = List.copyOf(b.services);
    this.tags = List.copyOf(b.tags);
    this.nodeMeta = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.nodeMeta));
    this.filter = b.filter;
    this.healthFilter = b.healthFilter;
    this.allowStale = b.allowStale;
    this.refreshInterval = b.refreshInterval;
    this.tagSeparator = b.tagSeparator;
    this.http = b.http;
    this.responseSizeLimit = b.responseSizeLimit;
  }

  /**
   * A builder with Prometheus' defaults: {@code localhost:8500} over http, stale reads allowed, 30
   * s refresh interval, tag separator {@code ,}, every service, 64 MiB response size limit.
   *
   * @return a new builder with those defaults
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these settings.
   *
   * @return a new builder; changing it leaves this discoverer as it is
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.server = server;
    b.pathPrefix = pathPrefix;
    b.scheme = scheme;
    b.token = token;
    b.datacenter = datacenter;
    b.namespace = namespace;
    b.partition = partition;
    b.services.addAll(services);
    b.tags.addAll(tags);
    b.nodeMeta.putAll(nodeMeta);
    b.filter = filter;
    b.healthFilter = healthFilter;
    b.allowStale = allowStale;
    b.refreshInterval = refreshInterval;
    b.tagSeparator = tagSeparator;
    b.http = http;
    b.responseSizeLimit = responseSizeLimit;
    return b;
  }

  /**
   * Consul's {@code HOST:PORT}; {@code localhost:8500} by default.
   *
   * @return the server's {@code HOST:PORT}
   */
  public String server() {
    return server;
  }

  /**
   * A prefix to the API paths, for Consul behind a proxy; empty by default.
   *
   * @return the prefix, starting with {@code /} and without a trailing one, or empty
   */
  public String pathPrefix() {
    return pathPrefix;
  }

  /**
   * {@code http} (the default) or {@code https}.
   *
   * @return the scheme
   */
  public String scheme() {
    return scheme;
  }

  /**
   * The ACL token, or {@code null}.
   *
   * @return the token, or {@code null} for none
   */
  public @Nullable Secret token() {
    return token;
  }

  /**
   * The datacenter to query, or {@code null} for the agent's.
   *
   * @return the datacenter, or {@code null}
   */
  public @Nullable String datacenter() {
    return datacenter;
  }

  /**
   * The namespace (Consul Enterprise), or {@code null}.
   *
   * @return the namespace, or {@code null} for Consul's default
   */
  public @Nullable String namespace() {
    return namespace;
  }

  /**
   * The admin partition (Consul Enterprise), or {@code null}.
   *
   * @return the partition, or {@code null} for Consul's default
   */
  public @Nullable String partition() {
    return partition;
  }

  /**
   * The services to watch; empty (the default) for all.
   *
   * @return the service names, unmodifiable
   */
  public List<String> services() {
    return services;
  }

  /**
   * Tags a service must all have to be watched, and its instances to be listed; may be empty.
   *
   * @return the required tags, unmodifiable
   */
  public List<String> tags() {
    return tags;
  }

  /**
   * Node metadata the nodes must have; may be empty.
   *
   * @return the required node metadata, key to value, unmodifiable
   */
  public Map<String, String> nodeMeta() {
    return nodeMeta;
  }

  /**
   * A Consul filter expression for the catalog's services ({@code filter}), or {@code null}.
   *
   * @return the expression, or {@code null} for none
   */
  public @Nullable String filter() {
    return filter;
  }

  /**
   * A Consul filter expression for the health entries ({@code health_filter}), or {@code null}.
   *
   * @return the expression, or {@code null} for none
   */
  public @Nullable String healthFilter() {
    return healthFilter;
  }

  /**
   * Whether any Consul server may answer (stale reads); {@code true} by default.
   *
   * @return true when stale reads are allowed
   */
  public boolean allowStale() {
    return allowStale;
  }

  /**
   * The longest one blocking query waits for a change; 30 s by default.
   *
   * @return the blocking query's {@code wait}; positive
   */
  public Duration refreshInterval() {
    return refreshInterval;
  }

  /**
   * What joins the tags in {@code __meta_consul_tags} and surrounds them; {@code ,} by default.
   *
   * @return the separator
   */
  public String tagSeparator() {
    return tagSeparator;
  }

  /**
   * How Consul is reached: basic auth, TLS, proxy.
   *
   * @return the HTTP client settings
   */
  public HttpClientConfig http() {
    return http;
  }

  /**
   * The largest answer accepted, in bytes.
   *
   * @return the limit in bytes; 64 MiB by default
   */
  public long responseSizeLimit() {
    return responseSizeLimit;
  }

  @Override
  public Subscription watch(SnapshotListener<List<TargetGroup>> listener) {
    return ConsulRun.start(this, listener);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ConsulDiscovery)) {
      return false;
    }
    ConsulDiscovery c = (ConsulDiscovery) o;
    return server.equals(c.server)
        && pathPrefix.equals(c.pathPrefix)
        && scheme.equals(c.scheme)
        && Objects.equals(token, c.token)
        && Objects.equals(datacenter, c.datacenter)
        && Objects.equals(namespace, c.namespace)
        && Objects.equals(partition, c.partition)
        && services.equals(c.services)
        && tags.equals(c.tags)
        && nodeMeta.equals(c.nodeMeta)
        && Objects.equals(filter, c.filter)
        && Objects.equals(healthFilter, c.healthFilter)
        && allowStale == c.allowStale
        && refreshInterval.equals(c.refreshInterval)
        && tagSeparator.equals(c.tagSeparator)
        && http.equals(c.http)
        && responseSizeLimit == c.responseSizeLimit;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        server,
        pathPrefix,
        scheme,
        token,
        datacenter,
        namespace,
        partition,
        services,
        tags,
        nodeMeta,
        filter,
        healthFilter,
        allowStale,
        refreshInterval,
        tagSeparator,
        http,
        responseSizeLimit);
  }

  /** The settings; the token shows as {@code <secret>}. */
  @Override
  public String toString() {
    return "ConsulDiscovery{server="
        + scheme
        + "://"
        + server
        + pathPrefix
        + ", token="
        + (token == null ? null : "<secret>")
        + ", datacenter="
        + datacenter
        + ", namespace="
        + namespace
        + ", partition="
        + partition
        + ", services="
        + services
        + ", tags="
        + tags
        + ", nodeMeta="
        + nodeMeta
        + ", filter="
        + filter
        + ", healthFilter="
        + healthFilter
        + ", allowStale="
        + allowStale
        + ", refreshInterval="
        + refreshInterval
        + ", tagSeparator="
        + tagSeparator
        + ", http="
        + http
        + "}";
  }

  /** Builds a {@link ConsulDiscovery}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private String server = "localhost:8500";
    private String pathPrefix = "";
    private String scheme = "http";
    private @Nullable Secret token;
    private @Nullable String datacenter;
    private @Nullable String namespace;
    private @Nullable String partition;
    private final List<String> services = new ArrayList<>();
    private final List<String> tags = new ArrayList<>();
    private final Map<String, String> nodeMeta = new LinkedHashMap<>();
    private @Nullable String filter;
    private @Nullable String healthFilter;
    private boolean allowStale = true;
    private Duration refreshInterval = Duration.ofSeconds(30);
    private String tagSeparator = ",";
    private HttpClientConfig http = HttpClientConfig.DEFAULT;
    private long responseSizeLimit = HttpDiscovery.DEFAULT_RESPONSE_SIZE_LIMIT;

    private Builder() {}

    /**
     * Sets Consul's {@code HOST:PORT}.
     *
     * @param hostPort Consul's address as {@code HOST:PORT}, an IPv6 host in brackets
     * @return this builder
     * @throws IllegalArgumentException when {@code hostPort} is blank or not {@code HOST:PORT}
     */
    public Builder server(String hostPort) {
      Objects.requireNonNull(hostPort, "server");
      if (hostPort.isBlank()) {
        throw new IllegalArgumentException("consul SD configuration requires a server address");
      }
      HostPort.parse(hostPort);
      this.server = hostPort;
      return this;
    }

    /**
     * Sets a prefix to the API paths, e.g. {@code /consul}; empty for none.
     *
     * @param prefix the prefix; a missing leading {@code /} is added and trailing ones are removed
     * @return this builder
     */
    public Builder pathPrefix(String prefix) {
      Objects.requireNonNull(prefix, "pathPrefix");
      String p = prefix;
      while (p.endsWith("/")) {
        p = p.substring(0, p.length() - 1);
      }
      this.pathPrefix = p.isEmpty() || p.startsWith("/") ? p : "/" + p;
      return this;
    }

    /**
     * Sets {@code http} or {@code https}.
     *
     * @param scheme {@code http} or {@code https}
     * @return this builder
     * @throws IllegalArgumentException for any other scheme
     */
    public Builder scheme(String scheme) {
      if (!"http".equals(scheme) && !"https".equals(scheme)) {
        throw new IllegalArgumentException("scheme must be http or https: " + scheme);
      }
      this.scheme = scheme;
      return this;
    }

    /**
     * Sets the ACL token; {@code null} for none.
     *
     * @param token the token, read for every query so a rotated file takes effect; {@code null} for
     *     none
     * @return this builder
     */
    public Builder token(@Nullable Secret token) {
      this.token = token;
      return this;
    }

    /**
     * Sets the datacenter; {@code null} or empty for the agent's.
     *
     * @param datacenter the datacenter's name
     * @return this builder
     */
    public Builder datacenter(@Nullable String datacenter) {
      this.datacenter = emptyToNull(datacenter);
      return this;
    }

    /**
     * Sets the namespace; {@code null} or empty for none.
     *
     * @param namespace the namespace's name
     * @return this builder
     */
    public Builder namespace(@Nullable String namespace) {
      this.namespace = emptyToNull(namespace);
      return this;
    }

    /**
     * Sets the admin partition; {@code null} or empty for none.
     *
     * @param partition the partition's name
     * @return this builder
     */
    public Builder partition(@Nullable String partition) {
      this.partition = emptyToNull(partition);
      return this;
    }

    /**
     * Sets the services to watch, replacing any set before; none for all.
     *
     * @param services the service names; no nulls
     * @return this builder
     */
    public Builder services(String... services) {
      return services(Arrays.asList(services));
    }

    /**
     * Sets the services to watch, replacing any set before; empty for all.
     *
     * @param services the service names; no nulls
     * @return this builder
     */
    public Builder services(List<String> services) {
      services.forEach(s -> Objects.requireNonNull(s, "service"));
      this.services.clear();
      this.services.addAll(services);
      return this;
    }

    /**
     * Sets the tags a service must all have, replacing any set before.
     *
     * @param tags the tags; no nulls, empty for no requirement
     * @return this builder
     */
    public Builder tags(List<String> tags) {
      tags.forEach(t -> Objects.requireNonNull(t, "tag"));
      this.tags.clear();
      this.tags.addAll(tags);
      return this;
    }

    /**
     * Sets the node metadata the nodes must have, replacing any set before.
     *
     * @param nodeMeta metadata key to required value; empty for no requirement
     * @return this builder
     */
    public Builder nodeMeta(Map<String, String> nodeMeta) {
      this.nodeMeta.clear();
      this.nodeMeta.putAll(nodeMeta);
      return this;
    }

    /**
     * Sets a filter expression for the catalog's services; {@code null} or empty for none.
     *
     * @param filter a Consul filter expression, passed as the catalog query's {@code filter}
     * @return this builder
     */
    public Builder filter(@Nullable String filter) {
      this.filter = emptyToNull(filter);
      return this;
    }

    /**
     * Sets a filter expression for the health entries; {@code null} or empty for none.
     *
     * @param healthFilter a Consul filter expression, passed as the health query's {@code filter}
     * @return this builder
     */
    public Builder healthFilter(@Nullable String healthFilter) {
      this.healthFilter = emptyToNull(healthFilter);
      return this;
    }

    /**
     * Sets whether any Consul server may answer.
     *
     * @param allowStale true (the default) to let any server answer, false to ask the leader
     * @return this builder
     */
    public Builder allowStale(boolean allowStale) {
      this.allowStale = allowStale;
      return this;
    }

    /**
     * Sets the longest one blocking query waits; positive.
     *
     * @param interval the blocking query's {@code wait}; positive
     * @return this builder
     * @throws IllegalArgumentException when {@code interval} is zero or negative
     */
    public Builder refreshInterval(Duration interval) {
      this.refreshInterval = DnsDiscovery.Builder.positive("refresh_interval", interval);
      return this;
    }

    /**
     * Sets the tag separator.
     *
     * @param separator the separator; not null, may be empty
     * @return this builder
     */
    public Builder tagSeparator(String separator) {
      this.tagSeparator = Objects.requireNonNull(separator, "tagSeparator");
      return this;
    }

    /**
     * Sets how Consul is reached.
     *
     * @param http basic auth, TLS and proxy settings; not null
     * @return this builder
     */
    public Builder http(HttpClientConfig http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /**
     * Sets the largest answer accepted, in bytes; positive.
     *
     * @param bytes the limit; positive
     * @return this builder
     * @throws IllegalArgumentException when {@code bytes} is zero or negative
     */
    public Builder responseSizeLimit(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("response size limit must be > 0: " + bytes);
      }
      this.responseSizeLimit = bytes;
      return this;
    }

    /**
     * The settings.
     *
     * @return the discoverer, immutable
     */
    public ConsulDiscovery build() {
      return new ConsulDiscovery(this);
    }

    private static @Nullable String emptyToNull(@Nullable String s) {
      return s == null || s.isEmpty() ? null : s;
    }
  }
}
