package io.github.vulcanscraper.benchmarks;

import io.github.vulcanscraper.api.Scrape;
import io.github.vulcanscraper.api.Writer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * Counts the samples and scrapes written, then hands each scrape to a delegate ({@code null}: to
 * nobody, a null writer). Thread-safe when the delegate is.
 */
final class CountingWriter implements Writer {
  private final @Nullable Writer delegate;
  private final LongAdder samples = new LongAdder();
  private final LongAdder scrapes = new LongAdder();

  CountingWriter(@Nullable Writer delegate) {
    this.delegate = delegate;
  }

  @Override
  public CompletionStage<Void> write(String key, Scrape scrape) {
    samples.add(scrape.sampleCount());
    scrapes.increment();
    return delegate == null ? CompletableFuture.completedFuture(null) : delegate.write(key, scrape);
  }

  long samples() {
    return samples.sum();
  }

  long scrapes() {
    return scrapes.sum();
  }

  @Override
  public void close() {
    if (delegate != null) {
      delegate.close();
    }
  }

  @Override
  public String toString() {
    return "CountingWriter{" + (delegate == null ? "null" : delegate) + "}";
  }
}
