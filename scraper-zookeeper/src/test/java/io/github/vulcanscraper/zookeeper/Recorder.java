package io.github.vulcanscraper.zookeeper;

import io.github.vulcanscraper.api.SnapshotListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/** A listener that keeps every snapshot and error it receives. */
final class Recorder<T> implements SnapshotListener<T> {
  final List<T> snapshots = new CopyOnWriteArrayList<>();
  final List<Exception> errors = new CopyOnWriteArrayList<>();

  @Override
  public void onSnapshot(T snapshot) {
    snapshots.add(snapshot);
  }

  @Override
  public void onError(Exception error) {
    errors.add(error);
  }

  /** The last snapshot; fails before the first. */
  T latest() {
    T last = last();
    if (last == null) {
      throw new IllegalStateException("no snapshot yet");
    }
    return last;
  }

  /** The last snapshot, or null before the first. */
  @Nullable T last() {
    return snapshots.isEmpty() ? null : snapshots.get(snapshots.size() - 1);
  }
}
