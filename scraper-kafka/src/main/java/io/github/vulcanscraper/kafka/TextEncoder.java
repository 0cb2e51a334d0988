package io.github.vulcanscraper.kafka;

import io.github.vulcanscraper.api.Scrape;
import io.github.vulcanscraper.core.exposition.ExpositionFormat;
import io.github.vulcanscraper.core.exposition.ExpositionWriter;

/**
 * {@link MetricEncoder#prometheusText()} and {@link MetricEncoder#openMetrics()}: the scraper's own
 * {@link ExpositionWriter}, so that what the scraper's parsers read back is exactly what was
 * written, after giving every sample without a timestamp the scrape's.
 *
 * <p>Design: the writer writes the scrape's timestamp for samples without one, so nothing is copied
 * to timestamp them; each series' label text is cached on its (long-lived) label set.
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
    // Samples without their own timestamp are written with the scrape's.
    return writer.toByteArray(scrape.families(), scrape.timestampMillis());
  }
}
