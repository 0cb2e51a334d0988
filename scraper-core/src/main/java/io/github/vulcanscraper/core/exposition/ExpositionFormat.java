package io.github.vulcanscraper.core.exposition;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The exposition formats a target may answer with, and the content negotiation Prometheus does: the
 * {@code Accept} header it sends, and the format chosen from the response's {@code Content-Type}.
 */
public enum ExpositionFormat {
  /** The Prometheus text format, version 0.0.4: {@code text/plain; version=0.0.4}. */
  PROMETHEUS_TEXT("text/plain; version=0.0.4; charset=utf-8"),
  /** OpenMetrics 1.0 text: {@code application/openmetrics-text; version=1.0.0}. */
  OPENMETRICS_TEXT("application/openmetrics-text; version=1.0.0; charset=utf-8");

  /**
   * The {@code Accept} header Prometheus sends by default: OpenMetrics 1.0 preferred, then 0.0.1,
   * then the text format, then anything.
   */
  public static final String ACCEPT_HEADER =
      "application/openmetrics-text;version=1.0.0;q=0.5,"
          + "application/openmetrics-text;version=0.0.1;q=0.4,"
          + "text/plain;version=0.0.4;q=0.3,"
          + "*/*;q=0.2";

  /** The {@code Accept} header for a target that must answer in the text format. */
  public static final String ACCEPT_TEXT_ONLY = "text/plain;version=0.0.4;q=1.0,*/*;q=0.1";

  private final String contentType;

  ExpositionFormat(String contentType) {
    this.contentType = contentType;
  }

  /**
   * The content type a writer of this format declares.
   *
   * @return the content type with its version, e.g. {@code text/plain; version=0.0.4;
   *     charset=utf-8}
   */
  public String contentType() {
    return contentType;
  }

  /**
   * The format to parse a response with, from its {@code Content-Type}, as Prometheus decides it:
   * {@code application/openmetrics-text} is OpenMetrics; anything else, a missing header included,
   * is read as the Prometheus text format.
   *
   * @param contentType the header's value, or {@code null} when absent
   * @return the format to parse with, never null
   */
  public static ExpositionFormat fromContentType(@Nullable String contentType) {
    if (contentType == null) {
      return PROMETHEUS_TEXT;
    }
    int semi = contentType.indexOf(';');
    String mediaType = (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
    return mediaType.toLowerCase(Locale.ROOT).equals("application/openmetrics-text")
        ? OPENMETRICS_TEXT
        : PROMETHEUS_TEXT;
  }
}
