package io.github.vulcanscraper.api;

/**
 * Receives the complete current state of a watcher: first promptly after subscribing, then again on
 * every change. A snapshot replaces the previous one, so a listener is idempotent: receiving the
 * same snapshot twice changes nothing.
 *
 * <p>Calls for one subscription never overlap. A listener should be fast; it must not throw (an
 * exception it throws is logged by the watcher and otherwise ignored).
 *
 * @param <T> the snapshot type, an immutable collection
 */
@FunctionalInterface
public interface SnapshotListener<T> {
  /**
   * Takes the complete current state.
   *
   * @param snapshot the complete state, replacing the previous one; immutable, never null
   */
  void onSnapshot(T snapshot);

  /**
   * Takes a failure that did not change the state: the last good snapshot stays in force (a job
   * whose new YAML is invalid, a discovery backend that is down). The default does nothing.
   *
   * @param error what went wrong, for logging; the state is unchanged
   */
  default void onError(Exception error) {}
}
