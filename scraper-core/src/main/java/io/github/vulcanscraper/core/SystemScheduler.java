package io.github.vulcanscraper.core;

import java.time.Clock;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** A {@link Scheduler} on a clock, firing tasks on one daemon thread. */
final class SystemScheduler implements Scheduler, AutoCloseable {
  private final Clock clock;
  private final ScheduledThreadPoolExecutor timer;

  SystemScheduler(Clock clock) {
    this.clock = clock;
    this.timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "vulcan-scraper-scheduler");
              t.setDaemon(true);
              return t;
            });
    timer.setRemoveOnCancelPolicy(true);
    timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
  }

  @Override
  public long currentTimeMillis() {
    return clock.millis();
  }

  @Override
  public Cancellable schedule(long epochMillis, Runnable task) {
    long delay = Math.max(0, epochMillis - clock.millis());
    ScheduledFuture<?> f = timer.schedule(task, delay, TimeUnit.MILLISECONDS);
    return () -> f.cancel(false);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  @Override
  public String toString() {
    return "SystemScheduler{" + clock + "}";
  }
}
