package io.github.vulcanscraper.kafka;

import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.core.exposition.ExpositionException;
import io.github.vulcanscraper.core.exposition.ExpositionFormat;
import io.github.vulcanscraper.core.exposition.ExpositionParser;
import java.util.List;

/**
 * Reads the text encoders' values with the scraper's own exposition parsers. A parser is not
 * thread-safe, so each call takes a new one: decoding is the consumer's side, not the hot path.
 */
final class TextDecoder implements MetricDecoder {
  static final TextDecoder PROMETHEUS = new TextDecoder(ExpositionFormat.PROMETHEUS_TEXT);
  static final TextDecoder OPENMETRICS = new TextDecoder(ExpositionFormat.OPENMETRICS_TEXT);

  private final ExpositionFormat format;

  private TextDecoder(ExpositionFormat format) {
    this.format = format;
  }

  @Override
  public String mediaType() {
    return format == ExpositionFormat.OPENMETRICS_TEXT
        ? "application/openmetrics-text"
        : "text/plain";
  }

  @Override
  public List<MetricFamily> decode(byte[] value) throws ExpositionException {
    return ExpositionParser.of(format).parse(value);
  }
}
