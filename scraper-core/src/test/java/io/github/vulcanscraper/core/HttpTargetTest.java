package io.github.vulcanscraper.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.MetricType;
import io.github.vulcanscraper.api.ScrapeException;
import io.github.vulcanscraper.core.exposition.ExpositionFormat;
import io.github.vulcanscraper.core.http.HttpClientConfig;
import io.github.vulcanscraper.core.http.Secret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okio.Buffer;
import okio.GzipSink;
import okio.Okio;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPTarget against a real HTTP server on loopback. */
final class HttpTargetTest {
  static final String TEXT = "# TYPE m gauge\nm{a=\"1\"} 5\nm{a=\"2\"} 6\n";
  static final String OPENMETRICS = "# TYPE c counter\nc_total 3\n# EOF\n";
  static final String TEXT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final MockWebServer server = new MockWebServer();

  @SuppressWarnings("NullAway.Init") // JUnit sets it before each test
  @TempDir
  Path dir;

  @BeforeEach
  void startServer() throws IOException {
    server.start(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0);
  }

  @AfterEach
  void stopServer() throws IOException {
    server.shutdown();
  }

  private HTTPTarget.Builder target() {
    return HTTPTarget.builder()
        .url(URI.create("http://127.0.0.1:" + server.getPort() + "/metrics"))
        .job(JobName.of("node"))
        .interval(Duration.ofSeconds(10))
        .timeout(Duration.ofSeconds(2));
  }

  private static MockResponse text(String body) {
    return new MockResponse().setHeader("Content-Type", TEXT_TYPE).setBody(body);
  }

  /** The scrape's failure; the test fails when the scrape does not. */
  static ScrapeException failure(HTTPTarget t) {
    try {
      t.fetch();
    } catch (ScrapeException e) {
      return e;
    }
    throw new AssertionError("the scrape did not fail");
  }

