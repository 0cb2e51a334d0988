package io.github.vulcanscraper.core;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.Scrape;
import io.github.vulcanscraper.api.ScrapeException;
import io.github.vulcanscraper.api.Targeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scrapes one target on its slots. No thread of its own: the scheduler fires a slot, the slot hands
 * one scrape to the shared fetch executor, and the scrape writes its result. A slot that comes
 * while the previous scrape still runs is skipped (and counted), so scrapes of one target never
 * overlap and are written in slot order.
 *
 * <p>Thread-safe: the schedule state is guarded by the worker's monitor; the scrape itself runs on
 * one executor thread at a time.
 */
final class Worker {
  private static final Logger log = LoggerFactory.getLogger(Worker.class);

  private final String key;
  private final ScrapeContext ctx;
  private final StalenessTracker staleness = new StalenessTracker();

  // Guarded by this.
  private Targeter target;
  private ScrapeProcessor processor;
  private Scheduler.@Nullable Cancellable pending;
  private boolean busy;
  private boolean stopped;
  private boolean markStaleOnStop;
  private long lastSlot = Long.MIN_VALUE;

  Worker(Targeter target, ScrapeContext ctx) {
    this.key = target.key();
    this.target = target;
    this.processor = new ScrapeProcessor(target.labels(), target.policy());
    this.ctx = ctx;
  }

  String key() {
    return key;
  }

  synchronized Targeter target() {
    return target;
  }

  /** Schedules the first slot after now. */
  synchronized void start() {
    scheduleAfter(ctx.scheduler.currentTimeMillis());
  }

  /** Takes new settings; the phase stays the key's, so only a new interval moves the slots. */
  synchronized void retarget(Targeter next) {
    if (stopped) {
      return;
    }
    boolean newInterval = !next.interval().equals(target.interval());
    target = next;
    processor = new ScrapeProcessor(next.labels(), next.policy());
    if (newInterval) {
      cancelPending();
      scheduleAfter(ctx.scheduler.currentTimeMillis());
    }
  }

  /**
   * Stops scheduling. A scrape under way finishes and is written. With {@code markStale} (the
   * target left discovery) a last write marks every series of the target stale; without (the target
   * moved to another node, or the scraper closes) nothing more is written.
   */
  void stop(boolean markStale) {
    boolean writeNow;
    synchronized (this) {
      if (stopped) {
        return;
      }
      stopped = true;
      markStaleOnStop = markStale;
      cancelPending();
      writeNow = markStale && !busy;
      busy |= writeNow;
    }
    if (writeNow) {
      submit(this::writeStaleness);
    }
  }

  private void scheduleAfter(long nowMillis) {
    long interval = target.interval().toMillis();
    long slot = Slots.next(nowMillis, interval, Slots.offset(key, interval));
    pending = ctx.scheduler.schedule(slot, () -> fire(slot));
  }

  private void cancelPending() {
    if (pending != null) {
      pending.cancel();
      pending = null;
    }
  }

  private void fire(long slot) {
    synchronized (this) {
      if (stopped) {
        return;
      }
      long interval = target.interval().toMillis();
      long now = ctx.scheduler.currentTimeMillis();
      long next = slot + interval;
      if (next <= now) {
        next = Slots.next(now, interval, Slots.offset(key, interval)); // fell behind: no burst
      }
      long nextSlot = next;
      pending = ctx.scheduler.schedule(nextSlot, () -> fire(nextSlot));
      if (busy) {
        ctx.metrics.slotSkipped();
        return;
      }
      busy = true;
    }
    submit(() -> scrape(slot));
  }

  private void submit(Runnable task) {
    ctx.inFlight.enter();
    try {
      ctx.executor.execute(
          () -> {
            try {
              task.run();
            } finally {
              ctx.inFlight.exit();
            }
          });
    } catch (RejectedExecutionException e) {
      ctx.inFlight.exit();
      synchronized (this) {
        busy = false;
      }
    }
  }

