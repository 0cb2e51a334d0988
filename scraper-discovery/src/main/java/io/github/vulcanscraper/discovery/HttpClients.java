package io.github.vulcanscraper.discovery;

import io.github.vulcanscraper.api.ScrapeException;
import io.github.vulcanscraper.core.http.HttpClientConfig;
import java.io.IOException;
import java.time.Duration;
import okhttp3.OkHttpClient;

/**
 * OkHttp clients for discovery requests (HTTP SD, Consul), made by core's {@link
 * io.github.vulcanscraper.core.HttpClients} from an {@link HttpClientConfig} exactly as scrapes
 * make them (TLS, proxy, HTTP/2, redirects, one shared connection pool), with a call timeout, and
 * the auth and extra headers added per request so rotated secret files are picked up.
 */
final class HttpClients {
  private HttpClients() {}

  static OkHttpClient create(HttpClientConfig config, Duration callTimeout) throws IOException {
    OkHttpClient client;
    try {
      client = io.github.vulcanscraper.core.HttpClients.shared().clientFor(config);
    } catch (ScrapeException e) {
      throw new IOException(e.getMessage(), e);
    }
    return client
        .newBuilder()
        .callTimeout(callTimeout)
        .readTimeout(callTimeout)
        .addInterceptor(
            chain -> {
              try {
                return chain.proceed(
                    io.github.vulcanscraper.core.HttpClients.authorize(
                            chain.request().newBuilder(), config)
                        .build());
              } catch (ScrapeException e) {
                throw new IOException(e.getMessage(), e);
              }
            })
        .build();
  }
}