  @Test
  void scrapesTheTextFormatAndSendsPrometheusHeaders() throws Exception {
    server.enqueue(text(TEXT));
    List<MetricFamily> families = target().build().fetch();
    assertThat(families)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.name()).isEqualTo("m");
              assertThat(f.type()).isEqualTo(MetricType.GAUGE);
              assertThat(f.samples()).hasSize(2);
            });
    RecordedRequest r = server.takeRequest();
    assertThat(r.getHeader("Accept")).isEqualTo(ExpositionFormat.ACCEPT_HEADER);
    assertThat(r.getHeader("Accept-Encoding")).isEqualTo("gzip");
    assertThat(r.getHeader("User-Agent")).startsWith("vulcan-scraper/");
    assertThat(r.getHeader("X-Prometheus-Scrape-Timeout-Seconds")).isEqualTo("2");
    assertThat(r.getHeader("Authorization")).isNull();
  }

  @Test
  void readsOpenMetricsWhenTheContentTypeSaysSo() throws Exception {
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", "application/openmetrics-text; version=1.0.0; charset=utf-8")
            .setBody(OPENMETRICS));
    assertThat(target().build().fetch())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.type()).isEqualTo(MetricType.COUNTER);
              assertThat(f.samples().get(0).name()).isEqualTo("c_total");
            });
  }

  @Test
  void sendsTheAcceptHeaderItIsGiven() throws Exception {
    server.enqueue(text(TEXT));
    target()
        .acceptHeader(ExpositionFormat.ACCEPT_TEXT_ONLY)
        .enableCompression(false)
        .build()
        .fetch();
    RecordedRequest r = server.takeRequest();
    assertThat(r.getHeader("Accept")).isEqualTo(ExpositionFormat.ACCEPT_TEXT_ONLY);
    assertThat(r.getHeader("Accept-Encoding")).isEqualTo("identity");
  }

  @Test
  void decompressesAGzipBody() throws Exception {
    server.enqueue(text("").setHeader("Content-Encoding", "gzip").setBody(gzip(TEXT)));
    assertThat(target().build().fetch().get(0).samples()).hasSize(2);
  }

  @Test
  void failsOnANon2xxStatus() {
    server.enqueue(new MockResponse().setResponseCode(500).setBody("boom"));
    ScrapeException e = failure(target().build());
    assertThat(e.reason()).isEqualTo("http_status");
    assertThat(e).hasMessageContaining("500");
  }

  @Test
  void followsRedirectsUnlessTold() throws Exception {
    server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", "/other"));
    server.enqueue(text(TEXT));
    assertThat(target().build().fetch()).hasSize(1);
    server.enqueue(new MockResponse().setResponseCode(302).setHeader("Location", "/other"));
    HttpClientConfig noFollow = HttpClientConfig.builder().followRedirects(false).build();
    assertThat(failure(target().httpClientConfig(noFollow).build()).reason())
        .isEqualTo("http_status");
  }

  @Test
  void failsWhenTheConnectionIsRefused() throws IOException {
    int port;
    try (ServerSocket s =
        new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
      port = s.getLocalPort();
    }
    HTTPTarget t = target().url(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
    assertThat(failure(t).reason()).isEqualTo("connect");
  }

  @Test
  void failsWhenTheTargetIsSlowerThanTheTimeout() {
    server.enqueue(text(TEXT).setHeadersDelay(5, TimeUnit.SECONDS));
    ScrapeException e = failure(target().timeout(Duration.ofMillis(300)).build());
    assertThat(e.reason()).isEqualTo("timeout");
  }

  @Test
  void waitsForASlowTargetAsLongAsTheScrapeTimeoutNotOkHttpsTenSecondReadTimeout()
      throws Exception {
    // Prometheus bounds a scrape by scrape_timeout alone; 10.5 s of silence is within 15 s.
    server.enqueue(text(TEXT).setHeadersDelay(10_500, TimeUnit.MILLISECONDS));
    HTTPTarget t =
        target().interval(Duration.ofSeconds(20)).timeout(Duration.ofSeconds(15)).build();
    assertThat(t.fetch()).hasSize(1);
  }

  @Test
  void failsOnAGarbageBody() {
    server.enqueue(text("this is { not metrics\n\u0000\u0001"));
    ScrapeException e = failure(target().build());
    assertThat(e.reason()).isEqualTo("parse");
    assertThat(e).hasMessageContaining("line 1");
  }

  @Test
  void failsOnABodyOverTheLimitPlainOrCompressed() throws IOException {
    server.enqueue(text(TEXT));
    assertThat(failure(target().bodySizeLimit(10).build()).reason()).isEqualTo("body_size_limit");
    String big = "x_total 1\n".repeat(100_000);
    server.enqueue(text("").setHeader("Content-Encoding", "gzip").setBody(gzip(big)));
    assertThat(failure(target().bodySizeLimit(100_000).build()).reason())
        .isEqualTo("body_size_limit");
  }

  @Test
  void sendsBasicAuthWithAnInlinePasswordOrAPasswordFile() throws Exception {
    server.enqueue(text(TEXT));
    target()
        .httpClientConfig(
            HttpClientConfig.builder().basicAuth("scraper", Secret.of("s3cret")).build())
        .build()
        .fetch();
    assertThat(server.takeRequest().getHeader("Authorization"))
        .isEqualTo(okhttp3.Credentials.basic("scraper", "s3cret"));

    Path file = Files.writeString(dir.resolve("password"), "from-file\n");
    HTTPTarget t =
        target()
            .httpClientConfig(
                HttpClientConfig.builder().basicAuth("scraper", Secret.fromFile(file)).build())
            .build();
    server.enqueue(text(TEXT));
    t.fetch();
    assertThat(server.takeRequest().getHeader("Authorization"))
        .isEqualTo(okhttp3.Credentials.basic("scraper", "from-file"));
    Files.writeString(file, "rotated");
    server.enqueue(text(TEXT));
    t.fetch();
    assertThat(server.takeRequest().getHeader("Authorization"))
        .isEqualTo(okhttp3.Credentials.basic("scraper", "rotated"));
  }

  @Test
  void sendsBearerCredentialsInlineOrFromAFileReadOnEveryScrape() throws Exception {
    server.enqueue(text(TEXT));
    target()
        .httpClientConfig(
            HttpClientConfig.builder().authorization(null, Secret.of("tok3n")).build())
        .build()
        .fetch();
    assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Bearer tok3n");

    Path file = Files.writeString(dir.resolve("token"), "first");
    HTTPTarget t =
        target()
            .httpClientConfig(
                HttpClientConfig.builder().authorization("Custom", Secret.fromFile(file)).build())
            .build();
    server.enqueue(text(TEXT));
    t.fetch();
    assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Custom first");
    Files.writeString(file, "second");
    server.enqueue(text(TEXT));
    t.fetch();
    assertThat(server.takeRequest().getHeader("Authorization")).isEqualTo("Custom second");
  }

  @Test
  void sendsExtraHeaders() throws Exception {
    server.enqueue(text(TEXT));
    target()
        .httpClientConfig(
            HttpClientConfig.builder().header("X-Api-Key", List.of(Secret.of("k3y"))).build())
        .build()
        .fetch();
    assertThat(server.takeRequest().getHeader("X-Api-Key")).isEqualTo("k3y");
  }

  @Test
  void neverShowsASecretInToStringOrErrors() {
    Path missing = dir.resolve("missing-token");
    HTTPTarget t =
        target()
            .url(URI.create("http://user:pa55word@127.0.0.1:" + server.getPort() + "/metrics"))
            .httpClientConfig(
                HttpClientConfig.builder()
                    .authorization(null, Secret.fromFile(missing))
                    .header("X-Api-Key", List.of(Secret.of("k3y")))
                    .build())
            .build();
    ScrapeException e = failure(t);
    assertThat(e.reason()).isEqualTo("secret");
    assertThat(e).hasMessageContaining(missing.toString());
    HTTPTarget basic =
        target()
            .httpClientConfig(
                HttpClientConfig.builder().basicAuth("scraper", Secret.of("s3cret")).build())
            .build();
    for (String s :
        List.of(
            t.toString(), basic.toString(), basic.httpClientConfig().toString(), e.getMessage())) {
      assertThat(s).doesNotContain("pa55word", "k3y", "s3cret");
    }
  }

  @Test
  void goesThroughAProxyWithItsCredentials() throws Exception {
    server.enqueue(
        new MockResponse()
            .setResponseCode(407)
            .setHeader("Proxy-Authenticate", "Basic realm=\"proxy\""));
    server.enqueue(text(TEXT));
    HttpClientConfig viaProxy =
        HttpClientConfig.builder()
            .proxyUrl(URI.create("http://pu:pp@127.0.0.1:" + server.getPort()))
            .build();
    HTTPTarget t =
        target()
            .url(URI.create("http://exporter.invalid:9100/metrics"))
            .httpClientConfig(viaProxy)
            .build();
    assertThat(t.fetch()).hasSize(1);
    RecordedRequest first = server.takeRequest();
    assertThat(first.getRequestLine()).contains("http://exporter.invalid:9100/metrics");
    assertThat(server.takeRequest().getHeader("Proxy-Authorization"))
        .isEqualTo(okhttp3.Credentials.basic("pu", "pp"));
  }

  @Test
  void keysTargetsByJobAndInstance() {
    HTTPTarget t = target().build();
    assertThat(t.key()).isEqualTo("node/127.0.0.1:" + server.getPort());
    assertThat(t.labels())
        .isEqualTo(Labels.of("job", "node", "instance", "127.0.0.1:" + server.getPort()));
    HTTPTarget named = target().labels(Labels.of("instance", "db-1", "zone", "a")).build();
    assertThat(named.key()).isEqualTo("node/db-1");
    assertThat(named.labels().get("zone")).isEqualTo("a");
    assertThat(target().build()).isEqualTo(t).hasSameHashCodeAs(t);
    assertThat(target().bodySizeLimit(1).build()).isNotEqualTo(t);
  }

  @Test
  void rejectsBadSettingsNamingTheValue() {
    assertThatThrownBy(
            () -> target().interval(Duration.ofSeconds(1)).timeout(Duration.ofSeconds(2)).build())
        .hasMessage("timeout must be <= interval: timeout PT2S, interval PT1S");
    assertThatThrownBy(() -> target().interval(Duration.ZERO))
        .hasMessage("interval must be > 0: PT0S");
    assertThatThrownBy(() -> target().url(URI.create("ftp://x/metrics")))
        .hasMessage("url scheme must be http or https: ftp://x/metrics");
    assertThatThrownBy(() -> target().bodySizeLimit(-1))
        .hasMessage("bodySizeLimit must be >= 0: -1");
  }

  @Test
  void sharesOneClientPerDistinctConfig() throws ScrapeException {
    HttpClients clients = HttpClients.of(new okhttp3.OkHttpClient());
    HttpClientConfig a = HttpClientConfig.builder().followRedirects(false).build();
    HttpClientConfig b = HttpClientConfig.builder().followRedirects(false).build();
    assertThat(clients.clientFor(a)).isSameAs(clients.clientFor(b));
    assertThat(clients.clientFor(HttpClientConfig.DEFAULT)).isNotSameAs(clients.clientFor(a));
    assertThat(clients.clientFor(a).connectionPool()).isSameAs(clients.base().connectionPool());
  }

  @Test
  void spreadsTheSharedClientsConnectionsOverItsPoolsByAddress() throws ScrapeException {
    HttpClients clients = HttpClients.shared();
    java.util.Set<okhttp3.ConnectionPool> pools = new java.util.HashSet<>();
    for (int port = 1; port <= 500; port++) {
      HTTPTarget t = target().url(URI.create("http://127.0.0.1:" + port + "/metrics")).build();
      okhttp3.OkHttpClient c = clients.clientFor(HttpClientConfig.DEFAULT, t.addressHash());
      assertThat(clients.clientFor(HttpClientConfig.DEFAULT, t.addressHash())).isSameAs(c);
      pools.add(c.connectionPool());
    }
    assertThat(pools).hasSize(HttpClients.SHARED_POOLS);
    assertThat(clients.clientFor(HttpClientConfig.DEFAULT).connectionPool())
        .isSameAs(clients.base().connectionPool());
  }

  @Test
  void keepsATargetsConnectionAliveFromScrapeToScrape() throws Exception {
    server.enqueue(text(TEXT));
    server.enqueue(text(TEXT));
    HTTPTarget t = target().build();
    t.fetch();
    t.fetch();
    assertThat(server.takeRequest().getSequenceNumber()).isZero();
    assertThat(server.takeRequest().getSequenceNumber()).isOne();
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  static Buffer gzip(String s) throws IOException {
    Buffer out = new Buffer();
    try (var sink = Okio.buffer(new GzipSink(out))) {
      sink.writeUtf8(s);
    }
    return out;
  }
}
