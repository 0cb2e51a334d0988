package io.github.vulcanscraper.core;

import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.api.TargetWatcher;
import io.github.vulcanscraper.api.Targeter;
import io.github.vulcanscraper.api.Writer;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scrapes the targets a {@link TargetWatcher} delivers, each on its slot-aligned schedule, and
 * hands every scrape, failed ones included, to a {@link Writer}.
 *
 * <p>Every snapshot is reconciled with the running targets by {@link Targeter#key()}: new keys
 * start, removed keys stop, changed targets are retargeted keeping their phase. A target's slots
 * are {@code k * interval + offset(key)} on the wall clock, the same on every node, and a scrape's
 * timestamp is its slot. A target removed from discovery gets staleness markers for all its series;
 * one that moved to another node (see {@link OwnedTargets}) does not.
 *
 * <p>Threads: one scheduler thread fires slots and a bounded pool of fetch threads runs the
 * fetches, parsing and writes; there is no thread per target. A scrape goes to the fetch thread
 * that went idle last, so at a steady load a few threads with warm caches do the work.
 *
 * <pre>{@code
 * TargetWatcher mine = ConsistentHashTargeter.builder(JobTargets.of(jobWatcher), pool).build();
 * try (Scraper scraper = Scraper.builder(mine, writer).fetchConcurrency(32).build()) {
 *   scraper.start();
 *   ...
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #start()} may be called once; {@link #close()} is idempotent.
 */
public final class Scraper implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Scraper.class);

  private enum State {
    LATENT,
    STARTED,
    CLOSED
  }

  private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
  private final TargetWatcher targets;
  private final Writer writer;
  private final ScrapeContext ctx;
  private final Workers workers;
  private final @Nullable FetchPool ownExecutor;
  private final @Nullable SystemScheduler ownScheduler;
  private final Duration closeTimeout;
  private final Object lock = new Object();
  private @Nullable Subscription subscription;

  private Scraper(Builder b) {
    this.targets = b.targets;
    this.writer = b.writer;
    this.closeTimeout = b.closeTimeout;
    SystemScheduler createdScheduler = b.scheduler == null ? new SystemScheduler(b.clock) : null;
    this.ownScheduler = createdScheduler;
    Scheduler scheduler =
        createdScheduler != null ? createdScheduler : Objects.requireNonNull(b.scheduler);
    FetchPool createdExecutor =
        b.executor == null
            ? new FetchPool(b.fetchConcurrency, Duration.ofSeconds(60), "vulcan-scraper-fetch-")
            : null;
    this.ownExecutor = createdExecutor;
    Executor executor =
        createdExecutor != null ? createdExecutor : Objects.requireNonNull(b.executor);
    this.ctx = new ScrapeContext(scheduler, executor, writer, b.listener, new ScraperMetrics());
    this.workers = new Workers(ctx);
  }

  /**
   * A builder scraping the targets of {@code targets} into {@code writer}.
   *
   * @param targets the source of the target list; watched from {@link #start()} on
   * @param writer receives every scrape; flushed and closed by {@link #close()}
   * @return a new builder
   */
  public static Builder builder(TargetWatcher targets, Writer writer) {
    return new Builder(targets, writer);
  }

  /**
   * Subscribes to the targets and starts scraping.
   *
   * @throws IllegalStateException when already started or closed
   */
  public void start() {
    if (!state.compareAndSet(State.LATENT, State.STARTED)) {
      throw new IllegalStateException("cannot start a scraper that is " + state.get());
    }
    Subscription s = targets.watch(this::onSnapshot);
    synchronized (lock) {
      subscription = s;
      if (state.get() == State.CLOSED) {
        s.close();
      }
    }
  }

  /**
   * This scraper's self-metrics.
   *
   * @return the metrics, live, owned by this scraper
   */
  public ScraperMetrics metrics() {
    return ctx.metrics;
  }

  /**
   * The number of targets scheduled now.
   *
   * @return the count of targets with a running schedule, 0 before the first snapshot
   */
  public int targetCount() {
    synchronized (lock) {
      return workers.size();
    }
  }

  private void onSnapshot(List<Targeter> snapshot) {
    synchronized (lock) {
      if (state.get() != State.STARTED) {
        return;
      }
      workers.reconcile(snapshot);
    }
  }

  /**
   * Stops scraping gracefully: no new scrape starts, scrapes under way finish (up to the close
   * timeout), then the writer is flushed for what is left of that timeout. The writer is not
   * closed: it belongs to the caller. Idempotent; no staleness markers are written, since the
   * targets continue on other nodes.
   */
  @Override
  public void close() {
    State previous = state.getAndSet(State.CLOSED);
    if (previous == State.CLOSED) {
      return;
    }
    long deadline = System.nanoTime() + closeTimeout.toNanos();
    @Nullable Subscription s;
    synchronized (lock) {
      s = subscription;
      workers.stopAll();
    }
    if (s != null) {
      s.close();
    }
    try {
      if (!ctx.inFlight.awaitIdle(deadline)) {
        log.warn("scrapes still running after the close timeout of {}", closeTimeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (ownExecutor != null) {
      ownExecutor.close();
    }
    if (ownScheduler != null) {
      ownScheduler.close();
    }
    long left = Math.max(0, deadline - System.nanoTime());
    try {
      writer.flush(Duration.ofNanos(left));
    } catch (RuntimeException e) {
      log.warn("flushing the writer failed", e);
    }
  }

  @Override
  public String toString() {
    return "Scraper{" + state.get() + ", targets=" + targetCount() + "}";
  }

  /** Builds a {@link Scraper}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private final TargetWatcher targets;
    private final Writer writer;
    private int fetchConcurrency = defaultConcurrency();
    private @Nullable Executor executor;
    private Clock clock = Clock.systemUTC();
    private @Nullable Scheduler scheduler;
    private ScrapeListener listener = ScrapeListener.NONE;
    private Duration closeTimeout = Duration.ofSeconds(10);

    private Builder(TargetWatcher targets, Writer writer) {
      this.targets = Objects.requireNonNull(targets, "targets");
      this.writer = Objects.requireNonNull(writer, "writer");
    }

    private static int defaultConcurrency() {
      return Math.min(64, Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));
    }

    /**
     * Sets how many fetches run at once on the scraper's own pool. Default four per processor, at
     * least 8 and at most 64. Ignored when an {@link #executor} is given.
     *
     * @param threads the most fetches at once; > 0
     * @return this builder
     * @throws IllegalArgumentException when not positive
     */
    public Builder fetchConcurrency(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("fetchConcurrency must be > 0: " + threads);
      }
      this.fetchConcurrency = threads;
      return this;
    }

    /**
     * Runs fetches on this executor instead of the scraper's own pool; the caller bounds it and
     * shuts it down. {@code null} restores the default.
     *
     * @param executor the executor, or {@code null} for the scraper's own pool
     * @return this builder
     */
    public Builder executor(@Nullable Executor executor) {
      this.executor = executor;
      return this;
    }

    /**
     * Sets the wall clock of the default scheduler; default {@link Clock#systemUTC()}.
     *
     * @param clock the clock; not null
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Schedules slots with this scheduler (whose time then replaces the {@link #clock}); the caller
     * owns it. {@code null} restores the default, one daemon thread on the clock.
     *
     * @param scheduler the scheduler, or {@code null} for the default
     * @return this builder
     */
    public Builder scheduler(@Nullable Scheduler scheduler) {
      this.scheduler = scheduler;
      return this;
    }

    /**
     * Sets the scrape listener; default {@link ScrapeListener#NONE}.
     *
     * @param listener the listener; not null, fast, never throws
     * @return this builder
     */
    public Builder listener(ScrapeListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Sets how long {@link Scraper#close()} waits for running scrapes and the writer's flush
     * together; default 10 seconds.
     *
     * @param timeout the longest wait; >= 0
     * @return this builder
     * @throws IllegalArgumentException when negative
     */
    public Builder closeTimeout(Duration timeout) {
      if (timeout.isNegative()) {
        throw new IllegalArgumentException("closeTimeout must be >= 0: " + timeout);
      }
      this.closeTimeout = timeout;
      return this;
    }

    /**
     * The scraper, not started.
     *
     * @return a new scraper; call {@link Scraper#start()} to begin
     */
    public Scraper build() {
      return new Scraper(this);
    }
  }
}
