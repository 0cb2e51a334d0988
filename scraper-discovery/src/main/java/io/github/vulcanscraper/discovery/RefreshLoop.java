package io.github.vulcanscraper.discovery;

import io.github.vulcanscraper.api.SnapshotListener;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.core.discovery.TargetGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One discovery run of a mechanism that polls: refresh at once, then every refresh interval, with
 * backoff after a failure; {@link #trigger()} asks for a refresh now (a file changed). Refreshes of
 * one loop never overlap.
 */
final class RefreshLoop implements Subscription {
  /** One refresh of a mechanism. */
  interface Refresh {
    /**
     * Queries the backend and returns the full list of groups. A part that failed keeps its last
     * good groups in the list and its error goes to {@code errors}.
     *
     * @throws Exception when nothing could be refreshed; the last good list stays
     */
    List<TargetGroup> refresh(List<Exception> errors) throws Exception;
  }

  private final Refresh refresh;
  private final Publisher<TargetGroup> publisher;
  private final Backoff backoff;
  private final ScheduledExecutorService executor;
  private @Nullable ScheduledFuture<?> next;
  private boolean running;
  private boolean triggered;

  private RefreshLoop(
      String name,
      Refresh refresh,
      Duration interval,
      SnapshotListener<List<TargetGroup>> listener,
      ScheduledExecutorService executor) {
    this.refresh = refresh;
    this.publisher = new Publisher<>(name, listener);
    this.backoff = new Backoff(interval);
    this.executor = executor;
  }

  static RefreshLoop start(
      String name,
      Refresh refresh,
      Duration interval,
      SnapshotListener<List<TargetGroup>> listener) {
    RefreshLoop loop = new RefreshLoop(name, refresh, interval, listener, DiscoveryExecutor.SHARED);
    loop.trigger();
    return loop;
  }

  /** Refreshes as soon as possible: now, or right after the refresh under way. */
  synchronized void trigger() {
    if (publisher.isClosed()) {
      return;
    }
    if (running) {
      triggered = true;
      return;
    }
    if (next != null) {
      next.cancel(false);
    }
    next = executor.schedule(this::run, 0, TimeUnit.MILLISECONDS);
  }

  private void run() {
    synchronized (this) {
      if (publisher.isClosed() || running) {
        return;
      }
      running = true;
      triggered = false;
    }
    Duration delay;
    List<Exception> errors = new ArrayList<>();
    try {
      List<TargetGroup> groups = refresh.refresh(errors);
      publisher.publish(groups);
    } catch (Exception e) {
      errors.add(e);
    }
    errors.forEach(publisher::fail);
    delay = errors.isEmpty() ? backoff.succeeded() : backoff.failed();
    synchronized (this) {
      running = false;
      if (publisher.isClosed()) {
        return;
      }
      next = executor.schedule(this::run, triggered ? 0 : delay.toNanos(), TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void close() {
    publisher.close();
    synchronized (this) {
      if (next != null) {
        next.cancel(false);
      }
    }
  }
}
