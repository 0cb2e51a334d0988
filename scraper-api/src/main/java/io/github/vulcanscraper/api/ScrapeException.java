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

  /** The low-cardinality reason code, such as {@code timeout}; never null. */
  private final String reason;

  /**
   * A failure with this reason code and message.
   *
   * @param reason the reason code, short and low-cardinality, e.g. {@code http_status}
   * @param message what happened; must not hold a secret
   * @throws IllegalArgumentException when {@code reason} is null or empty
   */
  public ScrapeException(String reason, String message) {
    this(reason, message, null);
  }

  /**
   * A failure with this reason code, message and cause; the cause may be {@code null}.
   *
   * @param reason the reason code, short and low-cardinality, e.g. {@code connection}
   * @param message what happened; must not hold a secret
   * @param cause the underlying failure, or {@code null}
   * @throws IllegalArgumentException when {@code reason} is null or empty
   */
  public ScrapeException(String reason, String message, @Nullable Throwable cause) {
    super(message, cause);
    if (reason == null || reason.isEmpty()) {
      throw new IllegalArgumentException("reason must not be empty");
    }
    this.reason = reason;
  }

  /**
   * The reason code, for example {@code timeout} or {@code sample_limit}.
   *
   * @return the reason code, fit for a metric label
   */
  public String reason() {
    return reason;
  }
}
