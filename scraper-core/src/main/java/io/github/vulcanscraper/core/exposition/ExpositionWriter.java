package io.github.vulcanscraper.core.exposition;

import io.github.vulcanscraper.api.Exemplar;
import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.MetricType;
import io.github.vulcanscraper.api.Sample;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes metric families in the Prometheus text format 0.0.4 or in OpenMetrics 1.0, what {@link
 * ExpositionParser} reads: timestamps when samples have them (milliseconds in the text format,
 * seconds with a fraction in OpenMetrics), exemplars and units in OpenMetrics, {@code # EOF} at the
 * end of OpenMetrics, escaped label values and help, and values formatted as Go's Prometheus
 * libraries format them ({@code +Inf}, {@code -Inf}, {@code NaN}, {@code 1.5e+06}, the shortest
 * decimal that reads back as the same double).
 *
 * <pre>{@code
 * ExpositionWriter writer = ExpositionWriter.of(ExpositionFormat.PROMETHEUS_TEXT);
 * byte[] body = writer.toByteArray(families);
 * }</pre>
 *
 * <p>Reading back what was written gives the same families for anything the format can hold. The
 * text format holds no units, no exemplars and only the types counter, gauge, histogram, summary
 * and untyped; a family of another model shape is written the way Prometheus clients write it (an
 * OpenMetrics counter {@code foo} as {@code foo_total} of type counter, its {@code _created}
 * samples as a gauge of their own, info and stateset as gauges, a gauge histogram as a histogram),
 * so its samples read back unchanged but its family may not. The text format has no way to write
 * help text made only of blanks. OpenMetrics output is valid OpenMetrics when the families follow
 * OpenMetrics' rules, as families parsed from OpenMetrics do.
 *
 * <p>Immutable and thread-safe.
 */
public final class ExpositionWriter {
  private static final ExpositionWriter TEXT = new ExpositionWriter(false);
  private static final ExpositionWriter OPENMETRICS = new ExpositionWriter(true);

  private final boolean openMetrics;

  private ExpositionWriter(boolean openMetrics) {
    this.openMetrics = openMetrics;
  }

  /**
   * The writer for {@code format}.
   *
   * @param format the format to write; not null
   * @return the shared writer for this format
   */
  public static ExpositionWriter of(ExpositionFormat format) {
    Objects.requireNonNull(format, "format");
    return format == ExpositionFormat.OPENMETRICS_TEXT ? OPENMETRICS : TEXT;
  }

  /**
   * The format this writer writes; its {@link ExpositionFormat#contentType()} labels the output.
   *
   * @return the format
   */
  public ExpositionFormat format() {
    return openMetrics ? ExpositionFormat.OPENMETRICS_TEXT : ExpositionFormat.PROMETHEUS_TEXT;
  }

  /**
   * Writes {@code families} to {@code out}, family by family.
   *
   * @param families the families, written in list order
   * @param out where the text goes; not flushed nor closed
   * @throws IOException when {@code out} throws it
   */
  public void write(List<MetricFamily> families, Appendable out) throws IOException {
    StringBuilder sb = new StringBuilder(4096);
    for (MetricFamily family : families) {
      writeFamily(family, "", sb);
      out.append(sb);
      sb.setLength(0);
    }
    if (openMetrics) {
      out.append("# EOF\n");
    }
  }

  private void writeFamily(MetricFamily family, String stamp, StringBuilder sb) {
    if (openMetrics) {
      writeOpenMetrics(family, stamp, sb);
    } else {
      writeText(family, stamp, sb);
    }
  }

  /**
   * What follows the value of a sample without a timestamp: the default timestamp with its blank,
   * written once per body rather than once per sample; empty for none.
   */
  private String stamp(long defaultTimestamp) {
    if (defaultTimestamp == Sample.NO_TIMESTAMP) {
      return "";
    }
    StringBuilder sb = new StringBuilder(" ");
    if (openMetrics) {
      seconds(defaultTimestamp, sb);
    } else {
      sb.append(defaultTimestamp);
    }
    return sb.toString();
  }

  /**
   * Writes {@code families} to {@code out} in UTF-8; flushes but does not close {@code out}.
   *
   * @param families the families, written in list order
   * @param out where the bytes go
   * @throws IOException when {@code out} throws it
   */
  public void write(List<MetricFamily> families, OutputStream out) throws IOException {
    Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
    write(families, w);
    w.flush();
  }

  /**
   * The families written as UTF-8 bytes.
   *
   * @param families the families, written in list order
   * @return the exposition body, UTF-8
   */
  public byte[] toByteArray(List<MetricFamily> families) {
    return toByteArray(families, Sample.NO_TIMESTAMP);
  }

  /**
   * The families written as UTF-8 bytes, every sample without a timestamp written with {@code
   * defaultTimestampMillis} (none when it is {@link Sample#NO_TIMESTAMP}): what a scrape's samples
   * read as once the scrape's own time is theirs, without copying a sample to say so.
   *
   * @param families the families, written in list order
   * @param defaultTimestampMillis the timestamp of samples without one, in milliseconds since the
   *     epoch, or {@link Sample#NO_TIMESTAMP}
   * @return the exposition body, UTF-8
   */
  public byte[] toByteArray(List<MetricFamily> families, long defaultTimestampMillis) {
    int samples = 0;
    for (MetricFamily family : families) {
      samples += family.samples().size();
    }
    StringBuilder sb = new StringBuilder(families.size() * 64 + samples * 128);
    String stamp = stamp(defaultTimestampMillis);
    for (MetricFamily family : families) {
      writeFamily(family, stamp, sb);
    }
    if (openMetrics) {
      sb.append("# EOF\n");
    }
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  // ---- OpenMetrics

  private static void writeOpenMetrics(MetricFamily family, String stamp, StringBuilder sb) {
    String name = family.name();
    sb.append("# TYPE ").append(name).append(' ').append(family.type().text()).append('\n');
    if (!family.unit().isEmpty()) {
      sb.append("# UNIT ").append(name).append(' ').append(family.unit()).append('\n');
    }
    if (!family.help().isEmpty()) {
      sb.append("# HELP ").append(name).append(' ');
      escape(family.help(), true, sb);
      sb.append('\n');
    }
    for (Sample s : family.samples()) {
      sb.append(s.name());
      labels(s.labels(), sb);
      sb.append(' ');
      GoFloat.append(s.value(), sb);
      if (s.hasTimestamp()) {
        sb.append(' ');
        seconds(s.timestampMillis(), sb);
      } else {
        sb.append(stamp);
      }
      Exemplar e = s.exemplar();
      if (e != null) {
        sb.append(" # ");
        if (e.labels().isEmpty()) {
          sb.append("{}");
        } else {
          labels(e.labels(), sb);
        }
        sb.append(' ');
        GoFloat.append(e.value(), sb);
        if (e.hasTimestamp()) {
          sb.append(' ');
          seconds(e.timestampMillis(), sb);
        }
      }
      sb.append('\n');
    }
  }

  /** Milliseconds as exact seconds: {@code 1.5}, {@code 1700000000}, {@code -0.001}. */
  static void seconds(long millis, StringBuilder sb) {
    if (millis < 0) {
      sb.append('-');
    }
    long abs = Math.abs(millis); // Long.MIN_VALUE is NO_TIMESTAMP and never written.
    sb.append(abs / 1000);
    int ms = (int) (abs % 1000);
    if (ms != 0) {
      sb.append('.');
      sb.append((char) ('0' + ms / 100));
      if (ms % 100 != 0) {
        sb.append((char) ('0' + ms / 10 % 10));
        if (ms % 10 != 0) {
          sb.append((char) ('0' + ms % 10));
        }
      }
    }
  }

  // ---- Prometheus text 0.0.4

  private static void writeText(MetricFamily family, String stamp, StringBuilder sb) {
    String name = family.name();
    MetricType type = family.type();
    String metaName = name;
    if (type == MetricType.COUNTER || type == MetricType.INFO) {
      String suffixed = name + (type == MetricType.COUNTER ? "_total" : "_info");
      for (Sample s : family.samples()) {
        if (s.name().equals(suffixed)) {
          metaName = suffixed;
          break;
        }
      }
    }
    // Samples the 0.0.4 family takes first; others (such as _created) as families of their own.
    Map<String, List<Sample>> others = new LinkedHashMap<>();
    List<Sample> own = new ArrayList<>(family.samples().size());
    for (Sample s : family.samples()) {
      if (belongs(s.name(), metaName, type)) {
        own.add(s);
      } else {
        others.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
      }
    }
    textHeader(metaName, textType(type), family.help(), sb);
    for (Sample s : own) {
      textSample(s, stamp, sb);
    }
    String otherType = type == MetricType.UNKNOWN ? "untyped" : "gauge";
    for (Map.Entry<String, List<Sample>> e : others.entrySet()) {
      textHeader(e.getKey(), otherType, family.help(), sb);
      for (Sample s : e.getValue()) {
        textSample(s, stamp, sb);
      }
    }
  }

  private static boolean belongs(String sampleName, String metaName, MetricType type) {
    if (sampleName.equals(metaName)) {
      return true;
    }
    if (!sampleName.startsWith(metaName)) {
      return false;
    }
    String suffix = sampleName.substring(metaName.length());
    switch (type) {
      case HISTOGRAM:
        return suffix.equals("_bucket") || suffix.equals("_sum") || suffix.equals("_count");
      case GAUGE_HISTOGRAM:
        return suffix.equals("_bucket");
      case SUMMARY:
        return suffix.equals("_sum") || suffix.equals("_count");
      default:
        return false;
    }
  }

  private static String textType(MetricType type) {
    switch (type) {
      case COUNTER:
        return "counter";
      case HISTOGRAM:
      case GAUGE_HISTOGRAM:
        return "histogram";
      case SUMMARY:
        return "summary";
      case UNKNOWN:
        return "untyped";
      default:
        return "gauge";
    }
  }

  private static void textHeader(String name, String type, String help, StringBuilder sb) {
    if (!help.isEmpty()) {
      sb.append("# HELP ").append(name).append(' ');
      escape(help, false, sb);
      sb.append('\n');
    }
    sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void textSample(Sample s, String stamp, StringBuilder sb) {
    sb.append(s.name());
    labels(s.labels(), sb);
    sb.append(' ');
    GoFloat.append(s.value(), sb);
    if (s.hasTimestamp()) {
      sb.append(' ').append(s.timestampMillis());
    } else {
      sb.append(stamp);
    }
    sb.append('\n');
  }

  // ---- Both

  /** Nothing for no labels; else {@link Labels#toString()}, which escapes as both formats do. */
  private static void labels(Labels labels, StringBuilder sb) {
    if (!labels.isEmpty()) {
      sb.append(labels.toString());
    }
  }

  /** Escapes backslash and newline, and the double quote when {@code quote}. */
  private static void escape(String s, boolean quote, StringBuilder sb) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\') {
        sb.append("\\\\");
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '"' && quote) {
        sb.append("\\\"");
      } else {
        sb.append(c);
      }
    }
  }
}
