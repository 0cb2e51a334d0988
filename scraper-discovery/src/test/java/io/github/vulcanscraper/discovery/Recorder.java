package io.github.vulcanscraper.discovery;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.SnapshotListener;
import io.github.vulcanscraper.core.discovery.TargetGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;

/** A listener that records what it is handed, for tests to wait on. */
final class Recorder implements SnapshotListener<List<TargetGroup>> {
  final List<List<TargetGroup>> snapshots = new CopyOnWriteArrayList<>();
  final List<Exception> errors = new CopyOnWriteArrayList<>();

  @Override
  public void onSnapshot(List<TargetGroup> snapshot) {
    snapshots.add(snapshot);
  }

  @Override
  public void onError(Exception error) {
    errors.add(error);
  }

  /** The last snapshot; there must be one. */
  List<TargetGroup> last() {
    return java.util.Objects.requireNonNull(lastOrNull(), "no snapshot yet");
  }

  private @Nullable List<TargetGroup> lastOrNull() {
    return snapshots.isEmpty() ? null : snapshots.get(snapshots.size() - 1);
  }

  /** Waits for a snapshot that matches, and returns it. */
  List<TargetGroup> await(Predicate<List<TargetGroup>> condition) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              List<TargetGroup> last = lastOrNull();
              return last != null && condition.test(last);
            });
    return last();
  }

  /** Waits for the first snapshot and returns it. */
  List<TargetGroup> awaitFirst() {
    return await(s -> true);
  }

  /** Waits until at least {@code n} errors are in, and returns the last. */
  Exception awaitErrors(int n) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> errors.size() >= n);
    return errors.get(errors.size() - 1);
  }

  /** Every target of the snapshot, group labels merged in, in order. */
  static List<Labels> targets(List<TargetGroup> groups) {
    List<Labels> all = new ArrayList<>();
    for (TargetGroup g : groups) {
      for (Labels t : g.targets()) {
        Labels.Builder b = g.labels().toBuilder();
        t.forEach(b::set);
        all.add(b.build());
      }
    }
    return all;
  }

  /** The {@code __address__} of every target, in order. */
  static List<String> addresses(List<TargetGroup> groups) {
    List<String> all = new ArrayList<>();
    for (Labels t : targets(groups)) {
      all.add(t.get("__address__"));
    }
    return all;
  }
}
