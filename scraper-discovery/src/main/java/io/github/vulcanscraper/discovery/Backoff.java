package io.github.vulcanscraper.discovery;

import java.time.Duration;

/**
 * Delays between attempts: the refresh interval while things work; after a failure one second,
 * doubling with each further failure, never more than the refresh interval. Not thread-safe.
 */
final class Backoff {
  static final Duration INITIAL = Duration.ofSeconds(1);

  private final Duration interval;
  private int failures;

  Backoff(Duration interval) {
    this.interval = interval;
  }

  /** The delay before the next attempt after a success. */
  Duration succeeded() {
    failures = 0;
    return interval;
  }

  /** The delay before the next attempt after a failure. */
  Duration failed() {
    failures = Math.min(failures + 1, 30);
    Duration d = INITIAL.multipliedBy(1L << (failures - 1));
    return d.compareTo(interval) < 0 ? d : interval;
  }
}
