package io.github.vulcanscraper.core;

import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.Sample;
import io.github.vulcanscraper.api.Scrape;
import io.github.vulcanscraper.api.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** Keeps every scrape written, in order. */
final class RecordingWriter implements Writer {
  /** One write. */
  static final class Written {
    final String key;
    final Scrape scrape;

    Written(String key, Scrape scrape) {
      this.key = key;
      this.scrape = scrape;
    }

    /** The value of the first sample with this name, or null. */
    @Nullable Double value(String name) {
      for (MetricFamily f : scrape.families()) {
        for (Sample s : f.samples()) {
          if (s.name().equals(name)) {
            return s.value();
          }
        }
      }
      return null;
    }

    List<Sample> samples() {
      return scrape.families().stream()
          .flatMap(f -> f.samples().stream())
          .collect(Collectors.toList());
    }

    List<Sample> staleMarkers() {
      return samples().stream()
          .filter(s -> Sample.isStaleMarker(s.value()))
          .collect(Collectors.toList());
    }
  }

  private final List<Written> records = new ArrayList<>();
  volatile boolean flushed;
  volatile int writtenAtFlush = -1;

  @Override
  public synchronized CompletionStage<Void> write(String key, Scrape scrape) {
    records.add(new Written(key, scrape));
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void flush(java.time.Duration timeout) {
    writtenAtFlush = records().size();
    flushed = true;
  }

  synchronized List<Written> records() {
    return new ArrayList<>(records);
  }

  synchronized List<Written> records(String key) {
    return records.stream().filter(r -> r.key.equals(key)).collect(Collectors.toList());
  }

  /** The timestamps of the scrapes of this key (staleness-only writes left out). */
  synchronized List<Long> slots(String key) {
    return records(key).stream()
        .filter(r -> r.value("up") != null && !Sample.isStaleMarker(r.value("up")))
        .map(r -> r.scrape.timestampMillis())
        .collect(Collectors.toList());
  }

  @Override
  public void close() {}
}
