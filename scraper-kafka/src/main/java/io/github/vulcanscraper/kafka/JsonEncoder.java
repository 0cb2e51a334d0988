package io.github.vulcanscraper.kafka;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.Sample;
import io.github.vulcanscraper.api.Scrape;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** {@link MetricEncoder#json()}: one JSON object per sample, streamed with Jackson's generator. */
final class JsonEncoder implements MetricEncoder {
  static final JsonEncoder INSTANCE = new JsonEncoder();
  static final String CONTENT_TYPE = "application/json; schema=vulcan-samples";
  static final JsonFactory FACTORY = new JsonFactory();

  private JsonEncoder() {}

  @Override
  public String contentType() {
    return CONTENT_TYPE;
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public byte[] encode(String key, Scrape scrape) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + scrape.sampleCount() * 128);
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.writeStartArray();
      for (MetricFamily family : scrape.families()) {
        for (Sample s : family.samples()) {
          writeSample(g, s, s.hasTimestamp() ? s.timestampMillis() : scrape.timestampMillis());
        }
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toByteArray();
  }

  /** Writes one sample object of the documented schema. */
  static void writeSample(JsonGenerator g, Sample s, long timestampMillis) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", s.name());
    g.writeObjectFieldStart("labels");
    Labels labels = s.labels();
    for (int i = 0; i < labels.size(); i++) {
      g.writeStringField(labels.name(i), labels.value(i));
    }
    g.writeEndObject();
    g.writeFieldName("value");
    writeValue(g, s.value());
    g.writeNumberField("timestamp", timestampMillis);
    if (Sample.isStaleMarker(s.value())) {
      g.writeBooleanField("stale", true);
    }
    g.writeEndObject();
  }

  /** A number, or {@code "NaN"}, {@code "+Inf"}, {@code "-Inf"}; integral values without ".0". */
  static void writeValue(JsonGenerator g, double v) throws IOException {
    if (Double.isNaN(v)) {
      g.writeString("NaN");
    } else if (Double.isInfinite(v)) {
      g.writeString(v > 0 ? "+Inf" : "-Inf");
    } else if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && 1 / v < 0)) {
      g.writeNumber((long) v);
    } else {
      g.writeNumber(v);
    }
  }
}
