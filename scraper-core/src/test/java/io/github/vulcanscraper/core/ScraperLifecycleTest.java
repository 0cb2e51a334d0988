package io.github.vulcanscraper.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.Scrape;
import io.github.vulcanscraper.api.ScrapeException;
import io.github.vulcanscraper.api.Writer;
import io.github.vulcanscraper.core.exposition.ExpositionFormat;
import io.github.vulcanscraper.core.exposition.ExpositionParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

final class ScraperLifecycleTest {
  private static final Duration TEN = Duration.ofSeconds(10);
  private final FakeScheduler clock = new FakeScheduler(1_700_000_000_000L);

  @Test
  void countsWriteErrorsAndDropsApart() {
    AtomicInteger n = new AtomicInteger();
    Writer flaky =
        new Writer() {
          @Override
          public CompletionStage<Void> write(String key, Scrape scrape) {
            switch (n.getAndIncrement() % 3) {
              case 0:
                return CompletableFuture.failedFuture(new IOException("broker down"));
              case 1:
                return CompletableFuture.failedFuture(
                    new RejectedExecutionException("buffer full"));
              default:
                throw new IllegalStateException("writer bug");
            }
          }

          @Override
          public void close() {}
        };
    try (Scraper s =
        Scraper.builder(new SettableTargets(List.of(new FakeTargeter("a", TEN))), flaky)
            .scheduler(clock)
            .executor(Runnable::run)
            .build()) {
      s.start();
      clock.advance(Duration.ofSeconds(60));
      assertThat(s.metrics().writeErrors()).isEqualTo(4);
      assertThat(s.metrics().writesDropped()).isEqualTo(2);
      assertThat(s.metrics().toString())
          .contains("vulcan_scraper_write_errors_total 4", "vulcan_scraper_writes_dropped_total 2");
    }
  }

  @Test
  void exposesItsMetricsInTheTextFormat() throws Exception {
    FakeTargeter failing = new FakeTargeter("b", TEN);
    failing.fails.set(new ScrapeException("http_status", "HTTP 503"));
    try (Scraper s =
        Scraper.builder(
                new SettableTargets(List.of(new FakeTargeter("a", TEN), failing)), Writer.NOOP)
            .scheduler(clock)
            .executor(Runnable::run)
            .build()) {
      s.start();
      clock.advance(Duration.ofSeconds(30));
      String text = s.metrics().toString();
      List<MetricFamily> families =
          ExpositionParser.of(ExpositionFormat.PROMETHEUS_TEXT)
              .parse(text.getBytes(StandardCharsets.UTF_8));
      assertThat(families)
          .extracting(MetricFamily::name)
          .contains(
              "vulcan_scraper_targets_owned", "vulcan_scraper_scrapes_total",
              "vulcan_scraper_scrape_failures_total", "vulcan_scraper_samples_scraped_total",
              "vulcan_scraper_scrape_duration_seconds", "vulcan_scraper_schedule_lag_seconds",
              "vulcan_scraper_write_errors_total", "vulcan_scraper_writes_dropped_total");
      assertThat(text)
          .contains("vulcan_scraper_scrapes_total{result=\"success\"} 3\n")
          .contains("vulcan_scraper_scrape_failures_total{reason=\"http_status\"} 3\n")
          .contains("vulcan_scraper_samples_scraped_total 3\n")
          .contains("vulcan_scraper_scrape_duration_seconds_count 6\n");
    }
  }

  @Test
  void closeLetsARunningScrapeFinishThenFlushesTheWriter() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    FakeTargeter blocking =
        new FakeTargeter("slow", TEN) {
          @Override
          public List<MetricFamily> fetch() throws ScrapeException {
            started.countDown();
            try {
              release.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            return FakeTargeter.gauge("g", 1);
          }
        };
    RecordingWriter writer = new RecordingWriter();
    ExecutorService executor = Executors.newSingleThreadExecutor();
    Scraper s =
        Scraper.builder(new SettableTargets(List.of(blocking)), writer)
            .scheduler(clock)
            .executor(executor)
            .closeTimeout(Duration.ofSeconds(30))
            .build();
    try {
      s.start();
      clock.advance(TEN);
      started.await();
      Thread releaser =
          new Thread(
              () -> {
                await().until(() -> s.targetCount() == 0); // close() has begun
                release.countDown();
              });
      releaser.start();
      s.close();
      releaser.join();
      assertThat(writer.records()).hasSize(1);
      assertThat(writer.writtenAtFlush).isEqualTo(1);
    } finally {
      executor.shutdownNow();
    }
  }
}
