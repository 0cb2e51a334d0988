package io.github.vulcanscraper.zookeeper;

import io.github.vulcanscraper.api.SnapshotListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

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

  /** The last snapshot, or null before the first. */
  T last() {
    return snapshots.isEmpty() ? null : snapshots.get(snapshots.size() - 1);
  }
}
