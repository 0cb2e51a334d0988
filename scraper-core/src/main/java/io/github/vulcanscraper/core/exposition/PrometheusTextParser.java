package io.github.vulcanscraper.core.exposition;

import io.github.vulcanscraper.api.MetricFamily;
import java.util.List;

/** Placeholder until the parser lands; replaced whole by the parser work. */
final class PrometheusTextParser implements ExpositionParser {
  @Override
  public ExpositionFormat format() {
    return ExpositionFormat.PROMETHEUS_TEXT;
  }

  @Override
  public List<MetricFamily> parse(byte[] body, int offset, int length) throws ExpositionException {
    throw new ExpositionException(1, 1, "parser not implemented yet");
  }
}
