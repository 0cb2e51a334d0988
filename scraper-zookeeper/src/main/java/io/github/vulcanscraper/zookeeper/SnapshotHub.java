package io.github.vulcanscraper.zookeeper;

import io.github.vulcanscraper.api.SnapshotListener;
import io.github.vulcanscraper.api.Subscription;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans snapshots and errors out to subscriptions on one delivery thread of its own, so a slow
 * listener never stalls Curator's event thread and calls for one subscription never overlap. A
 * snapshot equal to the last one is not delivered again. A new subscription gets the current
 * snapshot (once there is one) followed by the standing errors.
 *
 * <p>Thread-safe.
 */
final class SnapshotHub<T> implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SnapshotHub.class);

  private final ExecutorService executor;
  private final Supplier<List<Exception>> standingErrors;
  private final List<Sub> subs = new CopyOnWriteArrayList<>();
  private @Nullable T current; // confined to the delivery thread

  SnapshotHub(String threadName, Supplier<List<Exception>> standingErrors) {
    this.standingErrors = standingErrors;
    this.executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, threadName);
              t.setDaemon(true);
              return t;
            });
  }

  Subscription watch(SnapshotListener<T> listener) {
    Sub sub = new Sub(Objects.requireNonNull(listener, "listener"));
    subs.add(sub);
    submit(
        () -> {
          if (current != null) {
            sub.snapshot(current);
            for (Exception e : standingErrors.get()) {
              sub.error(e);
            }
          }
        });
    return sub;
  }

  /** Delivers this snapshot to every subscription unless it equals the last one. */
  void publish(T snapshot) {
    Objects.requireNonNull(snapshot, "snapshot");
    submit(
        () -> {
          if (snapshot.equals(current)) {
            return;
          }
          current = snapshot;
          for (Sub sub : subs) {
            sub.snapshot(snapshot);
          }
        });
  }

  /** Delivers this error to every subscription. */
  void error(Exception error) {
    submit(
        () -> {
          for (Sub sub : subs) {
            sub.error(error);
          }
        });
  }

  private void submit(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException closed) {
      // Closed: nothing is delivered any more.
    }
  }

  /** Stops deliveries; one under way may finish. */
  @Override
  public void close() {
    subs.clear();
    executor.shutdownNow();
    try {
      executor.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private final class Sub implements Subscription {
    private final SnapshotListener<T> listener;
    private volatile boolean closed;

    Sub(SnapshotListener<T> listener) {
      this.listener = listener;
    }

    void snapshot(T snapshot) {
      if (closed) {
        return;
      }
      try {
        listener.onSnapshot(snapshot);
      } catch (RuntimeException e) {
        log.warn("snapshot listener {} threw; ignored", listener, e);
      }
    }

    void error(Exception error) {
      if (closed) {
        return;
      }
      try {
        listener.onError(error);
      } catch (RuntimeException e) {
        log.warn("snapshot listener {} threw on an error; ignored", listener, e);
      }
    }

    @Override
    public void close() {
      closed = true;
      subs.remove(this);
    }
  }
}
