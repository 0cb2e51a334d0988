package io.github.vulcanscraper.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

final class ExporterFarmTest {
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void servesEachTargetWithTheRequestedSampleCount() throws Exception {
    try (ExporterFarm farm = ExporterFarm.start(3, 50)) {
      assertThat(farm.targetUrls()).hasSize(3);

      HttpResponse<String> response = get(farm.targetUrls().get(2));

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
      long samples = response.body().lines().filter(l -> !l.startsWith("#")).count();
      assertThat(samples).isEqualTo(50);
      assertThat(farm.requests()).isEqualTo(1);
    }
  }

  @Test
  void answers404ForUnknownTargets() throws Exception {
    try (ExporterFarm farm = ExporterFarm.start(2, 10)) {
      assertThat(get(farm.baseUri().resolve("/target/2/metrics")).statusCode()).isEqualTo(404);
      assertThat(get(farm.baseUri().resolve("/target/x/metrics")).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void valuesChangeBetweenScrapes() throws Exception {
    try (ExporterFarm farm = ExporterFarm.start(1, 20)) {
      String first = get(farm.targetUrls().get(0)).body();
      String second = get(farm.targetUrls().get(0)).body();

      assertThat(first).isNotEqualTo(second);
    }
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
  }
}
