package io.github.vulcanscraper.core.exposition;

import io.github.vulcanscraper.api.Exemplar;
import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.MetricType;
import io.github.vulcanscraper.api.Sample;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * OpenMetrics 1.0 text, exactly as strictly as the OpenMetrics test suite says: single spaces
 * between tokens, {@code # EOF} last, metadata ({@code HELP}, {@code TYPE}, {@code UNIT}) at most
 * once per family and before its samples, sample names as the type allows them ({@code _total},
 * {@code _created}, {@code _bucket}, {@code _gcount}...), a unit that is the name's suffix,
 * exemplars only on counter totals and histogram buckets with at most 128 characters of labels,
 * info values 1, stateset values 0 or 1, counter-like values neither negative nor NaN, histogram
 * buckets in {@code le} order ending in {@code +Inf} with {@code _count} equal to it, summary
 * quantiles in [0, 1], the samples of one label group together with timestamps that do not go back,
 * no series twice without timestamps, and no family name clashing with another's samples.
 * Timestamps are seconds with an optional fraction; they become milliseconds, truncated.
 *
 * <p>This class reads the syntax; {@link OpenMetricsFamily} holds the rules of a family's samples.
 *
 * <p>Design, for speed: as {@link PrometheusTextParser}, one pass over the bytes; a metric name,
 * label name or label value that the last few names or the previous label set repeat costs one
 * compare of bytes ({@link RecentNames}, {@link PreviousLabels}), others go through per-parser
 * intern tables; simple numbers are converted without a {@code String}. The family checks read the
 * grouping label ({@code le}, {@code quantile}, a state) once per sample and compare label sets in
 * place, by reference where the intern tables allow ({@code le} read from a body is the constant
 * {@code "le"}); the group key (the labels without that label) is allocated once per group, and the
 * groups seen go into an open-addressing set that allocates nothing per group. See {@code
 * ParserBenchmark} and BENCHMARKS.md for the figures. Not thread-safe.
 */
final class OpenMetricsParser extends ExpositionScanner implements ExpositionParser {
  private static final MetricType[] TYPES = MetricType.values();

  private final Labels.Builder exemplarLabels = Labels.builder();
  private final ArrayList<MetricFamily> out = new ArrayList<>();
  private final HashSet<String> seenNames = new HashSet<>();
  private boolean retain;
  private int familyCount;
  private long sampleCount;

  private final OpenMetricsFamily family = new OpenMetricsFamily(this);

  // The sample being read.
  private double value;
  private boolean hasTimestamp;
  private double timestampSeconds;
  private long timestampMillis;
  private @Nullable Exemplar exemplar;

  @Override
  public ExpositionFormat format() {
    return ExpositionFormat.OPENMETRICS_TEXT;
  }

  @Override
  public List<MetricFamily> parse(byte[] body, int offset, int length) throws ExpositionException {
    try {
      run(body, offset, length, true);
      return List.copyOf(out);
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
      return new ExpositionStats(familyCount, sampleCount);
    } finally {
      clear();
    }
  }

  private void clear() {
    release();
    out.clear();
    seenNames.clear();
    family.clear();
    labels.clear();
    exemplarLabels.clear();
  }

  private void run(byte[] body, int offset, int length, boolean retainSamples)
      throws ExpositionException {
    reset(body, offset, length);
    retain = retainSamples;
    familyCount = 0;
    sampleCount = 0;
    family.clear();
    while (true) {
      if (pos >= end) {
        throw error(pos, "expected \"# EOF\" as the last line");
      }
      byte c = buf[pos];
      if (c == '#') {
        if (eof()) {
          break;
        }
        metadata();
      } else if (c == '\n') {
        throw error(pos, "blank lines are not allowed");
      } else if ((CLASS[c & 0xff] & METRIC_START) != 0) {
        sample();
      } else {
        throw error(pos, "expected a metric name or '#', got " + describe(pos));
      }
    }
    finishFamily();
  }

  private void newline() {
    pos++;
    line++;
    lineStart = pos;
  }

  private void expect(char c, String what) throws ExpositionException {
    if (pos >= end || buf[pos] != c) {
      throw error(pos, "expected " + what + ", got " + describe(pos));
    }
    pos++;
  }

  /** True at a valid "# EOF" line ending the body. */
  private boolean eof() throws ExpositionException {
    if (pos + 5 > end || !regionEquals(pos, pos + 5, "# EOF")) {
      return false;
    }
    int after = pos + 5;
    if (after == end || (buf[after] == '\n' && after + 1 == end)) {
      pos = end;
      return true;
    }
    if (buf[after] == '\n') {
      pos = after;
      newline();
      throw error(pos, "nothing may follow \"# EOF\"");
    }
    throw error(after, "expected end of input after \"# EOF\", got " + describe(after));
  }

  private void metadata() throws ExpositionException {
    int hash = pos;
    if (pos + 7 > end || buf[pos + 1] != ' ') {
      throw error(hash, "expected \"# HELP\", \"# TYPE\", \"# UNIT\" or \"# EOF\"");
    }
    int kw = pos + 2;
    char kind;
    if (regionEquals(kw, kw + 5, "HELP ")) {
      kind = 'H';
    } else if (regionEquals(kw, kw + 5, "TYPE ")) {
      kind = 'T';
    } else if (regionEquals(kw, kw + 5, "UNIT ")) {
      kind = 'U';
    } else {
      throw error(hash, "expected \"# HELP\", \"# TYPE\", \"# UNIT\" or \"# EOF\"");
    }
    pos = kw + 5;
    if (pos >= end || (CLASS[buf[pos] & 0xff] & METRIC_START) == 0) {
      throw error(pos, "expected metric name, got " + describe(pos));
    }
    String metric = metricName();
    expect(' ', "' ' after the metric name");
    int textStart = pos;
    while (pos < end && buf[pos] != '\n') {
      pos++;
    }
    int textEnd = pos;
    if (pos >= end) {
      throw error(pos, "expected end of line");
    }
    if (!metric.equals(family.name)) {
      finishFamily();
      family.start(metric);
    } else if (family.sampleCount > 0) {
      throw error(hash, "metadata for " + metric + " after its samples");
    }
    if (kind == 'H') {
      if (family.help != null) {
        throw error(hash, "second HELP for " + metric);
      }
      family.help = helpText(textStart, textEnd, true);
    } else if (kind == 'T') {
      if (family.type != null) {
        throw error(hash, "second TYPE for " + metric);
      }
      family.type = type(textStart, textEnd);
    } else {
      if (family.unit != null) {
        throw error(hash, "second UNIT for " + metric);
      }
      family.unit = helpText(textStart, textEnd, false);
      family.unitLine = line;
    }
    newline();
  }

  private MetricType type(int start, int stop) throws ExpositionException {
    for (MetricType t : TYPES) {
      if (regionEquals(start, stop, t.text())) {
        return t;
      }
    }
    throw error(start, "invalid metric type \"" + ascii(start, stop) + "\"");
  }

  private void finishFamily() throws ExpositionException {
    if (family.name == null) {
      return;
    }
    MetricFamily f = family.finish(seenNames, retain);
    familyCount++;
    if (f != null) {
      out.add(f);
    }
  }

  private void sample() throws ExpositionException {
    int sampleStart = pos;
    String sampleName = metricName();
    labels.clear();
    SeriesCache.@Nullable Series known = null;
    int labelsEnd = -1;
    if (pos < end && buf[pos] == '{') {
      known = cachedSeries(sampleStart, pos);
      if (known != null) {
        sampleName = known.name;
        pos = sampleStart + known.key.length;
      } else {
        pos++;
        labelSet(labels, false);
        labelsEnd = pos;
      }
    }
    expect(' ', "' ' before the value");
    int valueStart = pos;
    double v = plainNumber(valueStart);
    if (!Double.isNaN(v) && (plainEnd == end || buf[plainEnd] == ' ' || buf[plainEnd] == '\n')) {
      pos = plainEnd;
    } else {
      v = parseFloat(valueStart, token(), "value");
    }
    value = v;
    hasTimestamp = false;
    exemplar = null;
    if (pos < end && buf[pos] == ' ') {
      pos++;
      if (pos < end && buf[pos] == '#') {
        exemplar();
      } else {
        timestamp();
        if (pos < end && buf[pos] == ' ') {
          pos++;
          exemplar();
        }
      }
    }
    if (pos >= end || buf[pos] != '\n') {
      throw error(pos, "expected end of line, got " + describe(pos));
    }
    Labels built;
    if (known != null) {
      built = known.labels;
    } else {
      built = build(labels, sampleStart);
      if (labelsEnd >= 0 && built.size() == labels.size()) {
        // Only sets without empty values: the family's checks read a cached set as read.
        rememberSeries(sampleStart, labelsEnd, sampleName, built);
      }
    }
    int kind = family.kindOf(sampleName);
    if (kind < 0) {
      finishFamily();
      family.start(sampleName);
      kind = OpenMetricsFamily.NONE;
    }
    family.check(
        sampleName,
        kind,
        built,
        known != null ? null : labels,
        value,
        hasTimestamp,
        timestampSeconds,
        exemplar != null,
        valueStart);
    family.sampleCount++;
    sampleCount++;
    if (retain) {
      family.add(
          Sample.of(
              sampleName,
              built,
              value,
              hasTimestamp ? timestampMillis : Sample.NO_TIMESTAMP,
              exemplar));
    }
    newline();
  }

  /** Advances over a value or timestamp token; returns its end. */
  private int token() {
    while (pos < end && buf[pos] != ' ' && buf[pos] != '\n') {
      pos++;
    }
    return pos;
  }

  private void timestamp() throws ExpositionException {
    int start = pos;
    int stop = token();
    double seconds = parseFloat(start, stop, "timestamp");
    if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
      throw error(start, "invalid timestamp \"" + ascii(start, stop) + "\"");
    }
    hasTimestamp = true;
    timestampSeconds = seconds;
    timestampMillis = secondsToMillis(start, stop);
  }

  private void exemplar() throws ExpositionException {
    int start = pos;
    expect('#', "'#' before an exemplar");
    expect(' ', "' ' after '#'");
    expect('{', "'{' to start the exemplar's labels");
    exemplarLabels.clear();
    int length = labelSet(exemplarLabels, true);
    if (length > 128) {
      throw error(start, "exemplar labels are " + length + " characters long, at most 128");
    }
    expect(' ', "' ' before the exemplar value");
    int valueStart = pos;
    double v = parseFloat(valueStart, token(), "exemplar value");
    long ts = Sample.NO_TIMESTAMP;
    if (pos < end && buf[pos] == ' ') {
      pos++;
      int tsStart = pos;
      int tsStop = token();
      double seconds = parseFloat(tsStart, tsStop, "exemplar timestamp");
      if (Double.isNaN(seconds) || Double.isInfinite(seconds)) {
        throw error(tsStart, "invalid exemplar timestamp \"" + ascii(tsStart, tsStop) + "\"");
      }
      ts = secondsToMillis(tsStart, tsStop);
    }
    exemplar = Exemplar.of(build(exemplarLabels, start), v, ts);
  }

  private Labels build(Labels.Builder builder, int at) throws ExpositionException {
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw error(at, String.valueOf(e.getMessage()));
    }
  }

  /**
   * Labels after '{' up to and including '}', strictly: {@code name="value"} pairs separated by
   * single commas. A sample's labels are tried against the previous sample's, position by position;
   * an exemplar's are not (they would spoil that guess for the next sample). Returns the number of
   * characters in names and values of an exemplar (only there it is needed; 0 otherwise).
   */
  private int labelSet(Labels.Builder into, boolean isExemplar) throws ExpositionException {
    int chars = 0;
    if (pos < end && buf[pos] == '}') {
      pos++;
      return 0;
    }
    int first = PreviousLabels.POSITIONS;
    if (!isExemplar) {
      first = repeatedLabels(into);
      if (first < 0) {
        return 0;
      }
    }
    for (int position = first; ; position++) {
      if (pos >= end || (CLASS[buf[pos] & 0xff] & LABEL_START) == 0) {
        throw error(pos, "expected label name, got " + describe(pos));
      }
      int nameStart = pos;
      String labelName = labelName(position);
      expect('=', "'=' after the label name");
      if (pos >= end || buf[pos] != '"') {
        throw error(pos, "expected '\"' to start the label value, got " + describe(pos));
      }
      String labelValue = quotedValue(position);
      if (labelName.length() == 8 && "__name__".equals(labelName)) {
        throw error(nameStart, "label __name__ is not allowed: the metric name is the sample's");
      }
      into.add(labelName, labelValue);
      if (isExemplar) {
        chars += labelName.length() + labelValue.codePointCount(0, labelValue.length());
      }
      if (pos < end && buf[pos] == ',') {
        pos++;
        if (!isExemplar) {
          previous.labelEnded(position, pos, true);
        }
      } else if (pos < end && buf[pos] == '}') {
        pos++;
        if (!isExemplar) {
          previous.labelEnded(position, pos, true);
        }
        return chars;
      } else {
        throw error(pos, "expected ',' or '}' after the label value, got " + describe(pos));
      }
    }
  }

  /**
   * The quoted label value at {@code pos} as the {@code position}-th label of its set; the value at
   * that position in the previous set is tried first.
   */
  private String quotedValue(int position) throws ExpositionException {
    String known = previous.value(buf, pos + 1, end, position);
    if (known != null) {
      pos += previous.valueLength(position) + 2;
      return known;
    }
    int open = pos;
    int start = ++pos;
    int h = 0;
    boolean nonAscii = false;
    boolean escaped = false;
    byte[] b = buf;
    int p = start;
    while (true) {
      if (p >= end || b[p] == '\n') {
        throw error(open, "unterminated label value");
      }
      byte c = b[p];
      if (c == '"') {
        break;
      }
      if (c == '\\') {
        escaped = true;
        if (p + 1 >= end || b[p + 1] == '\n') {
          throw error(p, "invalid escape in label value");
        }
        h = 31 * h + c;
        c = b[++p];
      }
      if (c < 0) {
        nonAscii = true;
      }
      h = 31 * h + (c & 0xff);
      p++;
    }
    pos = p + 1;
    String value = labelValue(start, p, h, nonAscii, escaped);
    previous.rememberValue(position, start, p, value);
    return value;
  }
}
