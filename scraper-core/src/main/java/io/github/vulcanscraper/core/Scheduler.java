package io.github.vulcanscraper.core;

/**
 * The wall clock and the timer a {@link Scraper} schedules its slots with. The scraper's default
 * runs every slot on one daemon thread on its {@link Scraper.Builder#clock clock}; tests inject a
 * scheduler whose time they move by hand, so nothing sleeps.
 *
 * <p>Tasks must be short (a slot task only hands the scrape to the fetch executor). Implementations
 * are thread-safe.
 */
public interface Scheduler {
  /**
   * The current wall-clock time in milliseconds since the epoch.
   *
   * @return milliseconds since the epoch
   */
  long currentTimeMillis();

  /**
   * Runs {@code task} once at {@code epochMillis} on the wall clock (at once when that is past).
   *
   * @param epochMillis when to run, milliseconds since the epoch on this scheduler's clock
   * @param task what to run; it must not block for long
   * @return a handle that cancels the task if it has not started
   */
  Cancellable schedule(long epochMillis, Runnable task);

  /** A scheduled task that can be cancelled. */
  @FunctionalInterface
  interface Cancellable {
    /** Cancels the task if it has not started; idempotent. */
    void cancel();
  }
}
