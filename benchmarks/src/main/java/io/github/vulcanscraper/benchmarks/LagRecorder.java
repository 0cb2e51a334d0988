package io.github.vulcanscraper.benchmarks;

import io.github.vulcanscraper.api.ScrapeException;
import io.github.vulcanscraper.core.ScrapeListener;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A {@link ScrapeListener} that records how late each scrape starts after its slot (the wall clock
 * at {@code scrapeStarted} minus the slot time) in a histogram of 0.1 ms buckets up to 10 s, and
 * counts successful and failed scrapes. Thread-safe; {@link #reset()} starts a new window.
 */
final class LagRecorder implements ScrapeListener {
  private static final int BUCKETS = 100_001;
  private final Clock clock = Clock.systemUTC();
  private final AtomicLongArray tenthsOfMillis = new AtomicLongArray(BUCKETS);
  private final LongAdder succeeded = new LongAdder();
  private final LongAdder failed = new LongAdder();

  @Override
  public void scrapeStarted(String key, long slotMillis) {
    Instant now = clock.instant();
    long nowMicros = now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    long lagTenths = Math.max(0, (nowMicros - slotMillis * 1000) / 100);
    tenthsOfMillis.incrementAndGet((int) Math.min(BUCKETS - 1, lagTenths));
  }

  @Override
  public void scrapeSucceeded(String key, long slotMillis, Duration duration, int samples) {
    succeeded.increment();
  }

  @Override
  public void scrapeFailed(
      String key, long slotMillis, Duration duration, ScrapeException failure) {
    failed.increment();
  }

  /** Clears the histogram and the counts. */
  void reset() {
    for (int i = 0; i < BUCKETS; i++) {
      tenthsOfMillis.set(i, 0);
    }
    succeeded.reset();
    failed.reset();
  }

  long succeeded() {
    return succeeded.sum();
  }

  long failed() {
    return failed.sum();
  }

  /** The lag at quantile {@code q} (0..1) in milliseconds, or NaN with no scrape recorded. */
  double quantileMillis(double q) {
    long total = 0;
    for (int i = 0; i < BUCKETS; i++) {
      total += tenthsOfMillis.get(i);
    }
    if (total == 0) {
      return Double.NaN;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < BUCKETS; i++) {
      seen += tenthsOfMillis.get(i);
      if (seen >= Math.max(1, rank)) {
        return i / 10.0;
      }
    }
    return (BUCKETS - 1) / 10.0;
  }
}
