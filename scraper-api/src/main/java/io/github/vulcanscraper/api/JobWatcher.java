package io.github.vulcanscraper.api;

import java.util.List;

/**
 * A source of the current set of jobs, for example the jobs folder of a configuration store. Each
 * subscription receives the complete list first, promptly after {@link #watch}, then again on every
 * change; a job whose configuration did not change is delivered as the same instance, so its
 * discovery keeps running.
 *
 * <p>A job whose new definition is invalid keeps its last good version (or stays absent) and the
 * failure goes to {@link SnapshotListener#onError}. Implementations are thread-safe.
 */
public interface JobWatcher {
  /**
   * Subscribes to the job list.
   *
   * @param listener receives the complete job list on subscription and on each change
   * @return the subscription; closing it stops deliveries
   */
  Subscription watch(SnapshotListener<List<Job>> listener);
}
