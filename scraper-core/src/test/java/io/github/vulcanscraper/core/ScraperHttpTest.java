package io.github.vulcanscraper.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.MetricType;
import io.github.vulcanscraper.api.Sample;
import io.github.vulcanscraper.api.ScrapePolicy;
import io.github.vulcanscraper.api.Targeter;
import io.github.vulcanscraper.core.exposition.ExpositionFormat;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.Counter;
import io.prometheus.client.exporter.HTTPServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.Test;

/** The whole engine against real exporters on loopback, on the real clock. */
final class ScraperHttpTest {
  private static final Duration INTERVAL = Duration.ofMillis(500);

  @Test
  void scrapesASimpleclientExporterInOpenMetricsOrTextWithGzip() throws Exception {
    CollectorRegistry registry = new CollectorRegistry();
    Counter requests = Counter.build("requests", "Requests.").labelNames("path").register(registry);
    requests.labels("/a").inc(3);
    HTTPServer exporter =
        new HTTPServer(
            new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0),
            registry);
    try {
      URI url = URI.create("http://127.0.0.1:" + exporter.getPort() + "/metrics");
      List<String> seen = new CopyOnWriteArrayList<>();
      OkHttpClient base =
          new OkHttpClient.Builder()
              .addNetworkInterceptor(
                  chain -> {
                    Response r = chain.proceed(chain.request());
                    seen.add(r.header("Content-Type") + " | " + r.header("Content-Encoding"));
                    return r;
                  })
              .build();
      HTTPTarget om =
          HTTPTarget.builder()
              .url(url)
              .job(JobName.of("app"))
              .clients(HttpClients.of(base))
              .build();
      List<MetricFamily> families = om.fetch();
      assertThat(seen.get(0)).startsWith("application/openmetrics-text").endsWith("| gzip");
      assertThat(families)
          .anySatisfy(
              f -> {
                assertThat(f.name()).isEqualTo("requests");
                assertThat(f.type()).isEqualTo(MetricType.COUNTER);
                assertThat(f.samples())
                    .anySatisfy(
                        s -> {
                          assertThat(s.name()).isEqualTo("requests_total");
                          assertThat(s.value()).isEqualTo(3.0);
                        });
              });
      HTTPTarget text = om.toBuilder().acceptHeader(ExpositionFormat.ACCEPT_TEXT_ONLY).build();
      assertThat(text.fetch())
          .anySatisfy(
              f ->
                  assertThat(f.samples())
                      .anySatisfy(s -> assertThat(s.name()).isEqualTo("requests_total")));
      assertThat(seen.get(1)).startsWith("text/plain").endsWith("| gzip");
    } finally {
      exporter.close();
    }
  }

  @Test
  void failuresWriteUpZeroWithACountedReasonWhileOtherTargetsKeepTheirSchedule() throws Exception {
    MockWebServer server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getPath() == null ? "" : request.getPath();
            MockResponse ok =
                new MockResponse().setHeader("Content-Type", HttpTargetTest.TEXT_TYPE);
            switch (path) {
              case "/ok":
                return ok.setBody(HttpTargetTest.TEXT);
              case "/500":
                return new MockResponse().setResponseCode(500);
              case "/slow":
                return ok.setBody(HttpTargetTest.TEXT).setHeadersDelay(2, TimeUnit.SECONDS);
              case "/garbage":
                return ok.setBody("{\"not\": \"metrics\"}");
              case "/big":
                return ok.setBody("m 1\n".repeat(1000));
              case "/many":
                return ok.setBody(HttpTargetTest.TEXT);
              case "/labels":
                return ok.setBody("m{a=\"1\",b=\"2\",c=\"3\"} 1\n");
              default:
                return new MockResponse().setResponseCode(404);
            }
          }
        });
    server.start(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0);
    int closedPort;
    try (ServerSocket s =
        new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
      closedPort = s.getLocalPort();
    }
    String base = "http://127.0.0.1:" + server.getPort();
    HttpClients clients = HttpClients.of(new okhttp3.OkHttpClient());
    List<Targeter> targets =
        List.of(
            target(base + "/ok", "ok-1", clients).build(),
            target(base + "/ok", "ok-2", clients).build(),
            target(base + "/500", "status", clients).build(),
            target(base + "/slow", "slow", clients).timeout(Duration.ofMillis(200)).build(),
            target(base + "/garbage", "garbage", clients).build(),
            target(base + "/big", "big", clients).bodySizeLimit(100).build(),
            target(base + "/many", "many", clients)
                .policy(ScrapePolicy.builder().sampleLimit(1).build())
                .build(),
            target(base + "/labels", "labels", clients)
                .policy(ScrapePolicy.builder().labelLimit(3).build())
                .build(),
            target("http://127.0.0.1:" + closedPort + "/metrics", "refused", clients).build());
    RecordingWriter writer = new RecordingWriter();
    try (Scraper scraper = Scraper.builder(new SettableTargets(targets), writer).build()) {
      scraper.start();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> targets.stream().allMatch(t -> writer.slots(t.key()).size() >= 4));
      ScraperMetrics m = scraper.metrics();
      for (String reason :
          List.of(
              "http_status",
              "timeout",
              "parse",
              "body_size_limit",
              "sample_limit",
              "label_limit",
              "connect")) {
        assertThat(m.scrapesFailed(reason)).as(reason).isGreaterThanOrEqualTo(4);
      }
    } finally {
      server.shutdown();
    }
    for (Targeter t : targets) {
      List<RecordingWriter.Written> written = writer.records(t.key());
      boolean healthy = t.key().startsWith("job/ok");
      assertThat(written)
          .allSatisfy(
              w -> {
                assertThat(w.value("up")).as(t.key()).isEqualTo(healthy ? 1.0 : 0.0);
                assertThat(w.scrape.target()).isEqualTo(t.labels());
              });
      // Every scrape on the key's own phase. (Whether a loaded machine skipped a slot is timing,
      // which the fake-clock tests cover; here only alignment is asserted.)
      long interval = INTERVAL.toMillis();
      assertThat(writer.slots(t.key()))
          .as(t.key())
          .allSatisfy(
              slot ->
                  assertThat(Math.floorMod(slot, interval))
                      .isEqualTo(Slots.offset(t.key(), interval)));
    }
    RecordingWriter.Written ok = writer.records("job/ok-1").get(0);
    assertThat(ok.samples())
        .anySatisfy(
            s -> {
              assertThat(s.name()).isEqualTo("m");
              assertThat(s.labels())
                  .isEqualTo(Labels.of("a", "1", "job", "job", "instance", "ok-1"));
            });
    assertThat(writer.records("job/ok-1"))
        .allSatisfy(w -> assertThat(w.samples()).noneMatch(s -> Sample.isStaleMarker(s.value())));
  }

  private static HTTPTarget.Builder target(String url, String instance, HttpClients clients) {
    return HTTPTarget.builder()
        .url(URI.create(url))
        .job(JobName.of("job"))
        .labels(Labels.of("instance", instance))
        .interval(INTERVAL)
        .timeout(Duration.ofMillis(400))
        .clients(clients);
  }
}
