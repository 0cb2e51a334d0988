package io.github.vulcanscraper.examples.soak;

import io.github.vulcanscraper.api.Scrape;
import io.github.vulcanscraper.api.Writer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A node's writer that can die with its node: after {@link #crash()} nothing it is given reaches
 * Kafka, as when the process is killed, while the node's ZooKeeper session lives on until it
 * expires.
 */
final class CrashableWriter implements Writer {
  private final Writer delegate;
  private volatile boolean crashed;

  CrashableWriter(Writer delegate) {
    this.delegate = delegate;
  }

  void crash() {
    crashed = true;
  }

  @Override
  public CompletionStage<Void> write(String key, Scrape scrape) {
    return crashed ? CompletableFuture.completedFuture(null) : delegate.write(key, scrape);
  }

  @Override
  public void flush(Duration timeout) {
    if (!crashed) {
      delegate.flush(timeout);
    }
  }

  @Override
  public void close() {
    delegate.close();
  }
}
