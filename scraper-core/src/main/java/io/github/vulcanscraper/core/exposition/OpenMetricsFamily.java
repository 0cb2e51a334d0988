package io.github.vulcanscraper.core.exposition;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.MetricType;
import io.github.vulcanscraper.api.Sample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The OpenMetrics family being read and the rules its samples obey, for {@link OpenMetricsParser}:
 * which sample names the type allows, values (counter-like ones neither negative nor NaN, info 1,
 * stateset 0 or 1, integer counts and buckets), the {@code le} and {@code quantile} labels, label
 * groups kept together with timestamps that do not go back and no series twice, histogram runs
 * (buckets in order up to {@code +Inf}, count equal to it, sum and count together), and at the end
 * the unit and the names the family claims.
 *
 * <p>Groups are compared in place; the group key (the labels without {@code le}, {@code quantile}
 * or the state label) is allocated once per group, not per sample, and groups written in order (as
 * client libraries write them) are known new without a set. Not thread-safe.
 */
final class OpenMetricsFamily {
  // Sample kinds: the suffix of a sample's name after its family's name.
  static final int NONE = 0;
  static final int TOTAL = 1;
  static final int CREATED = 2;
  static final int COUNT = 3;
  static final int SUM = 4;
  static final int BUCKET = 5;
  static final int GCOUNT = 6;
  static final int GSUM = 7;
  static final int INFO = 8;
  private static final String[] SUFFIX = {
    "", "_total", "_created", "_count", "_sum", "_bucket", "_gcount", "_gsum", "_info"
  };

  private final ExpositionScanner scanner;
  private final NumberReader numbers = new NumberReader();
  private final @Nullable String[] boundKeys = new String[256];
  private final double[] boundValues = new double[256];
  private final HashMap<String, KnownFamily> known = new HashMap<>();

  // The family: set by the parser from its metadata.
  @Nullable String name;
  @Nullable MetricType type;
  @Nullable String help;
  @Nullable String unit;
  int unitLine;
  long sampleCount;
  private int startLine;
  private @Nullable KnownFamily knownFamily;
  // A new list for each family, young while it fills: see ExpositionScanner#labels for why. Sized
  // for as many samples as the family had the last time, so that it does not grow by copies.
  private ArrayList<Sample> samples = new ArrayList<>();

  // The sample names met in this family, by kind: a histogram's samples cycle through three.
  private final @Nullable String[] namesByKind = new String[SUFFIX.length];

  // The label groups of the family: a new object for each family, young while the family is read
  // (references stored into it cost almost nothing, see ExpositionScanner#labels).
  private Groups groups = new Groups(0);

  // The label group being read: the labels that tie a histogram's buckets, sum and count together.
  private final HashSet<Object> groupSeries = new HashSet<>();
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

  // The sample being checked. No references: they are passed as arguments instead, as this object
  // lives long (see ExpositionScanner#labels).
  private double bound;
  private double value;
  private boolean hasTimestamp;
  private double timestampSeconds;

  OpenMetricsFamily(ExpositionScanner scanner) {
    this.scanner = scanner;
  }

  /** Starts the family {@code metric} on the scanner's current line. */
  void start(String metric) {
    name = metric;
    type = null;
    help = null;
    unit = null;
    startLine = scanner.line;
    sampleCount = 0;
    KnownFamily k = known(metric);
    knownFamily = k;
    samples = new ArrayList<>(k.lastSamples);
    Arrays.fill(namesByKind, null);
    groups = new Groups(k.lastGroups);
    groupSeries.clear();
    runActive = false;
  }

  /** Forgets everything, for the next body. */
  void clear() {
    name = null;
    knownFamily = null;
    samples = new ArrayList<>();
    groups = new Groups(0);
    groupSeries.clear();
    Arrays.fill(namesByKind, null);
  }

  /** Keeps a checked sample. */
  void add(Sample sample) {
    samples.add(sample);
  }

  /**
   * Ends the family: checks the last histogram run and the unit, and claims the family's names in
   * {@code seenNames}. Returns the family when {@code build}, else null.
   */
  @Nullable MetricFamily finish(Set<String> seenNames, boolean build) throws ExpositionException {
    String n = name;
    KnownFamily k = knownFamily; // set with the name by start()
    if (n == null || k == null) {
      return null;
    }
    MetricType t = type == null ? MetricType.UNKNOWN : type;
    if (runActive) {
      finishRun();
    }
    claim(seenNames, n);
    for (int kind = 1; kind < SUFFIX.length; kind++) {
      if (allowed(t, kind)) {
        claim(seenNames, k.suffixed[kind]);
      }
    }
    String u = unit;
    if (u != null && !u.isEmpty()) {
      if (!n.endsWith("_" + u)) {
        throw scanner.errorAtLine(
            unitLine, "metric name " + n + " does not end with its unit _" + u);
      }
      if (t == MetricType.INFO || t == MetricType.STATESET) {
        throw scanner.errorAtLine(unitLine, t.text() + " " + n + " cannot have a unit");
      }
    }
    name = null;
    knownFamily = null;
    k.lastGroups = Math.min(groups.count(), ExpositionScanner.MAX_PRESIZED);
    if (!build) {
      return null;
    }
    k.lastSamples = Math.min(samples.size(), ExpositionScanner.MAX_PRESIZED);
    MetricFamily family =
        MetricFamily.of(n, t, help == null ? "" : help, u == null ? "" : u, samples);
    samples = new ArrayList<>();
    return family;
  }

