package io.github.vulcanscraper.core.exposition;

import io.github.vulcanscraper.api.Exemplar;
import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.MetricType;
import io.github.vulcanscraper.api.Sample;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
 *
 * <p>Design: a body is written as UTF-8 straight into a growable byte array ({@link ByteSink}) that
 * the thread keeps for its next body, and copied once into the array returned; a label set's text
 * is the one {@link Labels} caches. A family whose samples all go under its 0.0.4 header, the
 * common case, is written without allocating; values are formatted by {@link GoFloat}'s fast paths.
 */
public final class ExpositionWriter {
  private static final ExpositionWriter TEXT = new ExpositionWriter(false);
  private static final ExpositionWriter OPENMETRICS = new ExpositionWriter(true);
  private static final byte[] NO_STAMP = new byte[0];

  /** A sink that grew past this is not kept for the thread's next body. */
  private static final int MAX_KEPT_BYTES = 1 << 20;

  /**
   * Each thread's sink, kept between bodies so that a body is not written into a fresh array
   * (zeroing 64 KiB took about a sixth of the time of writing a 500-sample body); empty while in
   * use, so a nested call takes a new one.
   */
  private static final ThreadLocal<@Nullable ByteSink> SPARE_SINK = new ThreadLocal<>();

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
   * Writes {@code families} to {@code out}, family by family. The text is what {@link
   * #toByteArray(List)} encodes: a lone surrogate, which UTF-8 cannot hold, is written as {@code
   * ?}.
   *
   * @param families the families, written in list order
   * @param out where the text goes; not flushed nor closed
   * @throws IOException when {@code out} throws it
   */
  public void write(List<MetricFamily> families, Appendable out) throws IOException {
    ByteSink sink = new ByteSink(4096);
    for (MetricFamily family : families) {
      writeFamily(family, NO_STAMP, sink);
      out.append(sink.toString());
      sink.reset();
    }
    if (openMetrics) {
      out.append("# EOF\n");
    }
  }

  /**
   * Writes {@code families} to {@code out} in UTF-8; flushes but does not close {@code out}.
   *
   * @param families the families, written in list order
   * @param out where the bytes go
   * @throws IOException when {@code out} throws it
   */
  public void write(List<MetricFamily> families, OutputStream out) throws IOException {
    ByteSink sink = new ByteSink(4096);
    for (MetricFamily family : families) {
      writeFamily(family, NO_STAMP, sink);
      sink.writeTo(out);
      sink.reset();
    }
    if (openMetrics) {
      sink.writeUtf8("# EOF\n");
      sink.writeTo(out);
    }
    out.flush();
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
    ByteSink sink = SPARE_SINK.get();
    if (sink == null) {
      int samples = 0;
      for (MetricFamily family : families) {
        samples += family.samples().size();
      }
      sink = new ByteSink(families.size() * 64 + samples * 128);
    } else {
      SPARE_SINK.set(null);
    }
    try {
      byte[] stamp = stamp(defaultTimestampMillis);
      for (MetricFamily family : families) {
        writeFamily(family, stamp, sink);
      }
      if (openMetrics) {
        sink.writeUtf8("# EOF\n");
      }
      return sink.toByteArray();
    } finally {
      if (sink.capacity() <= MAX_KEPT_BYTES) {
        sink.reset();
        SPARE_SINK.set(sink);
      }
    }
  }

  /**
   * What follows the value of a sample without a timestamp: the default timestamp with its blank,
   * made once per body rather than once per sample; empty for none.
   */
  private byte[] stamp(long defaultTimestamp) {
    if (defaultTimestamp == Sample.NO_TIMESTAMP) {
      return NO_STAMP;
    }
    ByteSink sink = new ByteSink(24);
    sink.writeAscii(' ');
    if (openMetrics) {
      seconds(defaultTimestamp, sink);
    } else {
      sink.writeLong(defaultTimestamp);
    }
    return sink.toByteArray();
  }

  private void writeFamily(MetricFamily family, byte[] stamp, ByteSink out) {
    if (openMetrics) {
      writeOpenMetrics(family, stamp, out);
    } else {
      writeText(family, stamp, out);
    }
  }

  // ---- OpenMetrics

  private static void writeOpenMetrics(MetricFamily family, byte[] stamp, ByteSink out) {
    String name = family.name();
    out.writeUtf8("# TYPE ");
    out.writeUtf8(name);
    out.writeAscii(' ');
    out.writeUtf8(family.type().text());
    out.writeAscii('\n');
    if (!family.unit().isEmpty()) {
      out.writeUtf8("# UNIT ");
      out.writeUtf8(name);
      out.writeAscii(' ');
      out.writeUtf8(family.unit());
      out.writeAscii('\n');
    }
    if (!family.help().isEmpty()) {
      out.writeUtf8("# HELP ");
      out.writeUtf8(name);
      out.writeAscii(' ');
      escape(family.help(), true, out);
      out.writeAscii('\n');
    }
    for (Sample s : family.samples()) {
      seriesAndValue(s, out);
      if (s.hasTimestamp()) {
        out.writeAscii(' ');
        seconds(s.timestampMillis(), out);
      } else {
        out.write(stamp);
      }
      Exemplar e = s.exemplar();
      if (e != null) {
        out.writeUtf8(" # ");
        if (e.labels().isEmpty()) {
          out.writeUtf8("{}");
        } else {
          labels(e.labels(), out);
        }
        out.writeAscii(' ');
        GoFloat.append(e.value(), out);
        if (e.hasTimestamp()) {
          out.writeAscii(' ');
          seconds(e.timestampMillis(), out);
        }
      }
      out.writeAscii('\n');
    }
  }

