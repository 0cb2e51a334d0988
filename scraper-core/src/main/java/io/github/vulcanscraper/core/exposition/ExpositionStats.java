package io.github.vulcanscraper.core.exposition;

import java.util.Objects;

/**
 * What an exposition body holds, counted without keeping its samples: for checking large bodies in
 * a small heap. The body is validated exactly as {@link ExpositionParser#parse} validates it.
 *
 * <pre>{@code
 * ExpositionStats stats = ExpositionStats.check(ExpositionFormat.PROMETHEUS_TEXT, body);
 * System.out.println(stats.families() + " families, " + stats.samples() + " samples");
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ExpositionStats {
  private final int families;
  private final long samples;

  ExpositionStats(int families, long samples) {
    this.families = families;
    this.samples = samples;
  }

  /**
   * Validates {@code body} in {@code format}, keeping only counts.
   *
   * @param format the format the body is in
   * @param body the whole body, UTF-8
   * @return the counts
   * @throws ExpositionException naming line, column and what was expected, as the parser would
   */
  public static ExpositionStats check(ExpositionFormat format, byte[] body)
      throws ExpositionException {
    return check(format, body, 0, body.length);
  }

  /**
   * Validates {@code length} bytes of {@code body} from {@code offset}; see {@link #check}.
   *
   * @param format the format the body is in
   * @param body an array holding the body, UTF-8
   * @param offset the index of the body's first byte
   * @param length the body's length in bytes
   * @return the counts
   * @throws ExpositionException naming line, column and what was expected, as the parser would
   */
  public static ExpositionStats check(ExpositionFormat format, byte[] body, int offset, int length)
      throws ExpositionException {
    Objects.requireNonNull(format, "format");
    return format == ExpositionFormat.OPENMETRICS_TEXT
        ? new OpenMetricsParser().check(body, offset, length)
        : new PrometheusTextParser().check(body, offset, length);
  }

  /**
   * The number of metric families, those with metadata but no sample included.
   *
   * @return the count of families
   */
  public int families() {
    return families;
  }

  /**
   * The number of samples: one per sample line.
   *
   * @return the count of samples
   */
  public long samples() {
    return samples;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ExpositionStats
        && ((ExpositionStats) o).families == families
        && ((ExpositionStats) o).samples == samples;
  }

  @Override
  public int hashCode() {
    return 31 * families + Long.hashCode(samples);
  }

  @Override
  public String toString() {
    return families + " families, " + samples + " samples";
  }
}
