package io.github.vulcanscraper.examples.embedding;

import io.github.vulcanscraper.api.Scrape;
import io.github.vulcanscraper.api.Writer;
import io.github.vulcanscraper.core.exposition.ExpositionFormat;
import io.github.vulcanscraper.core.exposition.ExpositionWriter;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A custom {@link Writer}: appends every scrape to a file in the Prometheus text format, after a
 * {@code # scrape <key> <timestamp>} line. The smallest useful writer; a host swaps it in for the
 * Kafka writer with {@code Scraper.builder(targets, new FileWriter(path))}.
 *
 * <p>Thread-safe: writes are serialised on the file.
 */
public final class FileWriter implements Writer {
  private final BufferedWriter out;
  private final ExpositionWriter text = ExpositionWriter.of(ExpositionFormat.PROMETHEUS_TEXT);

  /**
   * Appends to {@code file}, creating it if needed.
   *
   * @param file the file to append to
   * @throws IOException when the file cannot be opened or created
   */
  public FileWriter(Path file) throws IOException {
    this.out =
        Files.newBufferedWriter(
            file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Override
  public synchronized CompletionStage<Void> write(String key, Scrape scrape) {
    try {
      out.write("# scrape " + key + " " + scrape.timestampMillis() + "\n");
      text.write(scrape.families(), out);
      return CompletableFuture.completedFuture(null);
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public synchronized void flush(java.time.Duration timeout) {
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void close() {
    try {
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
