package io.github.vulcanscraper.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.ScrapePolicy;
import io.github.vulcanscraper.api.Targeter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Exporters that misbehave on purpose, all scraped at once next to a healthy one: each ends in
 * {@code up 0} with its reason within the timeout, the client reads no more than the body size
 * limit (plus what the socket buffers hold), and the healthy target keeps every one of its slots.
 */
final class HostileExportersTest {
  private static final Duration INTERVAL = Duration.ofSeconds(2);
  private static final Duration TIMEOUT = Duration.ofMillis(1500);
  private static final long BODY_LIMIT = 8L * 1024 * 1024;
  private static final int SAMPLE_LIMIT = 10_000;

  /** Generous room for loopback socket buffers between the server's writes and the client. */
  private static final long SOCKET_SLACK = 32L * 1024 * 1024;

  @Test
  void everyHostileExporterEndsInUpZeroWithItsReasonWhileAHealthyTargetKeepsItsSlots()
      throws Exception {
    Map<String, String> reasons = new LinkedHashMap<>();
    reasons.put("/endless", "body_size_limit");
    reasons.put("/drip", "timeout");
    reasons.put("/longline", "body_size_limit");
    reasons.put("/series", "sample_limit");
    reasons.put("/html", "parse");
    reasons.put("/badgzip", "io");
    reasons.put("/redirect", "io");
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long heapBefore = memory.getHeapMemoryUsage().getUsed();
    try (HostileExporter exporter = new HostileExporter()) {
      List<Targeter> targets = new ArrayList<>();
      // The series body (~20 MB) must pass the body limit for the sample limit to be what stops it.
      targets.add(target(exporter, "/ok", BODY_LIMIT));
      for (String path : reasons.keySet()) {
        targets.add(target(exporter, path, path.equals("/series") ? 64L << 20 : BODY_LIMIT));
      }
      RecordingWriter writer = new RecordingWriter();
      try (Scraper scraper = Scraper.builder(new SettableTargets(targets), writer).build()) {
        scraper.start();
        await()
            .atMost(Duration.ofSeconds(45))
            .until(
                () ->
                    targets.stream().allMatch(t -> !writer.slots(t.key()).isEmpty())
                        && writer.slots("hostile/ok").size() >= 8);
        ScraperMetrics m = scraper.metrics();
        for (Map.Entry<String, String> e : reasons.entrySet()) {
          assertThat(m.scrapesFailed(e.getValue())).as(e.getKey()).isPositive();
        }
      }
      for (Targeter t : targets) {
        boolean healthy = t.key().equals("hostile/ok");
        assertThat(writer.records(t.key()))
            .as(t.key())
            .isNotEmpty()
            .allSatisfy(w -> assertThat(w.value("up")).isEqualTo(healthy ? 1.0 : 0.0));
      }
      // The failed scrapes each end within the timeout: scrape_duration_seconds says so.
      for (Targeter t : targets) {
        assertThat(writer.records(t.key()))
            .allSatisfy(
                w ->
                    assertThat(w.value("scrape_duration_seconds"))
                        .as(t.key())
                        .isLessThan(TIMEOUT.toMillis() / 1000.0 + 0.5));
      }
      // The healthy target: every slot from its first to its last, none skipped or late.
      List<Long> slots = writer.slots("hostile/ok");
      for (int i = 1; i < slots.size(); i++) {
        assertThat(slots.get(i) - slots.get(i - 1))
            .as("slots %s", slots)
            .isEqualTo(INTERVAL.toMillis());
      }
      // Memory: the client stopped reading at the limit, so the server could not push the rest.
      long scrapes = writer.records("hostile/longline").size() + 1;
      assertThat(exporter.bytesSent("/longline"))
          .isLessThan(scrapes * (BODY_LIMIT + SOCKET_SLACK))
          .isLessThan(scrapes * HostileExporter.LONG_LINE_BYTES);
      System.gc();
      long retained = memory.getHeapMemoryUsage().getUsed() - heapBefore;
      assertThat(retained).as("heap retained after the hostile scrapes").isLessThan(BODY_LIMIT * 4);
    }
  }

  private static Targeter target(HostileExporter exporter, String path, long bodyLimit) {
    return HTTPTarget.builder()
        .url(URI.create(exporter.url(path)))
        .job(JobName.of("hostile"))
        .labels(Labels.of("instance", path.substring(1)))
        .interval(INTERVAL)
        .timeout(TIMEOUT)
        .bodySizeLimit(bodyLimit)
        .policy(ScrapePolicy.builder().sampleLimit(SAMPLE_LIMIT).build())
        .build();
  }
}
