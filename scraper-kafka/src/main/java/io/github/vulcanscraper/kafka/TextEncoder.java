package io.github.vulcanscraper.kafka;

import io.github.vulcanscraper.api.Exemplar;
import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.MetricType;
import io.github.vulcanscraper.api.Sample;
import io.github.vulcanscraper.api.Scrape;
import io.github.vulcanscraper.core.exposition.ExpositionFormat;
import java.nio.charset.StandardCharsets;

/**
 * {@link MetricEncoder#prometheusText()} and {@link MetricEncoder#openMetrics()}: the two text
 * exposition formats, every sample with a timestamp. One {@link StringBuilder} sized from the sample
 * count, one UTF-8 conversion at the end.
 */
final class TextEncoder implements MetricEncoder {
  static final TextEncoder PROMETHEUS = new TextEncoder(ExpositionFormat.PROMETHEUS_TEXT);
  static final TextEncoder OPENMETRICS = new TextEncoder(ExpositionFormat.OPENMETRICS_TEXT);

  private final ExpositionFormat format;
  private final boolean openMetrics;

  private TextEncoder(ExpositionFormat format) {
    this.format = format;
    this.openMetrics = format == ExpositionFormat.OPENMETRICS_TEXT;
  }

  @Override
  public String contentType() {
    return format.contentType();
  }

  @Override
  public int version() {
    return 1;
  }

  @Override
  public byte[] encode(String key, Scrape scrape) {
    StringBuilder sb = new StringBuilder(64 + scrape.sampleCount() * 96);
    for (MetricFamily f : scrape.families()) {
      writeFamily(sb, f, scrape.timestampMillis());
    }
    if (openMetrics) {
      sb.append("# EOF\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void writeFamily(StringBuilder sb, MetricFamily f, long scrapeMillis) {
    String name = openMetrics ? f.name() : textFamilyName(f);
    if (openMetrics) {
      sb.append("# TYPE ").append(name).append(' ').append(f.type().text()).append('\n');
      if (!f.unit().isEmpty()) {
        sb.append("# UNIT ").append(name).append(' ').append(f.unit()).append('\n');
      }
    }
    if (!f.help().isEmpty()) {
      sb.append("# HELP ").append(name).append(' ');
      escape(f.help(), sb, openMetrics);
      sb.append('\n');
    }
    if (!openMetrics) {
      sb.append("# TYPE ").append(name).append(' ').append(textType(f.type())).append('\n');
    }
    for (Sample s : f.samples()) {
      sb.append(s.name());
      writeLabels(sb, s.labels());
      sb.append(' ');
      writeValue(sb, s.value());
      sb.append(' ');
      writeTimestamp(sb, s.hasTimestamp() ? s.timestampMillis() : scrapeMillis);
      if (openMetrics && s.exemplar() != null) {
        writeExemplar(sb, s.exemplar());
      }
      sb.append('\n');
    }
  }

  private void writeExemplar(StringBuilder sb, Exemplar e) {
    sb.append(" # ");
    sb.append('{');
    Labels l = e.labels();
    for (int i = 0; i < l.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(l.name(i)).append("=\"");
      escape(l.value(i), sb, true);
      sb.append('"');
    }
    sb.append("} ");
    writeValue(sb, e.value());
    if (e.hasTimestamp()) {
      sb.append(' ');
      writeTimestamp(sb, e.timestampMillis());
    }
  }

  /**
   * The name on the text format's {@code # TYPE} line: the samples' name for a counter whose
   * samples all end in {@code _total} (as client libraries write it), else the family name.
   */
  private static String textFamilyName(MetricFamily f) {
    if (f.type() != MetricType.COUNTER || f.name().endsWith("_total") || f.samples().isEmpty()) {
      return f.name();
    }
    String total = f.name() + "_total";
    for (Sample s : f.samples()) {
      if (!s.name().equals(total)) {
        return f.name();
      }
    }
    return total;
  }

  private static String textType(MetricType type) {
    switch (type) {
      case COUNTER:
      case GAUGE:
      case HISTOGRAM:
      case SUMMARY:
        return type.text();
      default:
        return "untyped";
    }
  }

  private static void writeLabels(StringBuilder sb, Labels labels) {
    if (labels.isEmpty()) {
      return;
    }
    sb.append('{');
    for (int i = 0; i < labels.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(labels.name(i)).append("=\"");
      escape(labels.value(i), sb, true);
      sb.append('"');
    }
    sb.append('}');
  }

  private void writeTimestamp(StringBuilder sb, long millis) {
    if (!openMetrics) {
      sb.append(millis);
      return;
    }
    // OpenMetrics timestamps are seconds; write them exactly, to the millisecond.
    long seconds = Math.floorDiv(millis, 1000);
    int fraction = (int) Math.floorMod(millis, 1000);
    sb.append(seconds);
    if (fraction != 0) {
      sb.append('.');
      if (fraction < 100) {
        sb.append('0');
      }
      if (fraction < 10) {
        sb.append('0');
      }
      sb.append(fraction);
    }
  }

  /** A Go-parsable float: NaN, +Inf, -Inf, integral values without a fraction. */
  static void writeValue(StringBuilder sb, double v) {
    if (Double.isNaN(v)) {
      sb.append("NaN");
    } else if (Double.isInfinite(v)) {
      sb.append(v > 0 ? "+Inf" : "-Inf");
    } else if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && 1 / v < 0)) {
      sb.append((long) v);
    } else {
      sb.append(v);
    }
  }

  /** Escapes backslash and newline, and the double quote where {@code quotes} says so. */
  private static void escape(String s, StringBuilder sb, boolean quotes) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        sb.append("\\\\");
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '"' && quotes) {
        sb.append("\\\"");
      } else {
        sb.append(c);
      }
    }
  }
}
