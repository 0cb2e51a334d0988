package io.github.vulcanscraper.api;

import java.util.List;

/**
 * A source of the current set of targets. Each subscription receives the complete list first,
 * promptly after {@link #watch}, then again on every change.
 *
 * <p>Implementations are thread-safe. The lists delivered are immutable and hold at most one
 * targeter per {@link Targeter#key() key}.
 */
public interface TargetWatcher {
  /**
   * Subscribes to the target list.
   *
   * @param listener receives the complete target list on subscription and on each change
   * @return the subscription; closing it stops deliveries
   */
  Subscription watch(SnapshotListener<List<Targeter>> listener);
}
