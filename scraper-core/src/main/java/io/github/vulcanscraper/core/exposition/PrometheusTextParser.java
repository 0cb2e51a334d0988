package io.github.vulcanscraper.core.exposition;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.MetricType;
import io.github.vulcanscraper.api.Sample;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The Prometheus text format 0.0.4, accepted exactly as leniently as the Prometheus server's scrape
 * parser ({@code textparse.PromParser}) accepts it: no trailing newline needed, blanks before a
 * line and between tokens, a space between the metric name and its braces, labels without commas
 * and a trailing comma, raw newlines and NUL bytes inside label values, a NUL byte at the start of
 * a line ending the body, any comment, {@code HELP} and {@code TYPE} anywhere and any number of
 * times. Two additions, as Go's {@code expfmt} reads them and the server's lexer does not: a
 * negative timestamp (the format's own documentation shows one), and {@code # HELP} or {@code #
 * TYPE} with nothing after it, read as a comment. Names must be classic ones ({@code
 * [a-zA-Z_:][a-zA-Z0-9_:]*}) even when quoted, as the model holds no others. Families are formed as
 * the metadata and the sample names say ({@code foo_bucket} belongs to the histogram {@code foo});
 * a sample of no declared family makes an {@code unknown} family of its own name.
 *
 * <p>Design, for speed: one pass over the bytes with a hand-written scanner, no regex and no {@code
 * String} per token. Metric and label names and label values go through per-parser {@link
 * NameTable}s keyed by their raw bytes, so a name or value seen before (in this body or an earlier
 * one) costs a hash and a byte compare and no allocation, and one that the last few metric names or
 * the previous label set repeat at the same place costs the byte compare alone ({@link
 * RecentNames}, {@link PreviousLabels}); label values without escapes decode straight from the
 * bytes (Latin-1 copy for ASCII). Plain decimal values ({@code 42}, {@code 0.25}) are converted in
 * the pass that finds their end, others without a {@code String}. Per sample what remains is the
 * {@link Labels} (its values, and its names unless the set before had the same) and the {@link
 * Sample}. {@code ParserBenchmark} is the reference for the figures (BENCHMARKS.md). Not
 * thread-safe.
 */
final class PrometheusTextParser extends ExpositionScanner implements ExpositionParser {
  private final HashMap<String, Family> byName = new HashMap<>();
  private final ArrayList<Family> order = new ArrayList<>();
  // Per family name, how many samples it had in the last body, to size its list: family names
  // repeat every scrape.
  private final HashMap<String, Integer> lastSampleCounts = new HashMap<>();
  private @Nullable Family current;
  private boolean retain;
  private long sampleCount;

  @Override
  public ExpositionFormat format() {
    return ExpositionFormat.PROMETHEUS_TEXT;
  }

  @Override
  public List<MetricFamily> parse(byte[] body, int offset, int length) throws ExpositionException {
    try {
      run(body, offset, length, true);
      List<MetricFamily> result = new ArrayList<>(order.size());
      if (lastSampleCounts.size() + order.size() > MAX_REMEMBERED_FAMILIES) {
        lastSampleCounts.clear();
      }
      for (Family f : order) {
        result.add(MetricFamily.of(f.name, f.type, f.help, "", f.samples));
        lastSampleCounts.put(f.name, Math.min(f.samples.size(), MAX_PRESIZED));
      }
      return Collections.unmodifiableList(result);
    } finally {
      clear();
    }
  }

  @Override
  public List<MetricFamily> parse(byte[] body, int offset, int length, SeriesCache seriesCache)
      throws ExpositionException {
    return withCache(seriesCache, format(), () -> parse(body, offset, length));
  }

  /** Validates the body as {@link #parse} does, counting instead of keeping the samples. */
  ExpositionStats check(byte[] body, int offset, int length) throws ExpositionException {
    try {
      run(body, offset, length, false);
      return new ExpositionStats(order.size(), sampleCount);
    } finally {
      clear();
    }
  }

