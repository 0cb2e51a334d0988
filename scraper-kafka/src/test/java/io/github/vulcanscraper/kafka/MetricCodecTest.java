package io.github.vulcanscraper.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.Sample;
import io.github.vulcanscraper.api.Scrape;
import io.github.vulcanscraper.core.exposition.ExpositionException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

final class MetricCodecTest {
  private static final long NOW = 1_700_000_000_000L;
  private final Scrape scrape = Scrapes.varied("node", "host-1:9100", NOW);

  @Test
  void jsonRoundTripKeepsEverySampleAndTheStalenessMarker() throws Exception {
    byte[] value = MetricEncoder.json().encode("node/host-1:9100", scrape);

    List<Sample> decoded = Scrapes.samples(decoderOf(MetricEncoder.json()).decode(value));

    assertThat(Scrapes.describe(decoded, true))
        .containsExactlyElementsOf(Scrapes.describe(Scrapes.timestamped(scrape), true));
    assertThat(decoded.stream().filter(s -> Sample.isStaleMarker(s.value()))).hasSize(1);
  }

  @Test
  void jsonFollowsTheDocumentedSchema() {
    Labels l = Labels.of("job", "j", "instance", "i");
    Scrape s =
        Scrape.of(
            NOW,
            l,
            List.of(
                MetricFamily.of(
                    "m",
                    io.github.vulcanscraper.api.MetricType.GAUGE,
                    List.of(
                        Sample.of("m", l, 3),
                        Sample.of("m", l, 0.5, 42),
                        Sample.of("m", l, Double.NEGATIVE_INFINITY),
                        Sample.of("m", l, Sample.STALE_NAN)))));

    String json = new String(MetricEncoder.json().encode("k", s), StandardCharsets.UTF_8);

    assertThat(json)
        .isEqualTo(
            "[{\"name\":\"m\",\"labels\":{\"instance\":\"i\",\"job\":\"j\"},\"value\":3,"
                + "\"timestamp\":1700000000000},"
                + "{\"name\":\"m\",\"labels\":{\"instance\":\"i\",\"job\":\"j\"},\"value\":0.5,"
                + "\"timestamp\":42},"
                + "{\"name\":\"m\",\"labels\":{\"instance\":\"i\",\"job\":\"j\"},\"value\":\"-Inf\","
                + "\"timestamp\":1700000000000},"
                + "{\"name\":\"m\",\"labels\":{\"instance\":\"i\",\"job\":\"j\"},\"value\":\"NaN\","
                + "\"timestamp\":1700000000000,\"stale\":true}]");
  }

  @Test
  void prometheusTextRoundTripTimestampsEverySample() throws Exception {
    byte[] value = MetricEncoder.prometheusText().encode("k", scrape);

    List<Sample> decoded = Scrapes.samples(decoderOf(MetricEncoder.prometheusText()).decode(value));

    // The text format cannot carry the staleness marker's bits: it comes back as a plain NaN.
    assertThat(Scrapes.describe(decoded, false))
        .containsExactlyElementsOf(Scrapes.describe(Scrapes.timestamped(scrape), false));
    assertThat(new String(value, StandardCharsets.UTF_8))
        .contains("# TYPE http_requests_total counter\n")
        .contains("up{instance=\"host-1:9100\",job=\"node\"} 1 1700000000000\n");
  }

  @Test
  void openMetricsRoundTripTimestampsEverySampleAndKeepsExemplars() throws Exception {
    byte[] value = MetricEncoder.openMetrics().encode("k", scrape);

    List<Sample> decoded = Scrapes.samples(decoderOf(MetricEncoder.openMetrics()).decode(value));

    assertThat(Scrapes.describe(decoded, false))
        .containsExactlyElementsOf(Scrapes.describe(Scrapes.timestamped(scrape), false));
    assertThat(decoded.stream().filter(s -> s.exemplar() != null).findFirst().get().exemplar())
        .isEqualTo(scrape.families().get(2).samples().get(0).exemplar());
    assertThat(new String(value, StandardCharsets.UTF_8))
        .endsWith("# EOF\n")
        .contains("up{instance=\"host-1:9100\",job=\"node\"} 1 1700000000\n");
  }