  /** Milliseconds as exact seconds: {@code 1.5}, {@code 1700000000}, {@code -0.001}. */
  static void seconds(long millis, ByteSink out) {
    if (millis < 0) {
      out.writeAscii('-');
    }
    long abs = Math.abs(millis); // Long.MIN_VALUE is NO_TIMESTAMP and never written.
    out.writeLong(abs / 1000);
    int ms = (int) (abs % 1000);
    if (ms != 0) {
      out.writeAscii('.');
      out.writeAscii((char) ('0' + ms / 100));
      if (ms % 100 != 0) {
        out.writeAscii((char) ('0' + ms / 10 % 10));
        if (ms % 10 != 0) {
          out.writeAscii((char) ('0' + ms % 10));
        }
      }
    }
  }

  // ---- Prometheus text 0.0.4

  private static void writeText(MetricFamily family, byte[] stamp, ByteSink out) {
    List<Sample> samples = family.samples();
    MetricType type = family.type();
    String metaName = metaName(family);
    boolean allBelong = true;
    for (int i = 0; i < samples.size() && allBelong; i++) {
      allBelong = belongs(samples.get(i).name(), metaName, type);
    }
    if (allBelong) {
      textHeader(metaName, textType(type), family.help(), out);
      for (int i = 0; i < samples.size(); i++) {
        textSample(samples.get(i), stamp, out);
      }
    } else {
      writeSplit(family, metaName, stamp, out);
    }
  }

  /**
   * The name of the 0.0.4 family: a counter's or info's samples name it with the suffix ({@code
   * foo_total}, {@code foo_info}) when one of them has it, as Prometheus clients write them.
   */
  private static String metaName(MetricFamily family) {
    String name = family.name();
    MetricType type = family.type();
    if (type == MetricType.COUNTER || type == MetricType.INFO) {
      String suffix = type == MetricType.COUNTER ? "_total" : "_info";
      for (Sample s : family.samples()) {
        if (hasSuffix(s.name(), name, suffix)) {
          return s.name();
        }
      }
    }
    return name;
  }

  /**
   * The family's samples the 0.0.4 family takes first; the others (such as {@code _created}) as
   * families of their own, in the order their names first appear.
   */
  private static void writeSplit(MetricFamily family, String metaName, byte[] stamp, ByteSink out) {
    MetricType type = family.type();
    Map<String, List<Sample>> others = new LinkedHashMap<>();
    List<Sample> own = new ArrayList<>(family.samples().size());
    for (Sample s : family.samples()) {
      if (belongs(s.name(), metaName, type)) {
        own.add(s);
      } else {
        others.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
      }
    }
    textHeader(metaName, textType(type), family.help(), out);
    for (Sample s : own) {
      textSample(s, stamp, out);
    }
    String otherType = type == MetricType.UNKNOWN ? "untyped" : "gauge";
    for (Map.Entry<String, List<Sample>> e : others.entrySet()) {
      textHeader(e.getKey(), otherType, family.help(), out);
      for (Sample s : e.getValue()) {
        textSample(s, stamp, out);
      }
    }
  }

  private static boolean belongs(String sampleName, String metaName, MetricType type) {
    if (sampleName.equals(metaName)) {
      return true;
    }
    switch (type) {
      case HISTOGRAM:
        return hasSuffix(sampleName, metaName, "_bucket")
            || hasSuffix(sampleName, metaName, "_sum")
            || hasSuffix(sampleName, metaName, "_count");
      case GAUGE_HISTOGRAM:
        return hasSuffix(sampleName, metaName, "_bucket");
      case SUMMARY:
        return hasSuffix(sampleName, metaName, "_sum") || hasSuffix(sampleName, metaName, "_count");
      default:
        return false;
    }
  }

  /** Whether {@code name} is {@code prefix} followed by {@code suffix}, without concatenating. */
  private static boolean hasSuffix(String name, String prefix, String suffix) {
    return name.length() == prefix.length() + suffix.length()
        && name.startsWith(prefix)
        && name.endsWith(suffix);
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

  private static void textHeader(String name, String type, String help, ByteSink out) {
    if (!help.isEmpty()) {
      out.writeUtf8("# HELP ");
      out.writeUtf8(name);
      out.writeAscii(' ');
      escape(help, false, out);
      out.writeAscii('\n');
    }
    out.writeUtf8("# TYPE ");
    out.writeUtf8(name);
    out.writeAscii(' ');
    out.writeUtf8(type);
    out.writeAscii('\n');
  }

  private static void textSample(Sample s, byte[] stamp, ByteSink out) {
    seriesAndValue(s, out);
    if (s.hasTimestamp()) {
      out.writeAscii(' ');
      out.writeLong(s.timestampMillis());
    } else {
      out.write(stamp);
    }
    out.writeAscii('\n');
  }

  // ---- Both

  /** The sample's name, labels, a space and its value: how a sample line starts in both formats. */
  private static void seriesAndValue(Sample s, ByteSink out) {
    out.writeUtf8(s.name());
    labels(s.labels(), out);
    out.writeAscii(' ');
    GoFloat.append(s.value(), out);
  }

  /** Nothing for no labels; else {@link Labels#toString()}, which escapes as both formats do. */
  private static void labels(Labels labels, ByteSink out) {
    if (!labels.isEmpty()) {
      out.writeUtf8(labels.toString());
    }
  }

  /** Escapes backslash and newline, and the double quote when {@code quote}. */
  private static void escape(String s, boolean quote, ByteSink out) {
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' || c == '\n' || (c == '"' && quote)) {
        out.writeUtf8(s, from, i);
        out.writeAscii('\\');
        out.writeAscii(c == '\n' ? 'n' : c);
        from = i + 1;
      }
    }
    out.writeUtf8(s, from, s.length());
  }
}
