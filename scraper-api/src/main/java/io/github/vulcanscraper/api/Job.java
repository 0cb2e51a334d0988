package io.github.vulcanscraper.api;

/**
 * A named set of targets whose membership may change as its service discovery sees changes: a
 * Prometheus {@code scrape_config} once resolved. Watching a job delivers its current targets.
 *
 * <p>Implementations are thread-safe. Two jobs are {@link Object#equals equal} when they hold the
 * same configuration, so a watcher can tell a changed job from an unchanged one.
 */
public interface Job extends TargetWatcher {
  /**
   * The job's name, unique among the jobs of one {@link JobWatcher}.
   *
   * @return the job's name
   */
  JobName name();
}
