package io.github.vulcanscraper.core;

import io.github.vulcanscraper.api.ScrapeException;
import java.time.Duration;

/**
 * Observes scrapes as they happen, without a metrics library being forced on the host. Every {@link
 * #scrapeStarted} is followed by exactly one {@link #scrapeSucceeded} or {@link #scrapeFailed} for
 * the same key and slot.
 *
 * <p>Methods are called on the fetch threads, concurrently for different targets. They must be fast
 * and never throw (an exception is logged and otherwise ignored). The default methods do nothing.
 */
public interface ScrapeListener {
  /** Listens to nothing. */
  ScrapeListener NONE = new ScrapeListener() {};

  /**
   * A scrape of target {@code key} for the slot at {@code slotMillis} (milliseconds since the
   * epoch) starts.
   *
   * @param key the target's {@link io.github.vulcanscraper.api.Targeter#key() key}
   * @param slotMillis the slot's start, milliseconds since the epoch
   */
  default void scrapeStarted(String key, long slotMillis) {}

  /**
   * The scrape succeeded.
   *
   * @param duration the fetch and processing time
   * @param samples the samples exposed by the target, before relabeling
   * @param key the target's key
   * @param slotMillis the slot's start, as given to {@link #scrapeStarted}
   */
  default void scrapeSucceeded(String key, long slotMillis, Duration duration, int samples) {}

  /**
   * The scrape failed; {@code failure.reason()} says why ({@code timeout}, {@code http_status},
   * {@code sample_limit}, ...). The scrape is still written, with {@code up 0}.
   *
   * @param key the target's key
   * @param slotMillis the slot's start, as given to {@link #scrapeStarted}
   * @param duration the time from the fetch's start to the failure
   * @param failure the failure, with its reason code
   */
  default void scrapeFailed(
      String key, long slotMillis, Duration duration, ScrapeException failure) {}
}