  private void clear() {
    release();
    byName.clear();
    order.clear();
    current = null;
    labels.clear();
  }

  private void run(byte[] body, int offset, int length, boolean retainSamples)
      throws ExpositionException {
    reset(body, offset, length);
    retain = retainSamples;
    sampleCount = 0;
    while (true) {
      skipBlanks();
      if (pos >= end) {
        return;
      }
      int c = buf[pos] & 0xff;
      if (c == '\n') {
        newline();
      } else if (c == 0) {
        return; // The Prometheus lexer reads a NUL at the start of a line as the end of input.
      } else if (c == '#') {
        if (!comment()) {
          return;
        }
      } else if (c == '{') {
        sample(pos, null);
      } else if ((CLASS[c] & METRIC_START) != 0) {
        int start = pos;
        sample(start, metricName());
      } else {
        throw error(pos, "expected a metric name, a comment or a blank line, got " + describe(pos));
      }
    }
  }

  private void skipBlanks() {
    while (pos < end && (buf[pos] == ' ' || buf[pos] == '\t')) {
      pos++;
    }
  }

  private void newline() {
    pos++;
    line++;
    lineStart = pos;
  }

  /** At the end of a line or of the body: consumes the newline. */
  private void endOfLine(String expected) throws ExpositionException {
    if (pos < end) {
      if (buf[pos] != '\n') {
        throw error(pos, expected + ", got " + describe(pos));
      }
      newline();
    }
  }

  /** A comment, HELP or TYPE line; false when a NUL byte ended the body, as in Prometheus. */
  private boolean comment() throws ExpositionException {
    pos++;
    if (pos < end && (buf[pos] == ' ' || buf[pos] == '\t')) {
      skipBlanks();
      if (pos < end && buf[pos] == 0) {
        return false;
      }
      boolean help = keyword("HELP");
      if (help || keyword("TYPE")) {
        metadata(help);
        return true;
      }
      while (pos < end && buf[pos] != '\n') {
        pos++;
      }
    } else {
      while (pos < end && buf[pos] != '\n') {
        if (buf[pos] == 0) {
          return false;
        }
        pos++;
      }
    }
    endOfLine("expected end of line");
    return true;
  }

  /** True, having consumed it and the blanks after it, when {@code word} and a blank follow. */
  private boolean keyword(String word) {
    int n = word.length();
    if (pos + n >= end || !regionEquals(pos, pos + n, word)) {
      return false;
    }
    byte after = buf[pos + n];
    if (after != ' ' && after != '\t') {
      return false;
    }
    pos += n;
    skipBlanks();
    return true;
  }

  private void metadata(boolean help) throws ExpositionException {
    String what = help ? "HELP" : "TYPE";
    String name;
    if (pos >= end || buf[pos] == '\n') {
      // "# HELP " with nothing after it: a comment, as Go's expfmt reads it.
      endOfLine("expected end of line");
      return;
    } else if (buf[pos] == '"') {
      name = quotedName(true, "metric name after " + what);
    } else if ((CLASS[buf[pos] & 0xff] & METRIC_START) != 0) {
      name = metricName();
    } else {
      throw error(pos, "expected metric name after " + what + ", got " + describe(pos));
    }
    int restStart = pos;
    if (pos < end && buf[pos] == 0) {
      throw error(pos, "expected end of line after metadata, got " + describe(pos));
    }
    boolean blank = true;
    while (pos < end && buf[pos] != '\n') {
      byte b = buf[pos];
      if (b != ' ' && b != '\t' && b != 0) {
        blank = false;
      }
      pos++;
    }
    // As Prometheus: the text is the rest of the line without its first byte (the separator).
    int textStart = blank ? pos : Math.min(restStart + 1, pos);
    Family f = metadataFamily(name);
    if (help) {
      f.help = helpText(textStart, pos, false);
    } else {
      f.type = type(textStart, pos);
    }
    endOfLine("expected end of line after metadata");
  }

