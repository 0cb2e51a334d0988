package io.github.vulcanscraper.kafka;

import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.core.exposition.ExpositionException;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Reads the value of a record written with a {@link MetricEncoder} back into metric families. Pick
 * one from the record's {@code content-type} header with {@link #forContentType(String)}.
 *
 * <pre>{@code
 * Header h = record.headers().lastHeader(KafkaWriter.CONTENT_TYPE_HEADER);
 * MetricDecoder decoder =
 *     MetricDecoder.forContentType(h == null ? null : new String(h.value(), UTF_8));
 * List<MetricFamily> families = decoder.decode(record.value());
 * }</pre>
 *
 * <p>Decoders are thread-safe.
 */
public interface MetricDecoder {
  /**
   * The media type this decoder reads, e.g. {@code application/json}.
   *
   * @return the media type, without parameters, in lower case
   */
  String mediaType();

  /**
   * Decodes one record value. Every sample comes back with the timestamp the encoder gave it.
   *
   * @param value the record's value, as the matching encoder wrote it
   * @return the metric families, in the order they were encoded
   * @throws ExpositionException when the value does not parse; the message names line and column
   */
  List<MetricFamily> decode(byte[] value) throws ExpositionException;

  /**
   * The decoder for a record's {@code content-type} header: {@code application/json} is JSON,
   * {@code application/openmetrics-text} is OpenMetrics, {@code application/x-protobuf} is a
   * snappy-compressed remote-write {@code WriteRequest}, and {@code text/plain} or a missing header
   * ({@code null}) is the Prometheus text format, as the Go original's records have none.
   *
   * @param contentType the header's value, parameters allowed and ignored; {@code null} when the
   *     record has no such header
   * @return the shared decoder for that media type
   * @throws IllegalArgumentException for any other content type, naming it
   */
  static MetricDecoder forContentType(@Nullable String contentType) {
    if (contentType == null) {
      return TextDecoder.PROMETHEUS;
    }
    int semi = contentType.indexOf(';');
    String media =
        (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    switch (media) {
      case "text/plain":
        return TextDecoder.PROMETHEUS;
      case "application/openmetrics-text":
        return TextDecoder.OPENMETRICS;
      case "application/json":
        return JsonDecoder.INSTANCE;
      case "application/x-protobuf":
        return RemoteWriteDecoder.INSTANCE;
      default:
        throw new IllegalArgumentException("no decoder for content type: " + contentType);
    }
  }
}
