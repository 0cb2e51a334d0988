package io.github.vulcanscraper.discovery;

import io.github.vulcanscraper.api.SnapshotListener;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands one subscription's listener its snapshots (of target groups, or of a job's targets) and
 * errors: one call at a time, a snapshot only when it differs from the last one delivered, nothing
 * once closed, and a listener that throws is logged and otherwise ignored.
 */
final class Publisher<T> {
  private static final Logger log = LoggerFactory.getLogger(Publisher.class);

  private final String name;
  private final SnapshotListener<List<T>> listener;
  private @Nullable List<T> last;
  private volatile boolean closed;

  Publisher(String name, SnapshotListener<List<T>> listener) {
    this.name = name;
    this.listener = listener;
  }

  synchronized void publish(List<T> groups) {
    if (closed || groups.equals(last)) {
      return;
    }
    last = List.copyOf(groups);
    try {
      listener.onSnapshot(last);
    } catch (RuntimeException e) {
      log.warn("{}: listener threw on a snapshot", name, e);
    }
  }

  synchronized void fail(Exception error) {
    if (closed) {
      return;
    }
    log.warn("{}: {} (keeping the last good targets)", name, error.getMessage());
    try {
      listener.onError(error);
    } catch (RuntimeException e) {
      log.warn("{}: listener threw on an error", name, e);
    }
  }

  void close() {
    closed = true;
  }

  boolean isClosed() {
    return closed;
  }

  String name() {
    return name;
  }
}
