package io.github.vulcanscraper.core;

import io.github.vulcanscraper.api.Writer;
import java.util.concurrent.Executor;

/** What every worker of one scraper shares: time, threads, the writer, the observers. */
final class ScrapeContext {
  final Scheduler scheduler;
  final Executor executor;
  final Writer writer;
  final ScrapeListener listener;
  final ScraperMetrics metrics;
  final InFlight inFlight = new InFlight();

  ScrapeContext(
      Scheduler scheduler,
      Executor executor,
      Writer writer,
      ScrapeListener listener,
      ScraperMetrics metrics) {
    this.scheduler = scheduler;
    this.executor = executor;
    this.writer = writer;
    this.listener = listener;
    this.metrics = metrics;
  }

  /** Counts the scrape tasks handed to the executor and not finished, so close() can wait. */
  static final class InFlight {
    private int count;

    synchronized void enter() {
      count++;
    }

    synchronized void exit() {
      if (--count == 0) {
        notifyAll();
      }
    }

    /** Waits until no task runs or the deadline passes; true when none runs. */
    synchronized boolean awaitIdle(long deadlineNanos) throws InterruptedException {
      while (count > 0) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        wait(Math.max(1, left / 1_000_000));
      }
      return true;
    }
  }
}