  private void scrape(long slot) {
    Targeter t;
    ScrapeProcessor p;
    synchronized (this) {
      t = target;
      p = processor;
    }
    try {
      ctx.metrics.scheduleLag((ctx.scheduler.currentTimeMillis() - slot) / 1000.0);
      Scrape scrape = scrapeOnce(t, p, slot);
      write(scrape);
      synchronized (this) {
        lastSlot = slot;
      }
    } catch (RuntimeException | Error e) {
      log.error("scrape of {} failed unexpectedly", key, e);
    } finally {
      boolean stale;
      synchronized (this) {
        stale = stopped && markStaleOnStop;
        busy = stale;
      }
      if (stale) {
        writeStaleness();
      }
    }
  }

  private Scrape scrapeOnce(Targeter t, ScrapeProcessor p, long slot) {
    notifyStarted(slot);
    long start = System.nanoTime();
    List<MetricFamily> processed = List.of();
    int exposed = 0;
    @Nullable ScrapeException failure = null;
    try {
      List<MetricFamily> families = t.fetch();
      exposed = ScrapeProcessor.sampleCount(families);
      processed = p.process(families);
    } catch (ScrapeException e) {
      failure = e;
    } catch (RuntimeException e) {
      failure = new ScrapeException("error", "fetch failed: " + e, e);
      log.warn("targeter {} threw instead of a ScrapeException", key, e);
    }
    long nanos = System.nanoTime() - start;
    double seconds = nanos / 1e9;
    boolean up = failure == null;
    int post = up ? ScrapeProcessor.sampleCount(processed) : 0;
    if (!up) {
      // A limit failure keeps the count of samples exposed, as Prometheus reports it; a failed
      // fetch exposed none.
      processed = List.of();
    }
    boolean trackTimestamped = t.policy().trackTimestampsStaleness();
    staleness.begin();
    int added = staleness.record(processed, trackTimestamped);
    List<MetricFamily> synthetic =
        SyntheticSeries.of(t.labels(), up, seconds, exposed, post, added);
    staleness.record(synthetic, trackTimestamped);
    List<MetricFamily> all = new ArrayList<>(processed.size() + synthetic.size());
    all.addAll(processed);
    all.addAll(synthetic);
    all = staleness.end(all);
    Duration duration = Duration.ofNanos(nanos);
    if (up) {
      ctx.metrics.scrapeSucceeded(seconds, exposed);
      notifySucceeded(slot, duration, exposed);
    } else if (failure != null) {
      ctx.metrics.scrapeFailed(seconds, failure.reason());
      log.debug("scrape of {} failed ({}): {}", key, failure.reason(), failure.getMessage());
      notifyFailed(slot, duration, failure);
    }
    return Scrape.of(slot, t.labels(), all);
  }

  private void writeStaleness() {
    try {
      List<MetricFamily> markers = staleness.markAll();
      if (markers.isEmpty()) {
        return;
      }
      long ts;
      Labels labels;
      synchronized (this) {
        ts = Math.max(ctx.scheduler.currentTimeMillis(), lastSlot + 1);
        labels = target.labels();
      }
      write(Scrape.of(ts, labels, markers));
    } finally {
      synchronized (this) {
        busy = false;
      }
    }
  }

  private void write(Scrape scrape) {
    CompletionStage<Void> stage;
    try {
      stage = ctx.writer.write(key, scrape);
    } catch (RuntimeException e) {
      countWriteFailure(e);
      return;
    }
    stage.whenComplete(
        (ok, error) -> {
          if (error != null) {
            countWriteFailure(error);
          }
        });
  }

  private void countWriteFailure(Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof RejectedExecutionException || cause instanceof CancellationException) {
      ctx.metrics.writeDropped();
    } else {
      ctx.metrics.writeError();
      log.debug("write of {} failed", key, cause);
    }
  }

  private void notifyStarted(long slot) {
    try {
      ctx.listener.scrapeStarted(key, slot);
    } catch (RuntimeException e) {
      log.warn("scrape listener threw", e);
    }
  }

  private void notifySucceeded(long slot, Duration duration, int samples) {
    try {
      ctx.listener.scrapeSucceeded(key, slot, duration, samples);
    } catch (RuntimeException e) {
      log.warn("scrape listener threw", e);
    }
  }

  private void notifyFailed(long slot, Duration duration, ScrapeException failure) {
    try {
      ctx.listener.scrapeFailed(key, slot, duration, failure);
    } catch (RuntimeException e) {
      log.warn("scrape listener threw", e);
    }
  }

  @Override
  public String toString() {
    return "Worker{" + key + "}";
  }
}
