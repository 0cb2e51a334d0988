package io.github.vulcanscraper.core;

import io.github.vulcanscraper.api.SnapshotListener;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.api.TargetWatcher;
import io.github.vulcanscraper.api.Targeter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A target watcher whose list the test sets; deliveries run on the test's thread. */
final class SettableTargets implements TargetWatcher {
  private final List<SnapshotListener<List<Targeter>>> listeners = new CopyOnWriteArrayList<>();
  private volatile List<Targeter> current;

  SettableTargets(List<? extends Targeter> initial) {
    this.current = List.copyOf(initial);
  }

  void set(List<? extends Targeter> targets) {
    current = List.copyOf(targets);
    listeners.forEach(l -> l.onSnapshot(current));
  }

  @Override
  public Subscription watch(SnapshotListener<List<Targeter>> listener) {
    listeners.add(listener);
    listener.onSnapshot(current);
    return () -> listeners.remove(listener);
  }
}
