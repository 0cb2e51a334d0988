package io.github.vulcanscraper.discovery;

import io.github.vulcanscraper.core.http.HttpClientConfig;
import io.github.vulcanscraper.core.http.Secret;
import io.github.vulcanscraper.core.http.TlsConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.net.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Request;

/**
 * OkHttp clients for discovery requests (HTTP SD, Consul) from an {@link HttpClientConfig}: auth,
 * headers, TLS, proxy (with its user info as proxy auth), HTTP/2 and redirects; secrets are read per request, so rotated files are picked up.
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
    if (!config.enableHttp2()) {
      b.protocols(List.of(Protocol.HTTP_1_1));
    }
    URI proxy = config.proxyUrl();
    if (proxy != null) {
      int port = proxy.getPort() > 0 ? proxy.getPort() : "https".equals(proxy.getScheme()) ? 443 : 80;
      b.proxy(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(proxy.getHost(), port)));
      String userInfo = proxy.getRawUserInfo();
      if (userInfo != null) {
        int colon = userInfo.indexOf(':');
        String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        String credentials = Credentials.basic(user, password, StandardCharsets.UTF_8);
        b.proxyAuthenticator(
            (route, response) ->
                response.request().header("Proxy-Authorization") != null
                    ? null
                    : response.request().newBuilder()
                        .header("Proxy-Authorization", credentials)
                        .build());
      }
    }
    if (!config.tls().equals(TlsConfig.DEFAULT)) {
      Tls.apply(config.tls(), b);
    }
    b.addInterceptor(
        chain -> chain.proceed(authorize(chain.request().newBuilder(), config).build()));
    return b.build();
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
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
