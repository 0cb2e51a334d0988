package io.github.vulcanscraper.kafka;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.MetricType;
import io.github.vulcanscraper.api.Sample;
import io.github.vulcanscraper.core.exposition.ExpositionException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads {@link MetricEncoder#json()} values. Consecutive samples of one name become one family of
 * type {@link MetricType#UNKNOWN}, as the JSON schema carries no type. Unknown fields are skipped,
 * so later versions may add some.
 */
final class JsonDecoder implements MetricDecoder {
  static final JsonDecoder INSTANCE = new JsonDecoder();

  private JsonDecoder() {}

  @Override
  public String mediaType() {
    return "application/json";
  }

  @Override
  public List<MetricFamily> decode(byte[] value) throws ExpositionException {
    try (JsonParser p = JsonEncoder.FACTORY.createParser(value)) {
      expect(p, p.nextToken(), JsonToken.START_ARRAY, "an array of samples");
      List<MetricFamily> families = new ArrayList<>();
      List<Sample> current = new ArrayList<>();
      String currentName = null;
      JsonToken t;
      while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
        expect(p, t, JsonToken.START_OBJECT, "a sample object");
        Sample s = readSample(p);
        if (currentName != null && !currentName.equals(s.name())) {
          families.add(MetricFamily.of(currentName, MetricType.UNKNOWN, current));
          current = new ArrayList<>();
        }
        currentName = s.name();
        current.add(s);
      }
      if (currentName != null) {
        families.add(MetricFamily.of(currentName, MetricType.UNKNOWN, current));
      }
      if (p.nextToken() != null) {
        throw error(p, "unexpected content after the array");
      }
      return families;
    } catch (JsonParseException e) {
      JsonLocation at = e.getLocation();
      throw new ExpositionException(
          at == null ? 1 : at.getLineNr(),
          at == null ? 1 : at.getColumnNr(),
          e.getOriginalMessage());
    } catch (IOException e) {
      throw new ExpositionException(1, 1, e.toString());
    }
  }

  /** Reads the fields of one sample object; the parser is on its START_OBJECT. */
  static Sample readSample(JsonParser p) throws IOException, ExpositionException {
    String name = null;
    Labels labels = Labels.EMPTY;
    Double value = null;
    long timestamp = Sample.NO_TIMESTAMP;
    boolean stale = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken t = p.nextToken();
      switch (field) {
        case "name":
          expect(p, t, JsonToken.VALUE_STRING, "a string for \"name\"");
          name = p.getText();
          break;
        case "labels":
          labels = readLabels(p, t);
          break;
        case "value":
          value = readValue(p, t);
          break;
        case "timestamp":
          expect(p, t, JsonToken.VALUE_NUMBER_INT, "an integer for \"timestamp\"");
          timestamp = p.getLongValue();
          break;
        case "stale":
          stale = t == JsonToken.VALUE_TRUE;
          break;
        default:
          p.skipChildren();
      }
    }
    if (name == null || value == null) {
      throw error(p, "a sample needs \"name\" and \"value\"");
    }
    double v = stale ? Sample.STALE_NAN : value;
    try {
      return Sample.of(name, labels, v, timestamp);
    } catch (IllegalArgumentException e) {
      throw error(p, String.valueOf(e.getMessage()));
    }
  }

  private static Labels readLabels(JsonParser p, JsonToken t)
      throws IOException, ExpositionException {
    expect(p, t, JsonToken.START_OBJECT, "an object for \"labels\"");
    Labels.Builder b = Labels.builder();
    try {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String labelName = p.currentName();
        expect(p, p.nextToken(), JsonToken.VALUE_STRING, "a string value for label " + labelName);
        b.add(labelName, p.getText());
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw error(p, String.valueOf(e.getMessage()));
    }
  }

  private static double readValue(JsonParser p, JsonToken t)
      throws IOException, ExpositionException {
    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
      return p.getDoubleValue();
    }
    if (t == JsonToken.VALUE_STRING) {
      switch (p.getText()) {
        case "NaN":
          return Double.NaN;
        case "+Inf":
          return Double.POSITIVE_INFINITY;
        case "-Inf":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    throw error(p, "\"value\" must be a number, \"NaN\", \"+Inf\" or \"-Inf\", got " + p.getText());
  }

  private static void expect(JsonParser p, JsonToken actual, JsonToken expected, String what)
      throws ExpositionException {
    if (actual != expected) {
      throw error(p, "expected " + what + ", got " + (actual == null ? "end of input" : actual));
    }
  }

  private static ExpositionException error(JsonParser p, String detail) {
    JsonLocation at = p.currentLocation();
    return new ExpositionException(at.getLineNr(), at.getColumnNr(), detail);
  }
}
