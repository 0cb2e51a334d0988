package io.github.vulcanscraper.core.exposition;

import io.github.vulcanscraper.api.Exemplar;
import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.MetricType;
import io.github.vulcanscraper.api.Sample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * OpenMetrics 1.0 text, exactly as strictly as the OpenMetrics test suite says: single spaces
 * between tokens, {@code # EOF} last, metadata ({@code HELP}, {@code TYPE}, {@code UNIT}) at most
 * once per family and before its samples, sample names as the type allows them ({@code _total},
 * {@code _created}, {@code _bucket}, {@code _gcount}...), a unit that is the name's suffix,
 * exemplars only on counter totals and histogram buckets with at most 128 characters of labels,
 * info values 1, stateset values 0 or 1, counter-like values neither negative nor NaN, histogram
 * buckets in {@code le} order ending in {@code +Inf} with {@code _count} equal to it, summary
 * quantiles in [0, 1], the samples of one label group together with timestamps that do not go
 * back, no series twice without timestamps, and no family name clashing with another's samples.
 * Timestamps are seconds with an optional fraction; they become milliseconds, truncated.
 *
 * <p>Design, for speed: as {@link PrometheusTextParser}, one pass over the bytes, names and label
 * values interned per parser by their bytes, simple numbers converted without a {@code String}.
 * The grouping checks compare label sets in place, allocating the group key (the labels without
 * {@code le} or {@code quantile}) once per group rather than per sample. Not thread-safe.
 */
final class OpenMetricsParser extends ExpositionScanner implements ExpositionParser {
  // Sample kinds: the suffix of a sample's name after its family's name.
  private static final int NONE = 0;
  private static final int TOTAL = 1;
  private static final int CREATED = 2;
  private static final int COUNT = 3;
  private static final int SUM = 4;
  private static final int BUCKET = 5;
  private static final int GCOUNT = 6;
  private static final int GSUM = 7;
  private static final int INFO = 8;
  private static final String[] SUFFIX = {
    "", "_total", "_created", "_count", "_sum", "_bucket", "_gcount", "_gsum", "_info"
  };

  private final Labels.Builder exemplarLabels = Labels.builder();
  private final ArrayList<MetricFamily> out = new ArrayList<>();
  private final HashSet<String> seenNames = new HashSet<>();
  private boolean retain;
  private int familyCount;
  private long sampleCount;

  // The family being read.
  private String name;
  private MetricType type;
  private String help;
  private String unit;
  private int startLine;
  private int unitLine;
  private ArrayList<Sample> samples = new ArrayList<>();
  private long familySamples;
  private String lastSampleName;
  private int lastKind;

  // The label group being read: the labels that tie a histogram's buckets, sum and count together.
  private final HashSet<Labels> seenGroups = new HashSet<>();
  private final HashSet<Object> groupSeries = new HashSet<>();
  private Labels group;
  private boolean groupHasTimestamp;
  private double groupTimestamp;
  private int groupKinds;

  // The histogram run being read: one group at one timestamp.
  private boolean runActive;
  private int runLine;
  private boolean runBucket;
  private double runLe;
  private double runBucketValue;
  private boolean runHasCount;
  private double runCount;
  private boolean runSum;
  private boolean runGsum;
  private boolean runNegativeBucket;
  private boolean runNegativeGsum;

  // The sample being read.
  private double value;
  private boolean hasTimestamp;
  private double timestampSeconds;
  private long timestampMillis;
  private Exemplar exemplar;

  @Override
  public ExpositionFormat format() {
    return ExpositionFormat.OPENMETRICS_TEXT;
  }

  @Override
  public List<MetricFamily> parse(byte[] body, int offset, int length) throws ExpositionException {
    try {
      run(body, offset, length, true);
      return new ArrayList<>(out);
    } finally {
      clear();
    }
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
    samples = new ArrayList<>();
    seenGroups.clear();
    groupSeries.clear();
    group = null;
    name = null;
    lastSampleName = null;
    labels.clear();
    exemplarLabels.clear();
  }

  private void run(byte[] body, int offset, int length, boolean retainSamples)
      throws ExpositionException {
    reset(body, offset, length);
    retain = retainSamples;
    familyCount = 0;
    sampleCount = 0;
    name = null;
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
    if (!metric.equals(name)) {
      finishFamily();
      startFamily(metric);
    } else if (familySamples > 0) {
      throw error(hash, "metadata for " + metric + " after its samples");
    }
    if (kind == 'H') {
      if (help != null) {
        throw error(hash, "second HELP for " + metric);
      }
      help = helpText(textStart, textEnd, true);
    } else if (kind == 'T') {
      if (type != null) {
        throw error(hash, "second TYPE for " + metric);
      }
      type = type(textStart, textEnd);
    } else {
      if (unit != null) {
        throw error(hash, "second UNIT for " + metric);
      }
      unit = helpText(textStart, textEnd, false);
      unitLine = line;
    }
    newline();
  }

  private MetricType type(int start, int stop) throws ExpositionException {
    for (MetricType t : MetricType.values()) {
      if (regionEquals(start, stop, t.text())) {
        return t;
      }
    }
    throw error(start, "invalid metric type \"" + ascii(start, stop) + "\"");
  }

  private void startFamily(String metric) {
    name = metric;
    type = null;
    help = null;
    unit = null;
    startLine = line;
    familySamples = 0;
    lastSampleName = null;
    group = null;
    seenGroups.clear();
    runActive = false;
  }

  private void finishFamily() throws ExpositionException {
    if (name == null) {
      return;
    }
    MetricType t = type == null ? MetricType.UNKNOWN : type;
    if (runActive) {
      finishRun();
    }
    claim(name);
    for (int k = 1; k < SUFFIX.length; k++) {
      if (allowed(t, k)) {
        claim(name + SUFFIX[k]);
      }
    }
    if (unit != null && !unit.isEmpty()) {
      if (!name.endsWith("_" + unit)) {
        throw errorAtLine(unitLine, "metric name " + name + " does not end with its unit _" + unit);
      }
      if (t == MetricType.INFO || t == MetricType.STATESET) {
        throw errorAtLine(unitLine, t.text() + " " + name + " cannot have a unit");
      }
    }
    familyCount++;
    if (retain) {
      out.add(
          MetricFamily.of(
              name, t, help == null ? "" : help, unit == null ? "" : unit, samples));
      samples.clear();
    }
    name = null;
  }

  private void claim(String metric) throws ExpositionException {
    if (!seenNames.add(metric)) {
      throw errorAtLine(startLine, "name " + metric + " clashes with an earlier metric family");
    }
  }

  private static boolean allowed(MetricType t, int kind) {
    switch (t) {
      case COUNTER:
        return kind == TOTAL || kind == CREATED;
      case SUMMARY:
        return kind == NONE || kind == COUNT || kind == SUM || kind == CREATED;
      case HISTOGRAM:
        return kind == COUNT || kind == SUM || kind == BUCKET || kind == CREATED;
      case GAUGE_HISTOGRAM:
        return kind == GCOUNT || kind == GSUM || kind == BUCKET;
      case INFO:
        return kind == INFO;
      default:
        return kind == NONE;
    }
  }

  /** The kind of this sample name in the current family, or -1 when it does not belong. */
  private int kindOf(String sampleName) {
    if (name == null) {
      return -1;
    }
    if (sampleName == lastSampleName) {
      return lastKind;
    }
    MetricType t = type == null ? MetricType.UNKNOWN : type;
    int kind = -1;
    if (sampleName.equals(name)) {
      kind = NONE;
    } else if (sampleName.length() > name.length() && sampleName.startsWith(name)) {
      for (int k = 1; k < SUFFIX.length; k++) {
        String s = SUFFIX[k];
        if (sampleName.length() == name.length() + s.length() && sampleName.endsWith(s)) {
          kind = k;
          break;
        }
      }
    }
    if (kind >= 0 && !allowed(t, kind)) {
      kind = -1;
    }
    if (kind >= 0) {
      lastSampleName = sampleName;
      lastKind = kind;
    }
    return kind;
  }

  private void sample() throws ExpositionException {
    int sampleStart = pos;
    String sampleName = metricName();
    labels.clear();
    if (pos < end && buf[pos] == '{') {
      pos++;
      labelSet(labels);
    }
    expect(' ', "' ' before the value");
    int valueStart = pos;
    value = parseFloat(valueStart, token(), "value");
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
    Labels built = build(labels, sampleStart);
    int kind = kindOf(sampleName);
    if (kind < 0) {
      finishFamily();
      startFamily(sampleName);
      kind = NONE;
    }
    check(sampleName, kind, built, valueStart);
    familySamples++;
    sampleCount++;
    if (retain) {
      samples.add(
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
    int length = labelSet(exemplarLabels);
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
      throw error(at, e.getMessage());
    }
  }

  /**
   * Labels after '{' up to and including '}', strictly: {@code name="value"} pairs separated by
   * single commas. Returns the number of characters in names and values.
   */
  private int labelSet(Labels.Builder into) throws ExpositionException {
    int chars = 0;
    if (pos < end && buf[pos] == '}') {
      pos++;
      return 0;
    }
    while (true) {
      if (pos >= end || (CLASS[buf[pos] & 0xff] & LABEL_START) == 0) {
        throw error(pos, "expected label name, got " + describe(pos));
      }
      int nameStart = pos;
      String labelName = labelName();
      expect('=', "'=' after the label name");
      if (pos >= end || buf[pos] != '"') {
        throw error(pos, "expected '\"' to start the label value, got " + describe(pos));
      }
      String labelValue = quotedValue();
      if ("__name__".equals(labelName)) {
        throw error(nameStart, "label __name__ is not allowed: the metric name is the sample's");
      }
      into.add(labelName, labelValue);
      chars += labelName.length() + labelValue.codePointCount(0, labelValue.length());
      if (pos < end && buf[pos] == ',') {
        pos++;
      } else if (pos < end && buf[pos] == '}') {
        pos++;
        return chars;
      } else {
        throw error(pos, "expected ',' or '}' after the label value, got " + describe(pos));
      }
    }
  }

  private String quotedValue() throws ExpositionException {
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
    return labelValue(start, p, h, nonAscii, escaped);
  }

  // ---- The semantic checks of one sample, in its family.

  private void check(String sampleName, int kind, Labels built, int at)
      throws ExpositionException {
    MetricType t = type == null ? MetricType.UNKNOWN : type;
    String excluded = null;
    if (t == MetricType.STATESET) {
      if (labels.get(name) == null) {
        throw error(at, "stateset sample without its state label " + name);
      }
      excluded = name;
    } else if (kind == BUCKET) {
      String le = labels.get("le");
      if (le == null || !isCanonicalBound(le, false)) {
        throw error(at, "bucket needs an le label with a number, got " + quote(le));
      }
      if (!isInteger(value)) {
        throw error(at, "bucket value must be an integer");
      }
      excluded = "le";
    } else if (kind == NONE && t == MetricType.SUMMARY) {
      String q = labels.get("quantile");
      if (q == null || !isCanonicalBound(q, true)) {
        throw error(at, "summary needs a quantile label between 0 and 1, got " + quote(q));
      }
      if (value < 0) {
        throw error(at, "quantile values cannot be negative");
      }
      excluded = "quantile";
    }
    if ((kind == COUNT || kind == GCOUNT) && !isInteger(value)) {
      throw error(at, "count value must be an integer");
    }
    if (t == MetricType.STATESET && value != 0 && value != 1) {
      throw error(at, "stateset values must be 0 or 1");
    }
    if (t == MetricType.INFO && value != 1) {
      throw error(at, "info values must be 1");
    }
    if (kind >= TOTAL && kind <= GSUM && kind != CREATED) {
      if (Double.isNaN(value)) {
        throw error(at, sampleName + " cannot be NaN");
      }
      if (value < 0 && kind != GSUM) {
        throw error(at, sampleName + " cannot be negative");
      }
    }
    if (exemplar != null
        && !(kind == BUCKET
            || (kind == TOTAL && t == MetricType.COUNTER))) {
      throw error(at, "exemplars are only allowed on counter totals and histogram buckets");
    }
    groupCheck(kind, t, built, excluded, at, sampleName);
    if (t == MetricType.HISTOGRAM || t == MetricType.GAUGE_HISTOGRAM) {
      histogramCheck(kind, at);
    }
  }

  private void groupCheck(
      int kind, MetricType t, Labels built, String excluded, int at, String sampleName)
      throws ExpositionException {
    boolean same;
    if (group == null) {
      same = false;
    } else if (t == MetricType.INFO) {
      same = true;
    } else {
      same = sameGroup(built, excluded, group);
    }
    boolean newRun;
    if (same) {
      if (hasTimestamp != groupHasTimestamp) {
        throw error(at, "timestamps on some samples of a group but not on others");
      }
      if (hasTimestamp && timestampSeconds < groupTimestamp && t != MetricType.INFO) {
        throw error(at, "timestamps go backwards within a group");
      }
      newRun = hasTimestamp && timestampSeconds != groupTimestamp;
    } else {
      Labels key =
          t == MetricType.INFO
              ? Labels.EMPTY
              : excluded == null ? built : built.without(excluded);
      if (group != null && seenGroups.contains(key)) {
        throw error(at, "samples of the group " + key + " are not together");
      }
      seenGroups.add(key);
      group = key;
      groupKinds = 0;
      if (!groupSeries.isEmpty()) {
        groupSeries.clear();
      }
      newRun = true;
    }
    groupHasTimestamp = hasTimestamp;
    groupTimestamp = timestampSeconds;
    if (!hasTimestamp) {
      boolean duplicate;
      if (kind == BUCKET) {
        duplicate = false; // Caught by the bucket order.
      } else if (kind == NONE && (t == MetricType.SUMMARY || t == MetricType.STATESET)) {
        duplicate = !groupSeries.add(labels.get(excluded));
      } else if (t == MetricType.INFO) {
        duplicate = !groupSeries.add(built);
      } else {
        duplicate = (groupKinds & (1 << kind)) != 0;
        groupKinds |= 1 << kind;
      }
      if (duplicate) {
        throw error(at, "duplicate series " + sampleName + built);
      }
    }
    if (newRun && runActive) {
      finishRun();
    }
    if (newRun) {
      runActive = false;
    }
  }

  /** True when {@code l} without the label {@code excluded} equals {@code g}, in place. */
  private static boolean sameGroup(Labels l, String excluded, Labels g) {
    int n = l.size();
    int m = g.size();
    int j = 0;
    for (int i = 0; i < n; i++) {
      String ln = l.name(i);
      if (excluded != null && ln.equals(excluded)) {
        continue;
      }
      if (j >= m || !ln.equals(g.name(j)) || !l.value(i).equals(g.value(j))) {
        return false;
      }
      j++;
    }
    return j == m;
  }

  private void histogramCheck(int kind, int at) throws ExpositionException {
    if (!runActive) {
      runActive = true;
      runLine = line;
      runBucket = false;
      runLe = Double.NEGATIVE_INFINITY;
      runBucketValue = 0;
      runHasCount = false;
      runSum = false;
      runGsum = false;
      runNegativeBucket = false;
      runNegativeGsum = false;
    }
    switch (kind) {
      case BUCKET:
        double le = boundValue(labels.get("le"));
        if (le < 0) {
          runNegativeBucket = true;
        }
        if (runBucket && le <= runLe) {
          throw error(at, "buckets are not in increasing le order");
        }
        if (value < runBucketValue) {
          throw error(at, "bucket values decrease");
        }
        runBucket = true;
        runLe = le;
        runBucketValue = value;
        break;
      case COUNT:
      case GCOUNT:
        runHasCount = true;
        runCount = value;
        break;
      case SUM:
        runSum = true;
        break;
      case GSUM:
        runGsum = true;
        if (value < 0) {
          runNegativeGsum = true;
        }
        break;
      default:
        break;
    }
  }

  private void finishRun() throws ExpositionException {
    runActive = false;
    if (!runBucket || runLe != Double.POSITIVE_INFINITY) {
      throw errorAtLine(runLine, "histogram " + name + " has no +Inf bucket");
    }
    if (runHasCount && runCount != runBucketValue) {
      throw errorAtLine(runLine, "histogram " + name + ": count differs from the +Inf bucket");
    }
    if (runSum && !runHasCount) {
      throw errorAtLine(runLine, "histogram " + name + ": _sum without _count");
    }
    if (runGsum && !runHasCount) {
      throw errorAtLine(runLine, "histogram " + name + ": _gsum without _gcount");
    }
    if (runHasCount && !runSum && !runGsum) {
      throw errorAtLine(runLine, "histogram " + name + ": count without sum");
    }
    if (runNegativeBucket && runSum) {
      throw errorAtLine(runLine, "histogram " + name + ": _sum with negative buckets");
    }
    if (!runNegativeBucket && runNegativeGsum) {
      throw errorAtLine(runLine, "histogram " + name + ": negative _gsum without negative buckets");
    }
  }

  private static boolean isInteger(double v) {
    return !Double.isInfinite(v) && v == Math.rint(v);
  }

  private static String quote(String s) {
    return s == null ? "none" : "\"" + s + "\"";
  }

  /** A bucket bound or quantile: a number, infinities spelled +Inf or -Inf, no NaN. */
  private boolean isCanonicalBound(String s, boolean quantile) {
    double v = boundValue(s);
    if (Double.isNaN(v)) {
      return false;
    }
    if (Double.isInfinite(v) && !s.equals("+Inf") && !s.equals("-Inf")) {
      return false;
    }
    return !quantile || (v >= 0 && v <= 1);
  }

  /** The number in a label value, NaN when it is none. */
  private double boundValue(String s) {
    if (s == null || s.isEmpty() || s.length() > 64) {
      return Double.NaN;
    }
    byte[] saved = buf;
    int savedPos = pos;
    int savedEnd = end;
    try {
      buf = s.getBytes(StandardCharsets.ISO_8859_1);
      end = buf.length;
      return parseFloat(0, buf.length, "number");
    } catch (ExpositionException e) {
      return Double.NaN;
    } finally {
      buf = saved;
      pos = savedPos;
      end = savedEnd;
    }
  }
}
