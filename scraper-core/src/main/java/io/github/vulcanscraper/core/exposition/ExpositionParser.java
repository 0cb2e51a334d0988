package io.github.vulcanscraper.core.exposition;

import io.github.vulcanscraper.api.MetricFamily;
import java.util.List;

/**
 * Reads one exposition body into metric families. The whole body is parsed before anything is
 * returned; a body with any error is rejected whole with an {@link ExpositionException}.
 *
 * <p>A parser instance keeps per-parser state (interned metric and label names) and is <em>not</em>
 * thread-safe: use one per thread or per target. It can be reused for any number of bodies.
 */
public interface ExpositionParser {
  /**
   * A new parser for this format.
   *
   * @param format the format of the bodies to read
   * @return a parser, not thread-safe
   */
  static ExpositionParser of(ExpositionFormat format) {
    return format == ExpositionFormat.OPENMETRICS_TEXT
        ? new OpenMetricsParser()
        : new PrometheusTextParser();
  }

  /**
   * The format this parser reads.
   *
   * @return the format
   */
  ExpositionFormat format();

  /**
   * Parses {@code length} bytes of {@code body} from {@code offset}, UTF-8.
   *
   * @param body an array holding the body
   * @param offset the index of the body's first byte
   * @param length the body's length in bytes
   * @return the families in exposition order
   * @throws ExpositionException naming line, column and what was expected
   */
  List<MetricFamily> parse(byte[] body, int offset, int length) throws ExpositionException;

  /**
   * Parses {@code length} bytes of {@code body} from {@code offset} as {@link #parse(byte[], int,
   * int)} does, with the series of the previous body of the same source at hand: a series written
   * again byte for byte is read from {@code cache} (as the same {@link
   * io.github.vulcanscraper.api.Labels} instance) instead of parsed. The result is the same as
   * without the cache. Parsers that keep no cache ignore it.
   *
   * @param body an array holding the body
   * @param offset the index of the body's first byte
   * @param length the body's length in bytes
   * @param cache the series of the source's previous body; updated when this parse succeeds
   * @return the families in exposition order
   * @throws ExpositionException naming line, column and what was expected
   */
  default List<MetricFamily> parse(byte[] body, int offset, int length, SeriesCache cache)
      throws ExpositionException {
    return parse(body, offset, length);
  }

  /**
   * Parses all of {@code body}.
   *
   * @param body the whole body, UTF-8
   * @return the families in exposition order
   * @throws ExpositionException naming line, column and what was expected
   */
  default List<MetricFamily> parse(byte[] body) throws ExpositionException {
    return parse(body, 0, body.length);
  }
}
