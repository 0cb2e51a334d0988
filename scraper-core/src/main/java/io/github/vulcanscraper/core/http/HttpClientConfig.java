package io.github.vulcanscraper.core.http;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a scrape talks HTTP to its target, as Prometheus' http client config: basic auth, an {@code
 * Authorization} header, TLS, a proxy, extra headers and whether to follow redirects.
 *
 * <p>Immutable and thread-safe. Secrets never appear in {@link #toString()}. Build one with {@link
 * #builder()}:
 *
 * <pre>{@code
 * HttpClientConfig http = HttpClientConfig.builder()
 *     .basicAuth("scraper", Secret.fromFile(Path.of("/etc/vulcan/password")))
 *     .tls(TlsConfig.builder().caFile(Path.of("/etc/vulcan/ca.pem")).build())
 *     .build();
 * }</pre>
 */
public final class HttpClientConfig {
  /** No auth, no proxy, default TLS, redirects followed, HTTP/2 allowed. */
  public static final HttpClientConfig DEFAULT = builder().build();

  private final @Nullable String basicAuthUsername;
  private final @Nullable Secret basicAuthPassword;
  private final @Nullable String authorizationType;
  private final @Nullable Secret authorizationCredentials;
  private final TlsConfig tls;
  private final @Nullable URI proxyUrl;
  private final boolean followRedirects;
  private final boolean enableHttp2;
  private final Map<String, List<Secret>> headers;

  private HttpClientConfig(Builder b) {
    this.basicAuthUsername = b.basicAuthUsername;
    this.basicAuthPassword = b.basicAuthPassword;
    this.authorizationType = b.authorizationType;
    this.authorizationCredentials = b.authorizationCredentials;
    this.tls = b.tls;
    this.proxyUrl = b.proxyUrl;
    this.followRedirects = b.followRedirects;
    this.enableHttp2 = b.enableHttp2;
    this.headers = Map.copyOf(b.headers);
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
   * A builder holding these settings.
   *
   * @return a new builder, independent of these settings
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.basicAuthUsername = basicAuthUsername;
    b.basicAuthPassword = basicAuthPassword;
    b.authorizationType = authorizationType;
    b.authorizationCredentials = authorizationCredentials;
    b.tls = tls;
    b.proxyUrl = proxyUrl;
    b.followRedirects = followRedirects;
    b.enableHttp2 = enableHttp2;
    b.headers.putAll(headers);
    return b;
  }

  /**
   * The basic auth user name, or {@code null} without basic auth.
   *
   * @return the user name, or {@code null}
   */
  public @Nullable String basicAuthUsername() {
    return basicAuthUsername;
  }

  /**
   * The basic auth password, or {@code null}.
   *
   * @return the password, or {@code null} when there is none
   */
  public @Nullable Secret basicAuthPassword() {
    return basicAuthPassword;
  }

  /**
   * The {@code Authorization} scheme ({@code Bearer} by default), or {@code null} without one.
   *
   * @return the scheme, or {@code null}
   */
  public @Nullable String authorizationType() {
    return authorizationType;
  }

  /**
   * The {@code Authorization} credentials, or {@code null}.
   *
   * @return the credentials, or {@code null} without an {@code Authorization} header
   */
  public @Nullable Secret authorizationCredentials() {
    return authorizationCredentials;
  }

  /**
   * The TLS settings.
   *
   * @return the TLS settings, {@link TlsConfig#DEFAULT} when unset
   */
  public TlsConfig tls() {
    return tls;
  }

  /**
   * The proxy to go through ({@code proxy_url}), or {@code null} for none.
   *
   * @return the proxy URL, or {@code null}
   */
  public @Nullable URI proxyUrl() {
    return proxyUrl;
  }

  /**
   * Whether redirects are followed ({@code follow_redirects}, default {@code true}).
   *
   * @return whether redirects are followed
   */
  public boolean followRedirects() {
    return followRedirects;
  }

  /**
   * Whether HTTP/2 may be used ({@code enable_http2}, default {@code true}).
   *
   * @return whether HTTP/2 may be negotiated
   */
  public boolean enableHttp2() {
    return enableHttp2;
  }

  /**
   * Extra headers sent with every scrape ({@code http_headers}); values are secrets.
   *
   * @return an unmodifiable map of header name to values, in insertion order; empty for none
   */
  public Map<String, List<Secret>> headers() {
    return headers;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof HttpClientConfig)) {
      return false;
    }
    HttpClientConfig c = (HttpClientConfig) o;
    return Objects.equals(basicAuthUsername, c.basicAuthUsername)
        && Objects.equals(basicAuthPassword, c.basicAuthPassword)
        && Objects.equals(authorizationType, c.authorizationType)
        && Objects.equals(authorizationCredentials, c.authorizationCredentials)
        && tls.equals(c.tls)
        && Objects.equals(proxyUrl, c.proxyUrl)
        && followRedirects == c.followRedirects
        && enableHttp2 == c.enableHttp2
        && headers.equals(c.headers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        basicAuthUsername,
        basicAuthPassword,
        authorizationType,
        authorizationCredentials,
        tls,
        proxyUrl,
        followRedirects,
        enableHttp2,
        headers);
  }

  @Override
  public String toString() {
    return "HttpClientConfig{basicAuth="
        + (basicAuthUsername == null ? null : basicAuthUsername + ":" + basicAuthPassword)
        + ", authorization="
        + (authorizationType == null ? null : authorizationType + " " + authorizationCredentials)
        + ", tls="
        + tls
        + ", proxyUrl="
        + redactedProxyUrl()
        + ", followRedirects="
        + followRedirects
        + ", enableHttp2="
        + enableHttp2
        + ", headers="
        + headers.keySet()
        + "}";
  }

  private @Nullable String redactedProxyUrl() {
    URI uri = proxyUrl;
    return uri == null ? null : redactUserInfo(uri);
  }

  private static String redactUserInfo(URI uri) {
    return uri.getUserInfo() == null
        ? uri.toString()
        : uri.toString().replace(uri.getRawUserInfo() + "@", "<secret>@");
  }

  /** Builds an {@link HttpClientConfig}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private @Nullable String basicAuthUsername;
    private @Nullable Secret basicAuthPassword;
    private @Nullable String authorizationType;
    private @Nullable Secret authorizationCredentials;
    private TlsConfig tls = TlsConfig.DEFAULT;
    private @Nullable URI proxyUrl;
    private boolean followRedirects = true;
    private boolean enableHttp2 = true;
    private final Map<String, List<Secret>> headers = new LinkedHashMap<>();

    private Builder() {}

    /**
     * Sends basic auth with this user name and password (the password may be {@code null}).
     *
     * @param username the user name; not null
     * @param password the password, or {@code null} for none
     * @return this builder
     */
    public Builder basicAuth(String username, @Nullable Secret password) {
      this.basicAuthUsername = Objects.requireNonNull(username, "username");
      this.basicAuthPassword = password;
      return this;
    }

    /**
     * Sends {@code Authorization: <type> <credentials>}; the type defaults to {@code Bearer}.
     *
     * @param type the scheme, e.g. {@code Bearer}; {@code null} or empty for {@code Bearer}
     * @param credentials the credentials; not null
     * @return this builder
     * @throws IllegalArgumentException when {@code type} is {@code Basic} (use {@link #basicAuth})
     */
    public Builder authorization(@Nullable String type, Secret credentials) {
      String t = type == null || type.isEmpty() ? "Bearer" : type;
      if (t.equalsIgnoreCase("basic")) {
        throw new IllegalArgumentException(
            "authorization type cannot be set to \"basic\", use \"basic_auth\" instead");
      }
      this.authorizationType = t;
      this.authorizationCredentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /**
     * Sets the TLS settings.
     *
     * @param tls the TLS settings; not null
     * @return this builder
     */
    public Builder tls(TlsConfig tls) {
      this.tls = Objects.requireNonNull(tls, "tls");
      return this;
    }

    /**
     * Sets the proxy URL ({@code http} or {@code https}); {@code null} for none.
     *
     * @param proxyUrl the proxy, or {@code null} for none
     * @return this builder
     * @throws IllegalArgumentException on a scheme other than {@code http} or {@code https}
     */
    public Builder proxyUrl(@Nullable URI proxyUrl) {
      if (proxyUrl != null
          && !"http".equals(proxyUrl.getScheme())
          && !"https".equals(proxyUrl.getScheme())) {
        throw new IllegalArgumentException(
            "proxy_url scheme must be http or https: " + redactUserInfo(proxyUrl));
      }
      this.proxyUrl = proxyUrl;
      return this;
    }

    /**
     * Sets whether to follow redirects.
     *
     * @param follow {@code false} to fail on a redirect; default {@code true}
     * @return this builder
     */
    public Builder followRedirects(boolean follow) {
      this.followRedirects = follow;
      return this;
    }

    /**
     * Sets whether HTTP/2 may be used.
     *
     * @param enable {@code false} to use HTTP/1.1 only; default {@code true}
     * @return this builder
     */
    public Builder enableHttp2(boolean enable) {
      this.enableHttp2 = enable;
      return this;
    }

    /**
     * Adds a header sent with every scrape; its values are treated as secrets.
     *
     * @param name the header name; not empty; replaces an earlier header of this name
     * @param values the values; copied
     * @return this builder
     * @throws IllegalArgumentException when {@code name} is null or empty
     */
    public Builder header(String name, List<Secret> values) {
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException("header name must not be empty");
      }
      headers.put(name, List.copyOf(values));
      return this;
    }

    /**
     * The settings.
     *
     * @return new, immutable settings
     * @throws IllegalArgumentException when basic auth and authorization are both set
     */
    public HttpClientConfig build() {
      if (basicAuthUsername != null && authorizationType != null) {
        throw new IllegalArgumentException(
            "at most one of basic_auth and authorization must be configured");
      }
      return new HttpClientConfig(this);
    }
  }
}
