package io.github.vulcanscraper.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.Scrape;
import io.github.vulcanscraper.api.Targeter;
import io.github.vulcanscraper.api.Writer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand targets on one loopback exporter need a bounded number of threads. The test waits
 * until every target has been written once (one interval on an idle machine) and prints the
 * figures; it asserts only the thread bound.
 */
final class ScraperScaleTest {
  private static final int TARGETS = 10_000;
  private static final int CONCURRENCY = 16;

  @Test
  void scrapesTenThousandTargetsWithABoundedNumberOfThreads() throws Exception {
    LoopbackExporter exporter = new LoopbackExporter(HttpTargetTest.TEXT_TYPE, page());
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    // Exporter threads are one per connection: the fetch concurrency at most.
    int before = threads.getThreadCount();
    int ownBefore = ownThreads();
    HttpClients clients =
        HttpClients.of(
            new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(CONCURRENCY * 2, 1, TimeUnit.MINUTES))
                .build());
    List<Targeter> targets = new ArrayList<>(TARGETS);
    String base = "http://127.0.0.1:" + exporter.port();
    for (int i = 0; i < TARGETS; i++) {
      targets.add(
          HTTPTarget.builder()
              .url(URI.create(base + "/target/" + i + "/metrics"))
              .job(JobName.of("scale"))
              .labels(Labels.of("instance", "target-" + i))
              .interval(Duration.ofSeconds(5))
              .timeout(Duration.ofSeconds(4))
              .clients(clients)
              .build());
    }
    CountingWriter writer = new CountingWriter();
    AtomicInteger peakThreads = new AtomicInteger();
    AtomicInteger peakOwn = new AtomicInteger();
    long start = System.nanoTime();
    try (Scraper scraper =
        Scraper.builder(new SettableTargets(targets), writer)
            .fetchConcurrency(CONCURRENCY)
            .build()) {
      scraper.start();
      await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                peakThreads.accumulateAndGet(threads.getThreadCount(), Math::max);
                peakOwn.accumulateAndGet(ownThreads(), Math::max);
                return writer.keys.size() == TARGETS;
              });
      double seconds = (System.nanoTime() - start) / 1e9;
      System.gc();
      Runtime rt = Runtime.getRuntime();
      long usedMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
      System.out.printf(
          "%d targets, interval 5s, fetch concurrency %d: %d distinct targets scraped within %.1f"
              + " s; %d scrapes written, %d failed; scraper and OkHttp threads added at peak %d;"
              + " JVM threads before %d, peak %d (exporter's own threads included); heap used after"
              + " GC %d MB; slots skipped %d%n",
          TARGETS,
          CONCURRENCY,
          writer.keys.size(),
          seconds,
          writer.writes.sum(),
          scraper.metrics().scrapesFailed(),
          peakOwn.get() - ownBefore,
          before,
          peakThreads.get(),
          usedMb,
          scraper.metrics().slotsSkipped());
      // The fetch pool, the scheduler thread and OkHttp's few housekeeping threads.
      assertThat(peakOwn.get() - ownBefore).isLessThanOrEqualTo(CONCURRENCY + 1 + 4);
      assertThat(scraper.targetCount()).isEqualTo(TARGETS);
      assertThat(scraper.metrics().targetsOwned()).isEqualTo(TARGETS);
    } finally {
      exporter.close();
    }
  }

  private static int ownThreads() {
    int n = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      String name = t.getName();
      if (name.startsWith("vulcan-scraper") || name.startsWith("OkHttp ")) {
        n++;
      }
    }
    return n;
  }

  private static String page() {
    StringBuilder sb = new StringBuilder("# TYPE http_requests_total counter\n");
    for (int i = 0; i < 10; i++) {
      sb.append("http_requests_total{code=\"")
          .append(200 + i)
          .append("\"} ")
          .append(i * 7)
          .append('\n');
    }
    return sb.toString();
  }

  /** Counts writes and remembers which targets were written. */
  private static final class CountingWriter implements Writer {
    final Set<String> keys = ConcurrentHashMap.newKeySet();
    final LongAdder writes = new LongAdder();

    @Override
    public CompletionStage<Void> write(String key, Scrape scrape) {
      keys.add(key);
      writes.increment();
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void close() {}
  }
}
