package io.github.vulcanscraper.api;

/**
 * A live subscription to a watcher. Closing it stops deliveries: after {@code close()} returns, the
 * listener is not called again (a delivery already under way may finish first). {@code close()} is
 * idempotent and thread-safe.
 */
@FunctionalInterface
public interface Subscription extends AutoCloseable {
  /** Stops deliveries to this subscription's listener. Never throws. */
  @Override
  void close();
}
