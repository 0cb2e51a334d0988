package io.github.vulcanscraper.core;

import io.github.vulcanscraper.api.ScrapeException;
import io.github.vulcanscraper.core.http.HttpClientConfig;
import io.github.vulcanscraper.core.http.Secret;
import io.github.vulcanscraper.core.http.TlsConfig;
import io.github.vulcanscraper.core.internal.TlsSetup;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * The OkHttp clients of a set of {@link HTTPTarget}s: one base client whose dispatcher they all
 * share, and clients derived from it (through {@link OkHttpClient#newBuilder()}) per distinct
 * {@link HttpClientConfig}, built when first needed and cached, so ten thousand targets with one
 * config share one set of clients.
 *
 * <p>Design: the {@link #shared()} instance spreads its connections over {@value #SHARED_POOLS}
 * connection pools, a target's address picking one. OkHttp walks every connection of a pool to find
 * one for a call and again to clean the pool after each call, so with one pool a node of thousands
 * of targets (one kept-alive connection each, as Prometheus keeps them) paid for all of them on
 * every scrape: 2,000 targets at distinct addresses cost 1.2 ms of CPU per scrape in OkHttp with
 * one pool and 0.26 ms with 32 (BENCHMARKS.md, {@code DistinctAddressesMain}); a single pool also
 * kept at most 1,024 idle connections, so beyond that targets reconnected on every scrape. {@link
 * #of(OkHttpClient)} keeps the given client's single pool.
 *
 * <p>TLS files (CA, certificate, key) are read when a config's client is built; a client that fails
 * to build is not cached, so the next scrape tries again. Thread-safe.
 */
public final class HttpClients {
  /** How many connection pools the shared instance spreads its connections over. */
  static final int SHARED_POOLS = 32;

  /** How long the shared instance keeps an idle connection. */
  static final Duration KEEP_ALIVE = Duration.ofMinutes(2);

  private static final int MAX_CACHED = 256;
  private static volatile @Nullable HttpClients shared;

  private final OkHttpClient base;
  private final List<ConnectionPool> pools;
  private final Map<HttpClientConfig, OkHttpClient[]> cache =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<HttpClientConfig, OkHttpClient[]> eldest) {
          return size() > MAX_CACHED;
        }
      };

  private HttpClients(OkHttpClient base, List<ConnectionPool> pools) {
    this.base = base;
    this.pools = pools;
  }

  /**
   * Clients derived from {@code base}; its connection pool, dispatcher and timeouts are shared. A
   * scrape's call is bounded by the scrape's timeout; the base's call timeout does not apply to it.
   *
   * @param base the client whose pool, dispatcher and timeouts are shared; the caller owns it
   * @return the clients
   */
  public static HttpClients of(OkHttpClient base) {
    Objects.requireNonNull(base, "base");
    return new HttpClients(base, List.of(base.connectionPool()));
  }

  /**
   * The process-wide default: a base client that does not retry on connection failure (a scrape is
   * retried at its next slot) and keeps idle connections for two minutes (up to 1,024 in each of
   * its {@value #SHARED_POOLS} pools), so targets scraped more often than that reuse their
   * connection, as Prometheus does. It has no connect, read or write timeout of its own: as in
   * Prometheus, the scrape's {@code scrape_timeout} (armed for each call) bounds the whole scrape,
   * so a scrape timeout above OkHttp's 10 s defaults is not cut short by an exporter that takes its
   * time, and a scrape registers one timeout instead of one per socket read. Used by {@link
   * HTTPTarget}s built without {@link HTTPTarget.Builder#clients}.
   *
   * @return the shared instance, created on first use
   */
  public static HttpClients shared() {
    HttpClients s = shared;
    if (s == null) {
      synchronized (HttpClients.class) {
        s = shared;
        if (s == null) {
          List<ConnectionPool> pools = new ArrayList<>(SHARED_POOLS);
          for (int i = 0; i < SHARED_POOLS; i++) {
            pools.add(new ConnectionPool(1024, KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS));
          }
          s =
              new HttpClients(
                  new OkHttpClient.Builder()
                      .retryOnConnectionFailure(false)
                      .connectTimeout(Duration.ZERO)
                      .readTimeout(Duration.ZERO)
                      .writeTimeout(Duration.ZERO)
                      .connectionPool(pools.get(0))
                      .build(),
                  List.copyOf(pools));
          shared = s;
        }
      }
    }
    return s;
  }

  /**
   * Whether this is the {@link #shared()} instance, whose plain {@code http://} scrapes without a
   * proxy go over the scraper's own HTTP/1.1 connections ({@link PlainHttp}) instead of OkHttp.
   */
  boolean isShared() {
    return this == shared;
  }

  /**
   * The base client.
   *
   * @return the base client
   */
  public OkHttpClient base() {
    return base;
  }

  /**
   * The client for {@code config}, built on first use and cached: redirects, HTTP/2, proxy and TLS
   * as configured, on the base client's connection pool (the first of the shared instance's). Auth
   * and extra headers are per request: see {@link #authorize}. Discovery mechanisms use it for
   * their own HTTP calls; scrapes use the client of their address's pool.
   *
   * @param config the HTTP client settings of a target or a discovery mechanism
   * @return the cached client for these settings
   * @throws ScrapeException with reason {@code tls_config} when the TLS files cannot be read
   */
  public OkHttpClient clientFor(HttpClientConfig config) throws ScrapeException {
    return clients(config)[0];
  }

  /**
   * The client for {@code config} whose connection pool holds the connections of the address hashed
   * to {@code addressHash} ({@link HTTPTarget#addressHash()}): the same one every time for one
   * address.
   */
  OkHttpClient clientFor(HttpClientConfig config, long addressHash) throws ScrapeException {
    OkHttpClient[] clients = clients(config);
    return clients[Math.floorMod(addressHash, clients.length)];
  }

  /** One client per connection pool, for {@code config}. */
  private OkHttpClient[] clients(HttpClientConfig config) throws ScrapeException {
    synchronized (cache) {
      OkHttpClient[] c = cache.get(config);
      if (c != null) {
        return c;
      }
    }
    OkHttpClient.Builder b = configured(config);
    OkHttpClient[] built = new OkHttpClient[pools.size()];
    for (int i = 0; i < built.length; i++) {
      built[i] = b.connectionPool(pools.get(i)).build();
    }
    synchronized (cache) {
      OkHttpClient[] raced = cache.putIfAbsent(config, built);
      return raced == null ? built : raced;
    }
  }

  /**
   * Whether {@link #authorize} changes a request under this config: it has headers, basic auth or
   * authorization credentials.
   *
   * @param config the target's HTTP settings
   * @return false when requests go out as built
   */
  static boolean authorizes(HttpClientConfig config) {
    return !config.headers().isEmpty()
        || config.basicAuthUsername() != null
        || (config.authorizationType() != null && config.authorizationCredentials() != null);
  }

  /**
   * Adds the extra headers and the {@code Authorization} header of {@code config} to a request.
   * Secrets are read now, so a rotated password or token file is picked up by the next request.
   *
   * @param b the request being built; changed in place
   * @param config the settings holding the headers and credentials
   * @return {@code b}
   * @throws ScrapeException with reason {@code secret} when a secret file cannot be read; the
   *     message names the file, never its content
   */
  public static Request.Builder authorize(Request.Builder b, HttpClientConfig config)
      throws ScrapeException {
    for (Map.Entry<String, List<Secret>> h : config.headers().entrySet()) {
      b.removeHeader(h.getKey());
      for (Secret v : h.getValue()) {
        b.addHeader(h.getKey(), reveal(v, "header " + h.getKey()));
      }
    }
    String user = config.basicAuthUsername();
    String type = config.authorizationType();
    Secret credentials = config.authorizationCredentials();
    if (user != null) {
      Secret password = config.basicAuthPassword();
      b.header(
          "Authorization",
          Credentials.basic(
              user, password == null ? "" : reveal(password, "password"), StandardCharsets.UTF_8));
    } else if (type != null && credentials != null) {
      b.header("Authorization", type + " " + reveal(credentials, "authorization credentials"));
    }
    return b;
  }

  private static String reveal(Secret secret, String what) throws ScrapeException {
    try {
      return secret.reveal();
    } catch (IOException e) {
      throw new ScrapeException("secret", "cannot read " + what + " from " + secret, e);
    }
  }

  private OkHttpClient.Builder configured(HttpClientConfig config) throws ScrapeException {
    OkHttpClient.Builder b =
        base.newBuilder()
            .followRedirects(config.followRedirects())
            .followSslRedirects(config.followRedirects());
    if (!config.enableHttp2()) {
      b.protocols(List.of(Protocol.HTTP_1_1));
    }
    if (config.proxyUrl() != null) {
      proxy(b, config.proxyUrl());
    }
    if (!config.tls().equals(TlsConfig.DEFAULT)) {
      try {
        TlsSetup tls = TlsSetup.of(config.tls());
        b.sslSocketFactory(tls.socketFactory, tls.trustManager);
        if (tls.hostnameVerifier != null) {
          b.hostnameVerifier(tls.hostnameVerifier);
        }
      } catch (GeneralSecurityException | IOException e) {
        throw new ScrapeException("tls_config", "invalid TLS config: " + e.getMessage(), e);
      }
    }
    return b;
  }

  private static void proxy(OkHttpClient.Builder b, URI url) {
    int port = url.getPort() > 0 ? url.getPort() : ("https".equals(url.getScheme()) ? 443 : 80);
    b.proxy(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(url.getHost(), port)));
    String userInfo = url.getRawUserInfo();
    if (userInfo != null) {
      int colon = userInfo.indexOf(':');
      String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
      String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
      String credentials = Credentials.basic(user, password, StandardCharsets.UTF_8);
      b.proxyAuthenticator(
          (route, response) ->
              response.request().header("Proxy-Authorization") != null
                  ? null
                  : response
                      .request()
                      .newBuilder()
                      .header("Proxy-Authorization", credentials)
                      .build());
    }
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    synchronized (cache) {
      return "HttpClients{" + cache.size() + " configs}";
    }
  }
}
