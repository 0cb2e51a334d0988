package io.github.vulcanscraper.kafka;

import io.github.vulcanscraper.api.Scrape;

/**
 * Turns one scrape into the value of one Kafka record. The writer puts {@link #contentType()} and
 * {@link #version()} in the record's headers, so a consumer picks the matching {@link
 * MetricDecoder} with {@link MetricDecoder#forContentType(String)}.
 *
 * <p>The encoders here:
 *
 * <ul>
 *   <li>{@link #prometheusText()}, the default: the Prometheus text exposition format 0.0.4, every
 *       sample with a timestamp (its own, else the scrape's). What the Go original wrote.
 *   <li>{@link #openMetrics()}: OpenMetrics 1.0 text, timestamps likewise, with exemplars.
 *   <li>{@link #json()}: a JSON array with one object per sample, schema in {@link #json()}.
 *   <li>{@link #remoteWrite()}: a Prometheus remote-write {@code WriteRequest}, snappy-compressed.
 * </ul>
 *
 * <p>Implementations are thread-safe and stateless between calls: {@link #encode} runs on the
 * scrape executor's threads, concurrently.
 */
public interface MetricEncoder {
  /**
   * The record's {@code content-type} header, e.g. {@code text/plain; version=0.0.4}.
   *
   * @return the media type with its parameters; what {@link MetricDecoder#forContentType(String)}
   *     takes
   */
  String contentType();

  /**
   * The encoder's version, in the record's {@code encoder-version} header; starts at 1.
   *
   * @return the version, raised when the encoding changes for the same content type
   */
  int version();

  /**
   * Encodes one scrape.
   *
   * @param key the target's key, the record's key
   * @param scrape the scrape
   * @return the record's value; never {@code null}
   */
  byte[] encode(String key, Scrape scrape);

  /**
   * The Prometheus text exposition format 0.0.4 ({@code text/plain; version=0.0.4; charset=utf-8}),
   * with {@code # HELP} and {@code # TYPE} lines and a timestamp on every sample: its own when it
   * has one, else the scrape's. Types the text format lacks (gauge histogram, info, state set) are
   * written {@code untyped}. It cannot carry exemplars, units or the exact bit pattern of the
   * staleness marker (written {@code NaN}).
   *
   * @return the shared Prometheus text encoder
   */
  static MetricEncoder prometheusText() {
    return TextEncoder.PROMETHEUS;
  }

  /**
   * OpenMetrics 1.0 text ({@code application/openmetrics-text; version=1.0.0; charset=utf-8}),
   * ending in {@code # EOF}, with timestamps as in {@link #prometheusText()} (OpenMetrics writes
   * them in seconds, to the millisecond) and exemplars. The staleness marker is written {@code
   * NaN}.
   *
   * @return the shared OpenMetrics encoder
   */
  static MetricEncoder openMetrics() {
    return TextEncoder.OPENMETRICS;
  }

  /**
   * JSON ({@code application/json; schema=vulcan-samples}), version 1: an array with one object per
   * sample, in exposition order:
   *
   * <pre>{@code
   * [{"name":"http_requests_total","labels":{"code":"200","instance":"a:9100","job":"node"},
   *   "value":1027,"timestamp":1700000000000},
   *  {"name":"up","labels":{...},"value":"NaN","timestamp":1700000000000,"stale":true}]
   * }</pre>
   *
   * <ul>
   *   <li>{@code name}: the sample's metric name, suffix included.
   *   <li>{@code labels}: an object of label name to value, sorted by name; {@code {}} for none.
   *   <li>{@code value}: a JSON number, or one of the strings {@code "NaN"}, {@code "+Inf"}, {@code
   *       "-Inf"}.
   *   <li>{@code timestamp}: milliseconds since the epoch: the sample's own, else the scrape's.
   *   <li>{@code stale}: present, {@code true}, only on Prometheus' staleness marker (whose value
   *       is {@code "NaN"}).
   * </ul>
   *
   * <p>Metric types, help, units and exemplars are not carried.
   *
   * @return the shared JSON encoder
   */
  static MetricEncoder json() {
    return JsonEncoder.INSTANCE;
  }

  /**
   * A Prometheus remote-write 1.0 {@code WriteRequest} in protobuf, snappy-compressed in the block
   * format ({@code application/x-protobuf; proto=prometheus.WriteRequest; encoding=snappy}): the
   * body a remote-write sender posts, so a consumer can forward a record's value to {@code
   * /api/v1/write} unchanged. One time series per sample, labels sorted by name with {@code
   * __name__}, every sample timestamped as in {@link #prometheusText()}; the staleness marker keeps
   * its bits. Metadata (types, help, units) and exemplars are not written. Needs {@code
   * org.xerial.snappy:snappy-java} at run time, which {@code kafka-clients} brings.
   *
   * @return the shared remote-write encoder
   */
  static MetricEncoder remoteWrite() {
    return RemoteWriteEncoder.INSTANCE;
  }
}
