package io.github.vulcanscraper.core;

import java.time.Clock;

/**
 * The wall clock and the timer a {@link Scraper} schedules its slots with. The default, {@link
 * #system(Clock)}, runs every slot on one daemon thread; tests inject a scheduler whose time they
 * move by hand, so nothing sleeps.
 *
 * <p>Tasks must be short (a slot task only hands the scrape to the fetch executor). Implementations
 * are thread-safe.
 */
public interface Scheduler {
  /** The current wall-clock time in milliseconds since the epoch. */
  long currentTimeMillis();

  /**
   * Runs {@code task} once at {@code epochMillis} on the wall clock (at once when that is past).
   *
   * @return a handle that cancels the task if it has not started
   */
  Cancellable schedule(long epochMillis, Runnable task);

  /**
   * A scheduler on {@code clock} with one daemon thread. Its thread stops when the scraper that
   * created it is closed; a scheduler passed to {@link Scraper.Builder#scheduler} is never closed
   * by the scraper.
   */
  static Scheduler system(Clock clock) {
    return new SystemScheduler(clock);
  }

  /** A scheduled task that can be cancelled. */
  @FunctionalInterface
  interface Cancellable {
    /** Cancels the task if it has not started; idempotent. */
    void cancel();
  }
}
