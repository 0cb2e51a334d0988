package io.github.vulcanscraper.api;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Takes every scrape, successful or failed, for delivery to a metric bus. One scrape of one target
 * is written at a time, in slot order; scrapes of different targets are written concurrently.
 *
 * <p>{@link #write} must not block for long: it hands the scrape over and completes the returned
 * stage when delivery succeeded or failed. A writer that must drop scrapes (a bounded buffer full
 * during a long outage) completes their stages exceptionally, counts them and logs why.
 *
 * <p>Implementations are thread-safe. {@link #close()} is idempotent and delivers what it can
 * within its own deadline.
 */
public interface Writer extends AutoCloseable {
  /** Discards every scrape at once. */
  Writer NOOP =
      new Writer() {
        @Override
        public CompletionStage<Void> write(String key, Scrape scrape) {
          return CompletableFuture.completedFuture(null);
        }

        @Override
        public void close() {}

        @Override
        public String toString() {
          return "Writer.NOOP";
        }
      };

  /**
   * Hands over one scrape of the target with this key.
   *
   * @param key the target's stable {@link Targeter#key() key}, e.g. the Kafka record key
   * @param scrape the scrape, successful or failed
   * @return a stage completed when the scrape is delivered, or exceptionally when it is not
   */
  CompletionStage<Void> write(String key, Scrape scrape);

  /**
   * Waits up to {@code timeout} for the scrapes handed over so far to be delivered. The default
   * returns at once.
   *
   * @param timeout the longest wait; a delivery still pending after it stays pending
   */
  default void flush(Duration timeout) {}

  /** Delivers what it can within the writer's own deadline, then releases its resources. */
  @Override
  void close();
}
