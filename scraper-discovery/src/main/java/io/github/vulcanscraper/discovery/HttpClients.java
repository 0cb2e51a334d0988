package io.github.vulcanscraper.discovery;

import io.github.vulcanscraper.core.http.HttpClientConfig;
import io.github.vulcanscraper.core.http.Secret;
import io.github.vulcanscraper.core.http.TlsConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * OkHttp clients for discovery requests (HTTP SD, Consul) from an {@link HttpClientConfig}: auth,
 * headers, proxy and redirects; secrets are read per request, so rotated files are picked up.
 * Clients share one connection pool and dispatcher.
 */
final class HttpClients {
  private static final OkHttpClient BASE = new OkHttpClient();

  private HttpClients() {}

  static OkHttpClient create(HttpClientConfig config, Duration callTimeout) throws IOException {
    OkHttpClient.Builder b =
        BASE.newBuilder()
            .followRedirects(config.followRedirects())
            .followSslRedirects(config.followRedirects())
            .callTimeout(callTimeout)
            .readTimeout(callTimeout);
    if (config.proxyUrl() != null) {
      int port = config.proxyUrl().getPort();
      if (port < 0) {
        port = "https".equals(config.proxyUrl().getScheme()) ? 443 : 80;
      }
      b.proxy(
          new Proxy(
              Proxy.Type.HTTP,
              InetSocketAddress.createUnresolved(config.proxyUrl().getHost(), port)));
    }
    if (!config.tls().equals(TlsConfig.DEFAULT)) {
      Tls.apply(config.tls(), b);
    }
    b.addInterceptor(
        chain -> chain.proceed(authorize(chain.request().newBuilder(), config).build()));
    return b.build();
  }

  private static Request.Builder authorize(Request.Builder r, HttpClientConfig config)
      throws IOException {
    for (Map.Entry<String, List<Secret>> h : config.headers().entrySet()) {
      r.removeHeader(h.getKey());
      for (Secret v : h.getValue()) {
        r.addHeader(h.getKey(), v.reveal());
      }
    }
    if (config.basicAuthUsername() != null) {
      String password =
          config.basicAuthPassword() == null ? "" : config.basicAuthPassword().reveal();
      r.header("Authorization", Credentials.basic(config.basicAuthUsername(), password));
    } else if (config.authorizationType() != null) {
      r.header(
          "Authorization",
          config.authorizationType() + " " + config.authorizationCredentials().reveal());
    }
    return r;
  }
}
