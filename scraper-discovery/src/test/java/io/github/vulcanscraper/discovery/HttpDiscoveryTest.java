package io.github.vulcanscraper.discovery;

import static io.github.vulcanscraper.discovery.Recorder.targets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.core.discovery.TargetGroup;
import io.github.vulcanscraper.core.http.HttpClientConfig;
import io.github.vulcanscraper.core.http.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class HttpDiscoveryTest {
  private final MockWebServer server = new MockWebServer();
  private final AtomicReference<MockResponse> answer = new AtomicReference<>();
  private final AtomicReference<RecordedRequest> lastRequest = new AtomicReference<>();
  private final Recorder recorder = new Recorder();
  private @Nullable Subscription subscription;
  private String url;

  @BeforeEach
  void start() throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            lastRequest.set(request);
            return java.util.Objects.requireNonNull(answer.get(), "answer");
          }
        });
    server.start(java.net.InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0);
    url = server.url("/sd").toString();
  }

  @AfterEach
  void stop() throws Exception {
    if (subscription != null) {
      subscription.close();
    }
    server.shutdown();
  }

  private void answerJson(String json) {
    answer.set(new MockResponse().setHeader("Content-Type", "application/json").setBody(json));
  }

  private HttpDiscovery.Builder discovery() {
    return HttpDiscovery.builder().url(URI.create(url)).refreshInterval(Duration.ofMillis(100));
  }

  @Test
  void readsTheListWithItsLabelsAndTheUrl() {
    answerJson(
        "[{\"targets\": [\"a:9100\", \"b:9100\"], \"labels\": {\"env\": \"prod\"}},"
            + " {\"targets\": [\"c:9100\"]}]");
    subscription = discovery().build().watch(recorder);

    List<TargetGroup> groups = recorder.awaitFirst();

    assertThat(groups).extracting(TargetGroup::source).containsExactly(url + ":0", url + ":1");
    assertThat(targets(groups))
        .containsExactly(
            Labels.of("__address__", "a:9100", "env", "prod", "__meta_url", url),
            Labels.of("__address__", "b:9100", "env", "prod", "__meta_url", url),
            Labels.of("__address__", "c:9100", "__meta_url", url));
    assertThat(java.util.Objects.requireNonNull(lastRequest.get()).getHeader("Accept"))
        .isEqualTo("application/json");
  }

  @Test
  void sendsTheConfiguredAuthorization() {
    answerJson("[]");
    subscription =
        discovery()
            .http(HttpClientConfig.builder().authorization(null, Secret.of("s3cret")).build())
            .build()
            .watch(recorder);

    assertThat(recorder.awaitFirst()).isEmpty();
    assertThat(java.util.Objects.requireNonNull(lastRequest.get()).getHeader("Authorization"))
        .isEqualTo("Bearer s3cret");
  }

  @Test
  void changesArePickedUpOnRefresh() {
    answerJson("[{\"targets\": [\"a:9100\"]}]");
    subscription = discovery().build().watch(recorder);
    recorder.awaitFirst();

    answerJson("[{\"targets\": [\"b:9100\"]}, {\"targets\": [\"c:9100\"]}]");

    recorder.await(g -> Recorder.addresses(g).equals(List.of("b:9100", "c:9100")));
  }

  @Test
  void anErrorStatusKeepsTheLastGoodListAndIsReported() {
    answerJson("[{\"targets\": [\"a:9100\"]}]");
    subscription = discovery().build().watch(recorder);
    recorder.awaitFirst();

    answer.set(new MockResponse().setResponseCode(500));

    assertThat(recorder.awaitErrors(1))
        .hasMessage("HTTP SD " + url + ": server returned HTTP status 500");
    assertThat(recorder.snapshots).hasSize(1);
  }

  @Test
  void invalidJsonKeepsTheLastGoodListAndNamesTheProblem() {
    answerJson("[{\"targets\": [\"a:9100\"]}]");
    subscription = discovery().build().watch(recorder);
    recorder.awaitFirst();

    answerJson("[{\"targets\": \"a:9100\"}]");

    assertThat(recorder.awaitErrors(1))
        .hasMessageContaining("group 0: targets: expected a list, got string \"a:9100\"");
    assertThat(recorder.snapshots).hasSize(1);
  }

  @Test
  void aWrongContentTypeIsRejectedAsPrometheusDoes() {
    answer.set(new MockResponse().setHeader("Content-Type", "text/plain").setBody("[]"));
    subscription = discovery().build().watch(recorder);

    assertThat(recorder.awaitErrors(1))
        .hasMessageContaining("unsupported content type \"text/plain\"");
    assertThat(recorder.snapshots).isEmpty();
  }

  @Test
  void anAnswerOverTheSizeLimitIsRejected() {
    answerJson("[{\"targets\": [\"a:9100\", \"b:9100\", \"c:9100\"]}]");
    subscription = discovery().responseSizeLimit(16).build().watch(recorder);

    assertThat(recorder.awaitErrors(1))
        .hasMessageContaining("exceeds the response size limit of 16 bytes");
  }

  @Test
  void anInvalidLabelNameIsNamed() {
    answerJson("[{\"targets\": [\"a:9100\"], \"labels\": {\"bad-name\": \"x\"}}]");
    subscription = discovery().build().watch(recorder);

    assertThat(recorder.awaitErrors(1))
        .hasMessageContaining("group 0: labels:")
        .hasMessageContaining("bad-name");
  }

  @Test
  void theBuilderRejectsBadSettingsNamingTheValue() {
    assertThatThrownBy(() -> HttpDiscovery.builder().url(URI.create("ftp://x/sd")))
        .hasMessage("URL scheme must be 'http' or 'https': ftp://x/sd");
    assertThatThrownBy(() -> HttpDiscovery.builder().build()).hasMessage("URL is missing");
    assertThatThrownBy(() -> HttpDiscovery.builder().responseSizeLimit(0))
        .hasMessage("response size limit must be > 0: 0");
  }
}