  @Test
  void remoteWriteRoundTripKeepsEverySampleAndTheStalenessMarker() throws Exception {
    byte[] value = MetricEncoder.remoteWrite().encode("k", scrape);

    List<Sample> decoded = Scrapes.samples(decoderOf(MetricEncoder.remoteWrite()).decode(value));

    assertThat(Scrapes.describe(decoded, true))
        .containsExactlyElementsOf(Scrapes.describe(Scrapes.timestamped(scrape), true));
  }

  @Test
  void remoteWriteIsTheProtobufWriteRequestSnappyCompressed() throws Exception {
    Labels l = Labels.of("job", "j");
    Scrape s =
        Scrape.of(
            1000,
            l,
            List.of(
                MetricFamily.of(
                    "up",
                    io.github.vulcanscraper.api.MetricType.GAUGE,
                    List.of(Sample.of("up", l, 1)))));

    byte[] raw = org.xerial.snappy.Snappy.uncompress(MetricEncoder.remoteWrite().encode("k", s));

    // WriteRequest{timeseries: [{labels: [{__name__, up}, {job, j}], samples: [{1.0, 1000}]}]}
    assertThat(hex(raw))
        .isEqualTo(
            "0a28"
                + "0a0e"
                + "0a08"
                + hex("__name__")
                + "1202"
                + hex("up")
                + "0a08"
                + "0a03"
                + hex("job")
                + "1201"
                + hex("j")
                + "120c"
                + "09000000000000f03f"
                + "10e807");
  }

  @Test
  void badRemoteWriteIsRejectedWithTheOffset() throws Exception {
    byte[] truncated = org.xerial.snappy.Snappy.compress(new byte[] {0x0a, 0x28, 0x0a});

    assertThatThrownBy(() -> decoderOf(MetricEncoder.remoteWrite()).decode(truncated))
        .isInstanceOf(ExpositionException.class)
        .hasMessage("line 1 col 3: length 40 past the end at byte 2");
    assertThatThrownBy(
            () ->
                decoderOf(MetricEncoder.remoteWrite())
                    .decode("plain text".getBytes(StandardCharsets.UTF_8)))
        .hasMessageContaining("not a snappy-compressed remote-write body");
  }

  private static String hex(String s) {
    return hex(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String hex(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      sb.append(String.format("%02x", x));
    }
    return sb.toString();
  }

  @Test
  void decoderIsChosenFromTheContentType() {
    assertThat(MetricDecoder.forContentType(MetricEncoder.json().contentType()).mediaType())
        .isEqualTo("application/json");
    assertThat(MetricDecoder.forContentType(MetricEncoder.openMetrics().contentType()).mediaType())
        .isEqualTo("application/openmetrics-text");
    assertThat(
            MetricDecoder.forContentType(MetricEncoder.prometheusText().contentType()).mediaType())
        .isEqualTo("text/plain");
    assertThat(MetricDecoder.forContentType(null).mediaType()).isEqualTo("text/plain");
    assertThat(MetricDecoder.forContentType(MetricEncoder.remoteWrite().contentType()).mediaType())
        .isEqualTo("application/x-protobuf");
    assertThatThrownBy(() -> MetricDecoder.forContentType("application/avro"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("no decoder for content type: application/avro");
  }

  @Test
  void badJsonNamesLineAndColumn() {
    byte[] bad =
        "[{\"name\":\"m\",\"labels\":{},\"value\":1,\"timestamp\":1},\n{\"name\":\"m\",\"value\":true}]"
            .getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> MetricDecoder.forContentType("application/json").decode(bad))
        .isInstanceOf(ExpositionException.class)
        .hasMessageStartingWith("line 2 col")
        .hasMessageContaining("\"value\" must be a number");
  }

  @Test
  void badJsonLabelNameIsRejected() {
    byte[] bad =
        "[{\"name\":\"m\",\"labels\":{\"1x\":\"v\"},\"value\":1}]".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> MetricDecoder.forContentType("application/json").decode(bad))
        .isInstanceOf(ExpositionException.class)
        .hasMessageContaining("1x");
  }

  private static MetricDecoder decoderOf(MetricEncoder encoder) {
    return MetricDecoder.forContentType(encoder.contentType());
  }
}
