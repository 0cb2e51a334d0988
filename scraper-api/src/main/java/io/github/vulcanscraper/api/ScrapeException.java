package io.github.vulcanscraper.api;

import org.jspecify.annotations.Nullable;

/**
 * A scrape that failed: the target was unreachable, too slow, answered with an error status, sent a
 * body that does not parse, or exceeded a limit. The scrape is still written, with {@code up 0}.
 *
 * <p>The {@link #reason()} is a short, stable, low-cardinality code fit for a metric label ({@code
 * timeout}, {@code connection}, {@code http_status}, {@code parse}, {@code body_size_limit}, {@code
 * sample_limit}, {@code label_limit}, ...); the message says what happened and never holds a
 * secret.
 */
public class ScrapeException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String reason;

  /** A failure with this reason code and message. */
  public ScrapeException(String reason, String message) {
    this(reason, message, null);
  }

  /** A failure with this reason code, message and cause; the cause may be {@code null}. */
  public ScrapeException(String reason, String message, @Nullable Throwable cause) {
    super(message, cause);
    if (reason == null || reason.isEmpty()) {
      throw new IllegalArgumentException("reason must not be empty");
    }
    this.reason = reason;
  }

  /** The reason code, for example {@code timeout} or {@code sample_limit}. */
  public String reason() {
    return reason;
  }
}
