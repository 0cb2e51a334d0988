package io.github.vulcanscraper.kafka;

import org.jspecify.annotations.Nullable;

/**
 * Why a scrape was not delivered: a delivery failure reported by Kafka (the cause), a scrape
 * dropped by the writer's bound on pending scrapes, or a writer closed before delivery. The message
 * names the target key, the topic and the reason; it never holds credentials.
 */
public final class KafkaWriteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * An exception with this message and cause.
   *
   * @param message names the target key, the topic and the reason; no credentials
   * @param cause Kafka's or the encoder's exception, {@code null} for a drop or a closed writer
   */
  public KafkaWriteException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
