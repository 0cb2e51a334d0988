package io.github.vulcanscraper.examples.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vulcanscraper.core.Scraper;
import io.github.vulcanscraper.testkit.ExporterFarm;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CoreOnlyScraperTest {
  @Test
  void scrapesFixedTargetsIntoAFileWithoutZooKeeperOrKafka(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("scrapes.prom");
    try (ExporterFarm a = ExporterFarm.start(1, 20);
        ExporterFarm b = ExporterFarm.start(1, 30);
        FileWriter writer = new FileWriter(file)) {
      List<URI> urls = List.of(a.targetUrls().get(0), b.targetUrls().get(0));
      try (Scraper scraper = CoreOnlyScraper.scrape(urls, Duration.ofSeconds(1), writer)) {
        scraper.start();
        await()
            .atMost(Duration.ofSeconds(20))
            .untilAsserted(
                () -> {
                  writer.flush(Duration.ofSeconds(1));
                  String text = Files.readString(file, StandardCharsets.UTF_8);
                  assertThat(text)
                      .contains("# scrape app/" + a.address())
                      .contains("# scrape app/" + b.address())
                      .contains("up{instance=\"" + a.address() + "\",job=\"app\"} 1");
                });
      }
    }
  }
}
