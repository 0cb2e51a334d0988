package io.github.vulcanscraper.core.config;

import io.github.vulcanscraper.core.http.HttpClientConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code http_sd_configs}: a URL answering a JSON list of target groups, polled every
 * refresh interval, as Prometheus' HTTP service discovery. Default refresh interval 60s. Immutable
 * and thread-safe; {@link #toString()} shows no secret.
 */
public final class HttpSdConfig {
  /** The default refresh interval, one minute. */
  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(60);

  private final URI url;
  private final Duration refreshInterval;
  private final HttpClientConfig httpClient;

  private HttpSdConfig(URI url, Duration refreshInterval, HttpClientConfig httpClient) {
    this.url = url;
    this.refreshInterval = refreshInterval;
    this.httpClient = httpClient;
  }

  /**
   * An HTTP discovery configuration.
   *
   * @param url the endpoint; {@code http} or {@code https} with a host
   * @param refreshInterval zero or {@code null} for 60s
   * @param httpClient how to talk to the endpoint
   * @return the configuration
   * @throws IllegalArgumentException for a missing or unusable URL
   */
  public static HttpSdConfig of(
      @Nullable URI url, @Nullable Duration refreshInterval, HttpClientConfig httpClient) {
    if (url == null || url.toString().isEmpty()) {
      throw new IllegalArgumentException("URL is missing");
    }
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("URL scheme must be 'http' or 'https'");
    }
    if (url.getHost() == null || url.getHost().isEmpty()) {
      throw new IllegalArgumentException("host is missing in URL");
    }
    return new HttpSdConfig(
        url,
        ScrapeConfig.refresh(refreshInterval, DEFAULT_REFRESH_INTERVAL),
        Objects.requireNonNull(httpClient, "httpClient"));
  }

  /**
   * {@code url}: the endpoint.
   *
   * @return the URL
   */
  public URI url() {
    return url;
  }

  /**
   * {@code refresh_interval}: 60s by default.
   *
   * @return the interval, positive
   */
  public Duration refreshInterval() {
    return refreshInterval;
  }

  /**
   * The HTTP client settings for the endpoint (auth, TLS, proxy...).
   *
   * @return the settings, never null
   */
  public HttpClientConfig httpClient() {
    return httpClient;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof HttpSdConfig)) {
      return false;
    }
    HttpSdConfig h = (HttpSdConfig) o;
    return url.equals(h.url)
        && refreshInterval.equals(h.refreshInterval)
        && httpClient.equals(h.httpClient);
  }

  @Override
  public int hashCode() {
    return Objects.hash(url, refreshInterval, httpClient);
  }

  @Override
  public String toString() {
    return "HttpSdConfig{url="
        + Redaction.url(url)
        + ", refreshInterval="
        + Durations.format(refreshInterval)
        + ", httpClient="
        + httpClient
        + "}";
  }
}
