package io.github.vulcanscraper.discovery;

import io.github.vulcanscraper.api.SnapshotListener;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.core.discovery.TargetGroup;
import io.github.vulcanscraper.core.http.HttpClientConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * HTTP service discovery, as Prometheus' {@code http_sd_config}: GETs the URL every refresh
 * interval and reads a JSON list of target groups, {@code [{"targets": [...], "labels": {...}}]}.
 * Group {@code i} is sourced {@code <url>:<i>} and labelled {@code __meta_url=<url>}.
 *
 * <p>The answer must be HTTP 200 with {@code Content-Type: application/json} (Prometheus checks the
 * same) and at most {@link #responseSizeLimit()} bytes; anything else, a connection failure or
 * invalid JSON keeps the last good list and is reported. A request may take up to the refresh
 * interval. Requests carry {@code Accept: application/json} and, as Prometheus sends it, {@code
 * X-Prometheus-Refresh-Interval-Seconds}.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * HttpDiscovery sd = HttpDiscovery.builder()
 *     .url(URI.create("https://inventory.example.com/targets"))
 *     .http(HttpClientConfig.builder().authorization("Bearer", Secret.of(token)).build())
 *     .build();
 * }</pre>
 */
public final class HttpDiscovery implements Discoverer {
  /** The default response size limit: 64 MiB. */
  public static final long DEFAULT_RESPONSE_SIZE_LIMIT = 64L << 20;

  private final URI url;
  private final HttpClientConfig http;
  private final Duration refreshInterval;
  private final long responseSizeLimit;

  private HttpDiscovery(Builder b) {
    this.url = Objects.requireNonNull(b.url, "url");
    this.http = b.http;
    this.refreshInterval = b.refreshInterval;
    this.responseSizeLimit = b.responseSizeLimit;
  }

  /**
   * A builder with the defaults: refresh every 60 s, default HTTP settings, 64 MiB limit.
   *
   * @return a new builder with those defaults; set the URL
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
    b.url = url;
    b.http = http;
    b.refreshInterval = refreshInterval;
    b.responseSizeLimit = responseSizeLimit;
    return b;
  }

  /**
   * The URL fetched.
   *
   * @return the URL, {@code http} or {@code https}
   */
  public URI url() {
    return url;
  }

  /**
   * How the URL is fetched: auth, TLS, proxy, headers.
   *
   * @return the HTTP client settings
   */
  public HttpClientConfig http() {
    return http;
  }

  /**
   * How often the URL is fetched; 60 s by default.
   *
   * @return the interval; positive
   */
  public Duration refreshInterval() {
    return refreshInterval;
  }

  /**
   * The largest answer accepted, in bytes.
   *
   * @return the limit in bytes; {@link #DEFAULT_RESPONSE_SIZE_LIMIT} by default
   */
  public long responseSizeLimit() {
    return responseSizeLimit;
  }

  @Override
  public Subscription watch(SnapshotListener<List<TargetGroup>> listener) {
    HttpSdFetch fetch = new HttpSdFetch(this);
    return RefreshLoop.start("http_sd " + url, fetch::refresh, refreshInterval, listener);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof HttpDiscovery)) {
      return false;
    }
    HttpDiscovery d = (HttpDiscovery) o;
    return url.equals(d.url)
        && http.equals(d.http)
        && refreshInterval.equals(d.refreshInterval)
        && responseSizeLimit == d.responseSizeLimit;
  }

  @Override
  public int hashCode() {
    return Objects.hash(url, http, refreshInterval, responseSizeLimit);
  }

  @Override
  public String toString() {
    return "HttpDiscovery{url="
        + url
        + ", http="
        + http
        + ", refreshInterval="
        + refreshInterval
        + ", responseSizeLimit="
        + responseSizeLimit
        + "}";
  }

  /** Builds an {@link HttpDiscovery}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private @Nullable URI url;
    private HttpClientConfig http = HttpClientConfig.DEFAULT;
    private Duration refreshInterval = Duration.ofSeconds(60);
    private long responseSizeLimit = DEFAULT_RESPONSE_SIZE_LIMIT;

    private Builder() {}

    /**
     * Sets the URL; {@code http} or {@code https} with a host. Required.
     *
     * @param url the URL to GET
     * @return this builder
     * @throws IllegalArgumentException when the scheme is not {@code http} or {@code https}, or the
     *     host is missing
     */
    public Builder url(URI url) {
      Objects.requireNonNull(url, "url");
      if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
        throw new IllegalArgumentException("URL scheme must be 'http' or 'https': " + url);
      }
      if (url.getHost() == null || url.getHost().isEmpty()) {
        throw new IllegalArgumentException("host is missing in URL: " + url);
      }
      this.url = url;
      return this;
    }

    /**
     * Sets how the URL is fetched.
     *
     * @param http auth, TLS, proxy and header settings; not null
     * @return this builder
     */
    public Builder http(HttpClientConfig http) {
      this.http = Objects.requireNonNull(http, "http");
      return this;
    }

    /**
     * Sets how often the URL is fetched; positive.
     *
     * @param interval the interval, also the longest a request may take; positive
     * @return this builder
     * @throws IllegalArgumentException when {@code interval} is zero or negative
     */
    public Builder refreshInterval(Duration interval) {
      this.refreshInterval = DnsDiscovery.Builder.positive("refresh_interval", interval);
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
     * @throws IllegalArgumentException without a URL
     */
    public HttpDiscovery build() {
      if (url == null) {
        throw new IllegalArgumentException("URL is missing");
      }
      return new HttpDiscovery(this);
    }
  }
}