  /** What is remembered of a family met in earlier bodies, as family names repeat every scrape. */
  private static final class KnownFamily {
    /** The family name followed by each {@link #SUFFIX}, by index. */
    final String[] suffixed = new String[SUFFIX.length];

    /** How many samples the family had the last time it was read whole. */
    int lastSamples = ExpositionScanner.FIRST_PRESIZED;

    /** How many label groups it had then. */
    int lastGroups;
  }

  private KnownFamily known(String familyName) {
    KnownFamily k = known.get(familyName);
    if (k == null) {
      k = new KnownFamily();
      for (int i = 0; i < SUFFIX.length; i++) {
        k.suffixed[i] = familyName + SUFFIX[i];
      }
      if (known.size() >= ExpositionScanner.MAX_REMEMBERED_FAMILIES) {
        known.clear();
      }
      known.put(familyName, k);
    }
    return k;
  }

  private void claim(Set<String> seenNames, String metric) throws ExpositionException {
    if (!seenNames.add(metric)) {
      throw scanner.errorAtLine(
          startLine, "name " + metric + " clashes with an earlier metric family");
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
  int kindOf(String sampleName) {
    if (name == null) {
      return -1;
    }
    for (int k = 0; k < namesByKind.length; k++) {
      if (namesByKind[k] == sampleName) {
        return k;
      }
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
      namesByKind[kind] = sampleName;
    }
    return kind;
  }

  /** The value of a label of the sample being checked, as read (empty values included). */
  private static @Nullable String label(Labels.@Nullable Builder raw, Labels built, String name) {
    return raw != null ? raw.get(name) : built.get(name);
  }

  /**
   * Checks one sample of this family against its type's rules and its group's.
   *
   * @param kind the sample's suffix kind, from {@link #kindOf}
   * @param built the sample's labels
   * @param raw the labels as read, empty values included ({@code le=""} is still an {@code le});
   *     null when they came from the series cache, which holds no set with an empty value
   * @param at the position errors point at (the value)
   */
  void check(
      String sampleName,
      int kind,
      Labels built,
      Labels.@Nullable Builder raw,
      double sampleValue,
      boolean sampleHasTimestamp,
      double sampleTimestampSeconds,
      boolean hasExemplar,
      int at)
      throws ExpositionException {
    value = sampleValue;
    hasTimestamp = sampleHasTimestamp;
    timestampSeconds = sampleTimestampSeconds;
    MetricType t = type == null ? MetricType.UNKNOWN : type;
    @Nullable String excluded = groupingLabel(kind, t, raw, built, at);
    if ((kind == COUNT || kind == GCOUNT) && !isInteger(value)) {
      throw scanner.error(at, "count value must be an integer");
    }
    if (t == MetricType.STATESET && value != 0 && value != 1) {
      throw scanner.error(at, "stateset values must be 0 or 1");
    }
    if (t == MetricType.INFO && value != 1) {
      throw scanner.error(at, "info values must be 1");
    }
    if (kind >= TOTAL && kind <= GSUM && kind != CREATED) {
      if (Double.isNaN(value)) {
        throw scanner.error(at, sampleName + " cannot be NaN");
      }
      if (value < 0 && kind != GSUM) {
        throw scanner.error(at, sampleName + " cannot be negative");
      }
    }
    if (hasExemplar && !(kind == BUCKET || (kind == TOTAL && t == MetricType.COUNTER))) {
      throw scanner.error(at, "exemplars are only allowed on counter totals and histogram buckets");
    }
    groupCheck(kind, t, raw, built, excluded, at, sampleName);
    if (t == MetricType.HISTOGRAM || t == MetricType.GAUGE_HISTOGRAM) {
      histogramCheck(kind, at);
    }
  }

  /**
   * Checks the label that sets a sample apart within its group (a stateset's state, a bucket's
   * {@code le}, a quantile's {@code quantile}) and returns its name, having kept a bucket's bound
   * in {@link #bound}; null when the sample has none.
   */
  private @Nullable String groupingLabel(
      int kind, MetricType t, Labels.@Nullable Builder raw, Labels built, int at)
      throws ExpositionException {
    if (t == MetricType.STATESET) {
      String state = name;
      if (state == null || label(raw, built, state) == null) {
        throw scanner.error(at, "stateset sample without its state label " + state);
      }
      return state;
    } else if (kind == BUCKET) {
      String le = label(raw, built, "le");
      bound = boundValue(le);
      if (le == null || !isCanonicalBound(le, bound, false)) {
        throw scanner.error(at, "bucket needs an le label with a number, got " + quote(le));
      }
      if (!isInteger(value)) {
        throw scanner.error(at, "bucket value must be an integer");
      }
      return "le";
    } else if (kind == NONE && t == MetricType.SUMMARY) {
      String q = label(raw, built, "quantile");
      if (q == null || !isCanonicalBound(q, boundValue(q), true)) {
        throw scanner.error(at, "summary needs a quantile label between 0 and 1, got " + quote(q));
      }
      if (value < 0) {
        throw scanner.error(at, "quantile values cannot be negative");
      }
      return "quantile";
    }
    return null;
  }

  private void groupCheck(
      int kind,
      MetricType t,
      Labels.@Nullable Builder raw,
      Labels built,
      @Nullable String excluded,
      int at,
      String sampleName)
      throws ExpositionException {
    boolean same;
    int order = 1;
    Labels current = groups.current;
    if (current == null) {
      same = false;
    } else if (t == MetricType.INFO) {
      same = true;
    } else {
      order = compareToGroup(built, excluded, current);
      same = order == 0;
    }
    boolean newRun;
    if (same) {
      if (hasTimestamp != groupHasTimestamp) {
        throw scanner.error(at, "timestamps on some samples of a group but not on others");
      }
      if (hasTimestamp && timestampSeconds < groupTimestamp && t != MetricType.INFO) {
        throw scanner.error(at, "timestamps go backwards within a group");
      }
      newRun = hasTimestamp && timestampSeconds != groupTimestamp;
    } else {
      newGroup(t, built, excluded, order, at);
      newRun = true;
    }
    groupHasTimestamp = hasTimestamp;
    groupTimestamp = timestampSeconds;
    if (!hasTimestamp && kind != BUCKET) { // A bucket twice is caught by the bucket order.
      boolean duplicate;
      if ((kind == NONE && (t == MetricType.SUMMARY || t == MetricType.STATESET))
          || t == MetricType.INFO) {
        duplicate = !seriesFirstTime(t, raw, built, excluded);
      } else {
        duplicate = (groupKinds & (1 << kind)) != 0;
        groupKinds |= 1 << kind;
      }
      if (duplicate) {
        throw scanner.error(at, "duplicate series " + sampleName + built);
      }
    }
    if (newRun && runActive) {
      finishRun();
    }
    if (newRun) {
      runActive = false;
    }
  }

  /** Starts the group of a sample that is not in the current one, which must be new. */
  private void newGroup(MetricType t, Labels built, @Nullable String excluded, int order, int at)
      throws ExpositionException {
    Labels key =
        t == MetricType.INFO ? Labels.EMPTY : excluded == null ? built : built.without(excluded);
    if (!groups.firstTime(key, order)) {
      throw scanner.error(at, "samples of the group " + key + " are not together");
    }
    groups.current = key;
    groupKinds = 0;
    if (!groupSeries.isEmpty()) {
      groupSeries.clear();
    }
  }

  /**
   * Whether a series of a summary's quantiles, a stateset's states or an info's label sets is met
   * for the first time in its group: by the grouping label's value (which {@link #groupingLabel}
   * found present), or for an info, by its labels.
   */
  private boolean seriesFirstTime(
      MetricType t, Labels.@Nullable Builder raw, Labels built, @Nullable String excluded) {
    if (t == MetricType.INFO) {
      return groupSeries.add(built);
    }
    return groupSeries.add(excluded == null ? null : label(raw, built, excluded));
  }

  /**
   * Compares {@code l} without the label {@code excluded} with the group key {@code g}, in place,
   * as {@link Labels#compareTo} would compare the two sets: 0 when they are the same group.
   */
  @SuppressWarnings("ReferenceEquality") // a shortcut: interned names and values repeat as such
  private static int compareToGroup(Labels l, @Nullable String excluded, Labels g) {
    int n = l.size();
    int m = g.size();
    int j = 0;
    for (int i = 0; i < n; i++) {
      String ln = l.name(i);
      if (excluded != null && ln.equals(excluded)) {
        continue;
      }
      if (j >= m) {
        return 1;
      }
      String gn = g.name(j);
      int c = ln == gn ? 0 : ln.compareTo(gn);
      if (c == 0) {
        String lv = l.value(i);
        String gv = g.value(j);
        c = lv == gv ? 0 : lv.compareTo(gv);
      }
      if (c != 0) {
        return c;
      }
      j++;
    }
    return j == m ? 0 : -1;
  }

  private void histogramCheck(int kind, int at) throws ExpositionException {
    if (!runActive) {
      runActive = true;
      runLine = scanner.line;
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
        double le = bound;
        if (le < 0) {
          runNegativeBucket = true;
        }
        if (runBucket && le <= runLe) {
          throw scanner.error(at, "buckets are not in increasing le order");
        }
        if (value < runBucketValue) {
          throw scanner.error(at, "bucket values decrease");
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
      throw scanner.errorAtLine(runLine, "histogram " + name + " has no +Inf bucket");
    }
    if (runHasCount && runCount != runBucketValue) {
      throw scanner.errorAtLine(
          runLine, "histogram " + name + ": count differs from the +Inf bucket");
    }
    if (runSum && !runHasCount) {
      throw scanner.errorAtLine(runLine, "histogram " + name + ": _sum without _count");
    }
    if (runGsum && !runHasCount) {
      throw scanner.errorAtLine(runLine, "histogram " + name + ": _gsum without _gcount");
    }
    if (runHasCount && !runSum && !runGsum) {
      throw scanner.errorAtLine(runLine, "histogram " + name + ": count without sum");
    }
    if (runNegativeBucket && runSum) {
      throw scanner.errorAtLine(runLine, "histogram " + name + ": _sum with negative buckets");
    }
    if (!runNegativeBucket && runNegativeGsum) {
      throw scanner.errorAtLine(
          runLine, "histogram " + name + ": negative _gsum without negative buckets");
    }
  }

  private static boolean isInteger(double v) {
    return !Double.isInfinite(v) && v == Math.rint(v);
  }

  private static String quote(@Nullable String s) {
    return s == null ? "none" : "\"" + s + "\"";
  }

  /** A bucket bound or quantile: a number, infinities spelled +Inf or -Inf, no NaN. */
  private static boolean isCanonicalBound(String s, double v, boolean quantile) {
    if (Double.isNaN(v)) {
      return false;
    }
    if (Double.isInfinite(v) && !s.equals("+Inf") && !s.equals("-Inf")) {
      return false;
    }
    return !quantile || (v >= 0 && v <= 1);
  }

  /**
   * The number in a label value, NaN when it is none. Remembered in a small table indexed by the
   * value's hash, as bucket bounds and quantiles repeat (the parser hands out one instance of each,
   * so the compare is mostly by reference).
   */
  private double boundValue(@Nullable String s) {
    if (s == null) {
      return Double.NaN;
    }
    int slot = s.hashCode() & (boundKeys.length - 1);
    if (s.equals(boundKeys[slot])) {
      return boundValues[slot];
    }
    double v = numbers.parse(s);
    boundKeys[slot] = s;
    boundValues[slot] = v;
    return v;
  }

  /**
   * The label groups met in one family (a group's key: its labels without the grouping label), and
   * the current one. While each new group sorts after the one before, as client libraries write
   * them, a new one cannot have been met: it goes into a list, with no hashing. The first group out
   * of order moves them all into a set, which then checks every new one.
   */
  private static final class Groups {
    @Nullable Labels current;
    private ArrayList<Labels> inOrder = new ArrayList<>();
    private @Nullable LabelsSet seen;
    private final int expected;

    /** Groups for a family that had {@code expected} of them the last time. */
    Groups(int expected) {
      this.expected = expected;
    }

    int count() {
      LabelsSet set = seen;
      return set == null ? inOrder.size() : set.size();
    }

    /**
     * Whether the group {@code key} is met for the first time; {@code order} is how it sorts
     * against the current group (positive: after).
     */
    boolean firstTime(Labels key, int order) {
      LabelsSet set = seen;
      if (set == null) {
        if (order > 0) {
          // After the last group, so after all of them.
          inOrder.add(key);
          return true;
        }
        set = new LabelsSet(Math.max(expected, 2 * inOrder.size() + 1));
        for (Labels met : inOrder) {
          set.add(met);
        }
        inOrder = new ArrayList<>();
        seen = set;
      }
      return set.add(key);
    }
  }

  /** Reads numbers in label values with the scanner's syntax. */
  private static final class NumberReader extends ExpositionScanner {
    double parse(String s) {
      if (s.isEmpty() || s.length() > 64) {
        return Double.NaN;
      }
      byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
      reset(b, 0, b.length);
      try {
        return parseFloat(0, b.length, "number");
      } catch (ExpositionException e) {
        return Double.NaN;
      } finally {
        release();
      }
    }
  }
}