  private MetricType type(int start, int stop) throws ExpositionException {
    if (regionEquals(start, stop, "counter")) {
      return MetricType.COUNTER;
    } else if (regionEquals(start, stop, "gauge")) {
      return MetricType.GAUGE;
    } else if (regionEquals(start, stop, "histogram")) {
      return MetricType.HISTOGRAM;
    } else if (regionEquals(start, stop, "summary")) {
      return MetricType.SUMMARY;
    } else if (regionEquals(start, stop, "untyped")) {
      return MetricType.UNKNOWN;
    }
    throw error(
        start,
        "invalid metric type \""
            + ascii(start, stop)
            + "\", expected counter, gauge, histogram, summary or untyped");
  }

  /**
   * A quoted name as Prometheus' UTF-8 name syntax allows. The model holds classic names only, so
   * the content must be one.
   */
  private String quotedName(boolean metric, String what) throws ExpositionException {
    int open = pos;
    pos++;
    int start = pos;
    while (true) {
      if (pos >= end) {
        throw error(open, "unterminated quoted " + what);
      }
      byte b = buf[pos];
      if (b == '"') {
        break;
      } else if (b == 0) {
        throw error(pos, "expected " + what + ", got " + describe(pos));
      } else if (b == '\\') {
        if (pos + 1 >= end || buf[pos + 1] == '\n' || buf[pos + 1] == 0) {
          throw error(pos, "invalid escape in quoted " + what);
        }
        pos++;
      } else if (b == '\n') {
        line++;
        lineStart = pos + 1;
      }
      pos++;
    }
    int stop = pos;
    pos++;
    int mask = metric ? METRIC_PART : LABEL_PART;
    int startMask = metric ? METRIC_START : LABEL_START;
    boolean valid = stop > start && (CLASS[buf[start] & 0xff] & startMask) != 0;
    int h = 0;
    for (int p = start; valid && p < stop; p++) {
      valid = (CLASS[buf[p] & 0xff] & mask) != 0;
      h = 31 * h + (buf[p] & 0xff);
    }
    if (!valid) {
      throw error(
          start,
          "unsupported " + what + " \"" + ascii(start, stop) + "\": only [a-zA-Z_:][a-zA-Z0-9_:]*");
    }
    return names.ascii(buf, start, stop - start, h);
  }

  private void sample(int seriesStart, @Nullable String metricName) throws ExpositionException {
    @Nullable String name = metricName;
    labels.clear();
    skipBlanks();
    Labels built = Labels.EMPTY;
    if (pos < end && buf[pos] == '{') {
      int open = pos;
      SeriesCache.Series known = name == null ? null : cachedSeries(seriesStart, open);
      if (known != null) {
        name = known.name;
        built = known.labels;
        pos = known.key.length + seriesStart;
      } else {
        pos++;
        name = labelSet(name);
        try {
          built = labels.build();
        } catch (IllegalArgumentException e) {
          throw error(open, String.valueOf(e.getMessage()));
        }
        if (name != null && metricName != null) {
          rememberSeries(seriesStart, name, built);
        }
      }
      skipBlanks();
    }
    if (name == null) {
      throw error(pos, "metric name not set");
    }
    int valueStart = pos;
    double value = plainNumber(valueStart);
    if (!Double.isNaN(value) && (plainEnd == end || !isValueByte(buf[plainEnd]))) {
      pos = plainEnd;
    } else {
      while (pos < end && isValueByte(buf[pos])) {
        pos++;
      }
      if (valueStart == pos) {
        throw error(pos, "expected value after metric, got " + describe(pos));
      }
      value = parseFloat(valueStart, pos, "value");
    }
    skipBlanks();
    long timestamp = Sample.NO_TIMESTAMP;
    if (pos < end && buf[pos] != '\n') {
      boolean sign = buf[pos] == '-' && pos + 1 < end;
      byte first = sign ? buf[pos + 1] : buf[pos];
      if (first < '0' || first > '9') {
        throw error(pos, "expected timestamp or end of line, got " + describe(pos));
      }
      timestamp = timestampMillis();
      skipBlanks();
      endOfLine("expected end of line after timestamp");
    } else {
      endOfLine("expected end of line");
    }
    Family f = familyFor(name);
    if (retain) {
      f.samples.add(Sample.of(name, built, value, timestamp));
    }
    sampleCount++;
  }

