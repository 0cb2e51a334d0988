package io.github.vulcanscraper.kafka;

import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.Sample;
import io.github.vulcanscraper.api.Scrape;
import io.github.vulcanscraper.core.exposition.ExpositionFormat;
import io.github.vulcanscraper.core.exposition.ExpositionWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link MetricEncoder#prometheusText()} and {@link MetricEncoder#openMetrics()}: the scraper's own
 * {@link ExpositionWriter}, so that what the scraper's parsers read back is exactly what was
 * written, after giving every sample without a timestamp the scrape's.
 *
 * <p>Design: the timestamped copy costs one {@link Sample} per sample without a timestamp (most of
 * them) and one list per family; the writer's output buffer dominates anyway (about 100 bytes per
 * sample), and encoding a 500-sample scrape stays far below the cost of sending it.
 */
final class TextEncoder implements MetricEncoder {
  static final TextEncoder PROMETHEUS = new TextEncoder(ExpositionFormat.PROMETHEUS_TEXT);
  static final TextEncoder OPENMETRICS = new TextEncoder(ExpositionFormat.OPENMETRICS_TEXT);

  private final ExpositionWriter writer;

  private TextEncoder(ExpositionFormat format) {
    this.writer = ExpositionWriter.of(format);
  }

  @Override
  public String contentType() {
    return writer.format().contentType();
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public byte[] encode(String key, Scrape scrape) {
    return writer.toByteArray(timestamped(scrape));
  }

  /** The scrape's families, every sample without a timestamp given the scrape's. */
  static List<MetricFamily> timestamped(Scrape scrape) {
    long ts = scrape.timestampMillis();
    List<MetricFamily> out = new ArrayList<>(scrape.families().size());
    for (MetricFamily f : scrape.families()) {
      List<Sample> samples = f.samples();
      List<Sample> copy = null;
      for (int i = 0; i < samples.size(); i++) {
        Sample s = samples.get(i);
        if (copy == null && !s.hasTimestamp()) {
          copy = new ArrayList<>(samples.size());
          copy.addAll(samples.subList(0, i));
        }
        if (copy != null) {
          copy.add(s.hasTimestamp() ? s : s.withTimestamp(ts));
        }
      }
      out.add(copy == null ? f : f.withSamples(copy));
    }
    return out;
  }
}