  private static boolean isValueByte(byte b) {
    return b != ' ' && b != '\t' && b != '\n' && b != '{' && b != 0;
  }

  private long timestampMillis() throws ExpositionException {
    int start = pos;
    boolean negative = buf[pos] == '-';
    if (negative) {
      pos++;
    }
    long ts = 0;
    while (pos < end && buf[pos] >= '0' && buf[pos] <= '9') {
      int d = buf[pos] - '0';
      if (ts > (Long.MAX_VALUE - d) / 10) {
        throw error(start, "timestamp out of range");
      }
      ts = ts * 10 + d;
      pos++;
    }
    return negative ? -ts : ts;
  }

  /** The labels after '{' up to and including '}'; returns the metric name (maybe quoted here). */
  private @Nullable String labelSet(@Nullable String metricName) throws ExpositionException {
    @Nullable String name = metricName;
    int position = repeatedLabels(labels);
    if (position < 0) {
      return name;
    }
    while (true) {
      skipBlanks();
      if (pos >= end) {
        throw error(pos, "expected label name or '}', got end of input");
      }
      int c = buf[pos] & 0xff;
      if (c == '}') {
        pos++;
        return name;
      }
      int nameStart = pos;
      String labelName;
      boolean plain = true;
      if (c == '"') {
        // A quoted string followed by ',' or '}' is the metric name; otherwise a label name.
        int save = pos;
        int saveLine = line;
        int saveLineStart = lineStart;
        String q = quotedName(true, "metric name");
        skipBlanks();
        if (pos < end && (buf[pos] == ',' || buf[pos] == '}')) {
          previous.notRepeatable();
          if (name != null) {
            throw error(nameStart, "metric name already set");
          }
          name = q;
          if (buf[pos] == ',') {
            pos++;
          }
          continue;
        }
        pos = save;
        line = saveLine;
        lineStart = saveLineStart;
        labelName = quotedName(false, "label name");
        plain = false;
        skipBlanks();
      } else if ((CLASS[c] & LABEL_START) != 0) {
        labelName = labelName(position);
        skipBlanks();
      } else {
        throw error(pos, "expected label name, got " + describe(pos));
      }
      if (pos >= end || buf[pos] != '=') {
        throw error(pos, "expected '=' after label name, got " + describe(pos));
      }
      pos++;
      skipBlanks();
      if (pos >= end || buf[pos] != '"') {
        throw error(pos, "expected label value, got " + describe(pos));
      }
      int valueLine = line;
      String value = quotedValue(position);
      if ("__name__".equals(labelName)) {
        throw error(nameStart, "label __name__ is not allowed: the metric name is the sample's");
      }
      labels.add(labelName, value);
      // A raw newline in the value moved the line: reading it again is not only taking it.
      plain &= line == valueLine;
      skipBlanks();
      if (pos < end && buf[pos] == ',') {
        pos++;
        previous.labelEnded(position, pos, plain);
      } else if (pos < end && buf[pos] == '}') {
        pos++;
        previous.labelEnded(position, pos, plain);
        return name;
      } else {
        // No separator: where the label ended was decided by the byte after it.
        previous.notRepeatable();
      }
      position++;
    }
  }

  /**
   * A quoted label value at {@code pos} as the {@code position}-th label of its set; raw newlines
   * and NUL bytes are allowed, as Prometheus does. The value at that position in the previous set
   * is tried first (values with raw newlines are not remembered: they move the line count).
   */
  private String quotedValue(int position) throws ExpositionException {
    String known = previous.value(buf, pos + 1, end, position);
    if (known != null) {
      pos += previous.valueLength(position) + 2;
      return known;
    }
    int open = pos;
    int openLine = line;
    int openLineStart = lineStart;
    int start = ++pos;
    int h = 0;
    boolean nonAscii = false;
    boolean escaped = false;
    boolean newline = false;
    byte[] b = buf;
    int p = start;
    while (true) {
      if (p >= end) {
        line = openLine;
        lineStart = openLineStart;
        throw error(open, "unterminated label value");
      }
      byte c = b[p];
      if (c == '"') {
        break;
      }
      if (c == '\\') {
        escaped = true;
        if (p + 1 >= end || b[p + 1] == '\n') {
          pos = p;
          throw error(p, "invalid escape in label value");
        }
        h = 31 * h + c;
        c = b[++p];
      } else if (c == '\n') {
        line++;
        lineStart = p + 1;
        newline = true;
      }
      if (c < 0) {
        nonAscii = true;
      }
      h = 31 * h + (c & 0xff);
      p++;
    }
    pos = p + 1;
    String value = labelValue(start, p, h, nonAscii, escaped);
    if (!newline) {
      previous.rememberValue(position, start, p, value);
    }
    return value;
  }

  private Family metadataFamily(String name) {
    Family f = byName.get(name);
    if (f == null) {
      f = newFamily(name);
    }
    current = f;
    return f;
  }

  /** A family of unknown type met for the first time in this body, sized as in the last one. */
  private Family newFamily(String name) {
    Family f =
        new Family(name, MetricType.UNKNOWN, lastSampleCounts.getOrDefault(name, FIRST_PRESIZED));
    byName.put(name, f);
    order.add(f);
    return f;
  }

  private Family familyFor(String sampleName) {
    Family f = current;
    if (f != null && f.accepts(sampleName)) {
      return f;
    }
    f = byName.get(sampleName);
    if (f == null) {
      String base = baseName(sampleName);
      if (base != null) {
        Family b = byName.get(base);
        if (b != null && b.accepts(sampleName)) {
          f = b;
        }
      }
    }
    if (f == null) {
      f = newFamily(sampleName);
    }
    current = f;
    return f;
  }

  private static @Nullable String baseName(String sampleName) {
    for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
      if (sampleName.endsWith(suffix) && sampleName.length() > suffix.length()) {
        return sampleName.substring(0, sampleName.length() - suffix.length());
      }
    }
    return null;
  }

  /** A family being collected. */
  private static final class Family {
    final String name;
    MetricType type;
    String help = "";
    final ArrayList<Sample> samples;
    private @Nullable String lastAccepted;

    /** A family expected to have about {@code expectedSamples} samples. */
    Family(String name, MetricType type, int expectedSamples) {
      this.name = name;
      this.type = type;
      samples = new ArrayList<>(expectedSamples);
    }

    boolean accepts(String sampleName) {
      if (sampleName == lastAccepted || sampleName.equals(name)) {
        lastAccepted = sampleName;
        return true;
      }
      boolean ok;
      if (type == MetricType.HISTOGRAM) {
        ok =
            hasSuffix(sampleName, "_bucket")
                || hasSuffix(sampleName, "_sum")
                || hasSuffix(sampleName, "_count");
      } else if (type == MetricType.SUMMARY) {
        ok = hasSuffix(sampleName, "_sum") || hasSuffix(sampleName, "_count");
      } else {
        ok = false;
      }
      if (ok) {
        lastAccepted = sampleName;
      }
      return ok;
    }

    private boolean hasSuffix(String sampleName, String suffix) {
      return sampleName.length() == name.length() + suffix.length()
          && sampleName.startsWith(name)
          && sampleName.endsWith(suffix);
    }
  }
}
