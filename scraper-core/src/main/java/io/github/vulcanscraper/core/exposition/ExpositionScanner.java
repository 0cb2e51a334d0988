package io.github.vulcanscraper.core.exposition;

import io.github.vulcanscraper.api.Labels;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The byte-level machinery both parsers share: the position in the body with its line and column,
 * character classes, interning of names and label values, label value and help decoding, UTF-8
 * validation, and number parsing with Go's {@code strconv.ParseFloat} grammar (which Prometheus
 * uses) minus hexadecimal floats and underscores. Not thread-safe.
 */
abstract class ExpositionScanner {
  static final int METRIC_START = 1;
  static final int METRIC_PART = 2;
  static final int LABEL_START = 4;
  static final int LABEL_PART = 8;
  static final byte[] CLASS = new byte[256];

  static {
    for (int c = 0; c < 256; c++) {
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      boolean digit = c >= '0' && c <= '9';
      int k = 0;
      if (letter || c == ':') {
        k |= METRIC_START | METRIC_PART;
      }
      if (digit) {
        k |= METRIC_PART | LABEL_PART;
      }
      if (letter) {
        k |= LABEL_START | LABEL_PART;
      }
      CLASS[c] = (byte) k;
    }
  }

  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22
  };

  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE + 1);

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** Metric and label names: few, short, repeated in every scrape. */
  final NameTable names = new NameTable(4096, 256, "le", "quantile");

  /** Label values: repeated across series ({@code le}, {@code method}) and across scrapes. */
  final NameTable values = new NameTable(16384, 128, "+Inf");

  /**
   * The labels of the sample being read; a new builder for each body. Under G1, a reference stored
   * into an object that has been promoted costs a card check with a store-load fence, one stored
   * into a young object almost nothing: a builder made with the body stays young while the body is
   * read (a millisecond; the young generation lasts far longer), one kept for the parser's life is
   * soon old, and takes two references per label. The same holds for the other per-body state that
   * holds references ({@link PreviousLabels}, {@link RecentNames}, {@link OpenMetricsFamily}'s
   * samples and groups). Paired runs: 3 to 6% on the cold OpenMetrics parse, none on the text one.
   */
  Labels.Builder labels = Labels.builder();

  /**
   * Family names a parser remembers across bodies (what it keeps of each family, such as its size)
   * before it forgets them all and starts again: bounded, as the intern tables are.
   */
  static final int MAX_REMEMBERED_FAMILIES = 4096;

  /** The most samples (or groups) a family is sized for up front from its previous body. */
  static final int MAX_PRESIZED = 100_000;

  /** The samples a family met for the first time is sized for (an {@code ArrayList}'s default). */
  static final int FIRST_PRESIZED = 10;

  /** The names and values of the previous label set of the body, tried first. */
  final PreviousLabels previous = new PreviousLabels();

  // The last metric name read in this body: where its bytes are, and its string.
  private int lastMetricStart;
  private int lastMetricLength;
  private String lastMetric = "";

  /** The few metric names of the body before, tried next. */
  private final RecentNames recentNames = new RecentNames();

  private byte[] scratch = new byte[128];

  /** The cache of the parse under way, if it was given one. */
  @Nullable SeriesCache cache;

  // A series looked up and missed, to remember once parsed: its bytes' hash and end.
  private int seriesHash;
  private int seriesEnd = -1;

  byte[] buf = new byte[0];
  int pos;
  int end;
  int line;
  int lineStart;

  void reset(byte[] body, int offset, int length) {
    if (offset < 0 || length < 0 || offset > body.length - length) {
      throw new IndexOutOfBoundsException(
          "offset " + offset + ", length " + length + ", body " + body.length);
    }
    buf = body;
    pos = offset;
    end = offset + length;
    line = 1;
    lineStart = offset;
    labels = Labels.builder();
    previous.clear();
    lastMetricLength = 0;
    recentNames.clear();
  }

  /** Drops the reference to the body so that a pooled parser does not retain it. */
  void release() {
    buf = new byte[0];
  }

  /**
   * Runs {@code parse} with {@code seriesCache}: what it finds remembered comes from the cache,
   * what it parses goes into it, and a failed parse leaves the cache as it was.
   */
  final <T> T withCache(SeriesCache seriesCache, ExpositionFormat format, CachedParse<T> parse)
      throws ExpositionException {
    cache = seriesCache;
    seriesCache.start(format);
    boolean parsed = false;
    try {
      T result = parse.run();
      parsed = true;
      return result;
    } finally {
      cache = null;
      if (parsed) {
        seriesCache.finish();
      } else {
        seriesCache.abandon();
      }
    }
  }

  /** A parse to run with a cache. */
  interface CachedParse<T> {
    T run() throws ExpositionException;
  }

  /**
   * The label set opening at {@code open} is looked up in the cache: the series read from the
   * cache, or null, having recorded in {@link #seriesHash} and {@link #seriesEnd} what to remember
   * once the set is parsed. {@code seriesStart} is where the metric name starts.
   */
  final SeriesCache.@Nullable Series cachedSeries(int seriesStart, int open) {
    seriesEnd = -1;
    SeriesCache c = cache;
    if (c == null) {
      return null;
    }
    SeriesCache.Series next = c.next(buf, seriesStart, end);
    if (next != null) {
      return next;
    }
    int close = labelSetEnd(open);
    if (close < 0 || close - seriesStart > SeriesCache.MAX_KEY_BYTES) {
      return null;
    }
    seriesHash = SeriesCache.hash(buf, seriesStart, close);
    SeriesCache.Series hit = c.find(buf, seriesStart, close, seriesHash);
    if (hit == null) {
      seriesEnd = close;
    }
    return hit;
  }

  /**
   * Remembers a series just parsed, if {@link #cachedSeries} asked for it and agrees on its end.
   */
  final void rememberSeries(int seriesStart, String name, Labels built) {
    rememberSeries(seriesStart, pos, name, built);
  }

  /** As {@link #rememberSeries(int, String, Labels)}, the label set having ended at {@code end}. */
  final void rememberSeries(int seriesStart, int labelsEnd, String name, Labels built) {
    SeriesCache c = cache;
    if (c != null && seriesEnd == labelsEnd) {
      c.add(buf, seriesStart, seriesEnd, seriesHash, name, built);
    }
    seriesEnd = -1;
  }

  /**
   * A quick scan for the end of the label set opening at {@code open}: the index after its closing
   * brace, or -1 at a newline or the end of input (the full parse then reports the error).
   */
  private int labelSetEnd(int open) {
    boolean quoted = false;
    for (int p = open + 1; p < end; p++) {
      byte b = buf[p];
      if (b == '\n') {
        return -1;
      } else if (quoted) {
        if (b == '\\') {
          p++;
        } else if (b == '"') {
          quoted = false;
        }
      } else if (b == '"') {
        quoted = true;
      } else if (b == '}') {
        return p + 1;
      }
    }
    return -1;
  }

  /**
   * True when the {@code n} bytes at {@code a} and at {@code b} are the same, 8 at a time, in code
   * the compiler inlines (the vectorised {@code Arrays.equals} is a call, dear for names of a few
   * dozen bytes).
   */
  static boolean sameBytes(byte[] buf, int a, int b, int n) {
    if (n < 8) {
      for (int i = 0; i < n; i++) {
        if (buf[a + i] != buf[b + i]) {
          return false;
        }
      }
      return true;
    }
    // Whole words, the last one overlapping the one before where n is not a multiple of 8.
    int i = 0;
    for (; i + 8 < n; i += 8) {
      if ((long) LONGS.get(buf, a + i) != (long) LONGS.get(buf, b + i)) {
        return false;
      }
    }
    return (long) LONGS.get(buf, a + n - 8) == (long) LONGS.get(buf, b + n - 8);
  }

  final ExpositionException error(int at, String detail) {
    return new ExpositionException(line, Math.max(1, at - lineStart + 1), detail);
  }

  final ExpositionException errorAtLine(int errorLine, String detail) {
    return new ExpositionException(errorLine, 1, detail);
  }

  /** The byte at {@code at} for a message: printable ASCII as is, anything else in hex. */
  final String describe(int at) {
    if (at >= end) {
      return "end of input";
    }
    int c = buf[at] & 0xff;
    if (c == '\n') {
      return "end of line";
    }
    if (c >= 0x20 && c < 0x7f) {
      return "'" + (char) c + "'";
    }
    return String.format("byte 0x%02x", c);
  }

  /**
   * A metric name starting at {@code pos}, which must be a name start; advances {@code pos}.
   * Consecutive samples mostly repeat the name, so the last one is tried first with one vectorised
   * compare of the bytes with its previous occurrence in the body, then the few before it ({@link
   * RecentNames}: a histogram's samples cycle through three names).
   */
  final String metricName() {
    int n = lastMetricLength;
    int last = lastMetricStart;
    if (n > 0
        && pos + n <= end
        && sameBytes(buf, last, pos, n)
        && (pos + n == end || (CLASS[buf[pos + n] & 0xff] & METRIC_PART) == 0)) {
      pos += n;
      return lastMetric;
    }
    return otherMetricName();
  }

  /** A metric name that is not the last one; kept apart so that {@link #metricName} inlines. */
  private String otherMetricName() {
    String recent = recentNames.find(buf, pos, end);
    if (recent != null) {
      lastMetricStart = pos;
      lastMetricLength = recentNames.foundLength();
      lastMetric = recent;
      pos += lastMetricLength;
      return recent;
    }
    int start = pos;
    int h = 0;
    int p = pos;
    while (p < end) {
      int c = buf[p] & 0xff;
      if ((CLASS[c] & METRIC_PART) == 0) {
        break;
      }
      h = 31 * h + c;
      p++;
    }
    pos = p;
    String name = names.ascii(buf, start, p - start, h);
    recentNames.remember(start, p, name);
    lastMetricStart = start;
    lastMetricLength = p - start;
    lastMetric = name;
    return name;
  }

  /**
   * At the first label of a sample's set (just after its '{'): adds to {@code into} the labels that
   * repeat the previous set's byte for byte ({@link PreviousLabels#repeated}) and moves past them.
   * Returns the position of the next label to read, or -1 when the whole set repeated, its '}'
   * included.
   */
  final int repeatedLabels(Labels.Builder into) {
    int repeated = previous.repeated(buf, pos, end);
    if (repeated == 0) {
      return 0;
    }
    for (int i = 0; i < repeated; i++) {
      into.add(previous.repeatedName(i), previous.repeatedValue(i));
    }
    pos = previous.repeatedEnd(repeated);
    return buf[pos - 1] == '}' ? -1 : repeated;
  }

  /** A label name starting at {@code pos}, which must be a label name start; advances. */
  final String labelName() {
    int start = pos;
    int h = 0;
    int p = pos;
    while (p < end) {
      int c = buf[p] & 0xff;
      if ((CLASS[c] & LABEL_PART) == 0) {
        break;
      }
      h = 31 * h + c;
      p++;
    }
    pos = p;
    return names.ascii(buf, start, p - start, h);
  }

  /**
   * The label name starting at {@code pos} (a label name start) as the {@code position}-th label of
   * its set; advances. The name at that position in the previous set is tried first.
   */
  final String labelName(int position) {
    String known = previous.name(buf, pos, end, position);
    if (known != null) {
      pos += previous.nameLength(position);
      return known;
    }
    int start = pos;
    String name = labelName();
    previous.rememberName(position, start, pos, name);
    return name;
  }

  /**
   * The string for the label value between {@code start} and {@code stop} (quotes excluded).
   *
   * @param hash the hash of the raw bytes, as {@code 31 * h + b}
   * @param nonAscii whether any byte is {@code >= 0x80}
   * @param escaped whether a backslash occurs
   */
  final String labelValue(int start, int stop, int hash, boolean nonAscii, boolean escaped)
      throws ExpositionException {
    int len = stop - start;
    String s = values.get(buf, start, len, hash);
    if (s != null) {
      return s;
    }
    if (nonAscii && !Utf8.isValid(buf, start, stop)) {
      throw error(start, "label value is not valid UTF-8");
    }
    if (escaped) {
      s = unescape(start, stop, true, nonAscii);
    } else {
      s =
          new String(
              buf, start, len, nonAscii ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
    }
    values.put(buf, start, len, hash, s);
    return s;
  }

  /**
   * Decodes {@code \\}, {@code \n} and (when {@code quote}) {@code \"}; any other backslash stays
   * as it is, as Prometheus does.
   */
  final String unescape(int start, int stop, boolean quote, boolean nonAscii) {
    if (scratch.length < stop - start) {
      scratch = new byte[Math.max(stop - start, scratch.length * 2)];
    }
    int n = 0;
    for (int p = start; p < stop; p++) {
      byte b = buf[p];
      if (b == '\\' && p + 1 < stop) {
        byte next = buf[p + 1];
        if (next == '\\') {
          p++;
        } else if (next == 'n') {
          b = '\n';
          p++;
        } else if (next == '"' && quote) {
          b = '"';
          p++;
        }
      }
      scratch[n++] = b;
    }
    return new String(
        scratch, 0, n, nonAscii ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
  }

  /** Help text between {@code start} and {@code stop}, unescaped and checked for UTF-8. */
  final String helpText(int start, int stop, boolean quoteEscape) throws ExpositionException {
    boolean nonAscii = false;
    boolean escaped = false;
    for (int p = start; p < stop; p++) {
      byte b = buf[p];
      if (b < 0) {
        nonAscii = true;
      } else if (b == '\\') {
        escaped = true;
      }
    }
    if (nonAscii && !Utf8.isValid(buf, start, stop)) {
      throw error(start, "help text is not valid UTF-8");
    }
    if (escaped) {
      return unescape(start, stop, quoteEscape, nonAscii);
    }
    return new String(
        buf, start, stop - start, nonAscii ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
  }

  /** Where the number {@link #plainNumber} read last ends. */
  int plainEnd;

  /**
   * The common shapes of a value, read in the same pass that finds its end: an optional minus,
   * digits, and an optional point with more digits, at most 15 digits in all ({@code 42}, {@code
   * -1.5}, {@code 0.005}). Returns the value and sets {@link #plainEnd} to the first byte after it
   * (which the caller must check ends the token); returns NaN, which these shapes never give, when
   * the bytes at {@code start} are not such a number. The result is bit for bit what {@link
   * #parseFloat} gives for the same bytes: a mantissa below 10^15 and a power of ten up to 10^15
   * are exact doubles, so one division rounds correctly, as there.
   */
  final double plainNumber(int start) {
    byte[] b = buf;
    int stop = end;
    int p = start;
    boolean negative = p < stop && b[p] == '-';
    if (negative) {
      p++;
    }
    int first = p;
    long mantissa = 0;
    while (p < stop && b[p] >= '0' && b[p] <= '9') {
      mantissa = mantissa * 10 + (b[p] - '0');
      p++;
    }
    int intDigits = p - first;
    int fracDigits = 0;
    if (p < stop && b[p] == '.') {
      p++;
      int fracStart = p;
      while (p < stop && b[p] >= '0' && b[p] <= '9') {
        mantissa = mantissa * 10 + (b[p] - '0');
        p++;
      }
      fracDigits = p - fracStart;
      if (fracDigits == 0) {
        return Double.NaN;
      }
    }
    if (intDigits == 0 || intDigits + fracDigits > 15) {
      return Double.NaN;
    }
    plainEnd = p;
    double v = mantissa;
    if (fracDigits > 0) {
      v = v / POW10[fracDigits];
    }
    return negative ? -v : v;
  }

  /**
   * Parses the float between {@code start} and {@code stop} as Go's {@code strconv.ParseFloat}
   * does, without hexadecimal floats and underscores: an optional sign, decimal digits with an
   * optional point and exponent, {@code inf}, {@code infinity} (signed or not) or {@code nan}, in
   * any case. Values out of the double range are an error.
   */
  final double parseFloat(int start, int stop, String what) throws ExpositionException {
    double v = floatOrNull(start, stop);
    if (Double.isNaN(v) && !isNan(start, stop)) {
      if (stop == start) {
        throw error(start, "expected " + what);
      }
      throw error(start, "invalid " + what + " \"" + ascii(start, stop) + "\"");
    }
    return v;
  }

  /** The float, or a NaN that is not the literal {@code NaN} when the syntax is wrong. */
  private double floatOrNull(int start, int stop) throws ExpositionException {
    int p = start;
    if (p >= stop) {
      return Double.NaN;
    }
    boolean negative = false;
    byte b = buf[p];
    if (b == '+' || b == '-') {
      negative = b == '-';
      p++;
      if (p >= stop) {
        return Double.NaN;
      }
      b = buf[p];
    }
    if (b == 'i' || b == 'I') {
      if (equalsIgnoreCase(p, stop, "inf") || equalsIgnoreCase(p, stop, "infinity")) {
        return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
      }
      return Double.NaN;
    }
    if (b == 'n' || b == 'N') {
      // Signed NaN is not accepted by Go; the caller tells syntax errors apart with isNan.
      return Double.NaN;
    }
    long mantissa = 0;
    int digits = 0;
    int exp10 = 0;
    boolean sawDigit = false;
    boolean sawPoint = false;
    boolean dropped = false;
    for (; p < stop; p++) {
      b = buf[p];
      if (b >= '0' && b <= '9') {
        sawDigit = true;
        if (digits < 19) {
          if (digits > 0 || b != '0') {
            mantissa = mantissa * 10 + (b - '0');
            digits++;
          }
          if (sawPoint) {
            exp10--;
          }
        } else {
          dropped |= b != '0';
          if (!sawPoint) {
            exp10++;
          }
        }
      } else if (b == '.' && !sawPoint) {
        sawPoint = true;
      } else {
        break;
      }
    }
    if (!sawDigit) {
      return Double.NaN;
    }
    if (p < stop) {
      if (buf[p] != 'e' && buf[p] != 'E') {
        return Double.NaN;
      }
      p++;
      boolean expNegative = false;
      if (p < stop && (buf[p] == '+' || buf[p] == '-')) {
        expNegative = buf[p] == '-';
        p++;
      }
      if (p >= stop) {
        return Double.NaN;
      }
      int e = 0;
      for (; p < stop; p++) {
        b = buf[p];
        if (b < '0' || b > '9') {
          return Double.NaN;
        }
        if (e < 100000) {
          e = e * 10 + (b - '0');
        }
      }
      exp10 += expNegative ? -e : e;
    }
    double v;
    // Clinger's fast path: a mantissa of at most 2^53 and a power of ten up to 10^22 are exact
    // doubles, so one division or product rounds correctly. 2^53 has 16 digits; a mantissa of more
    // may have overflowed the long (19 digits are kept), so only 16-digit ones are compared.
    if ((digits <= 15 || (digits == 16 && mantissa <= 1L << 53)) && exp10 >= -22 && exp10 <= 22) {
      v = mantissa;
      v = exp10 < 0 ? v / POW10[-exp10] : v * POW10[exp10];
      if (negative) {
        v = -v;
      }
    } else if (mantissa == 0) {
      v = negative ? -0.0 : 0.0;
    } else {
      // Up to 19 digits (which the long holds unsigned): Eisel–Lemire, as Go's strconv does.
      v = dropped ? Double.NaN : EiselLemire.toDouble(mantissa, exp10, negative);
      if (Double.isNaN(v)) {
        // More digits, or a decimal the fast algorithm cannot round: the JDK's exact path.
        v = Double.parseDouble(latin1(start, stop));
        if (Double.isInfinite(v)) {
          throw error(start, "value out of range \"" + ascii(start, stop) + "\"");
        }
      }
    }
    return v;
  }

  private boolean isNan(int start, int stop) {
    return equalsIgnoreCase(start, stop, "nan");
  }

  final boolean equalsIgnoreCase(int start, int stop, String word) {
    if (stop - start != word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      int c = buf[start + i] | 0x20;
      if (c != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  final boolean regionEquals(int start, int stop, String word) {
    if (stop - start != word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if (buf[start + i] != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private String latin1(int start, int stop) {
    return new String(buf, start, stop - start, StandardCharsets.ISO_8859_1);
  }

  /** The bytes as a string for messages, cut to a readable length. */
  final String ascii(int start, int stop) {
    int n = Math.min(stop - start, 64);
    return new String(buf, start, n, StandardCharsets.UTF_8) + (n < stop - start ? "..." : "");
  }

  /**
   * Seconds with an optional fraction and exponent (OpenMetrics timestamps) to milliseconds,
   * exactly, truncated toward zero; saturates outside the {@code long} range. The syntax was
   * checked by {@link #parseFloat}.
   */
  final long secondsToMillis(int start, int stop) {
    int p = start;
    boolean negative = false;
    if (buf[p] == '+' || buf[p] == '-') {
      negative = buf[p] == '-';
      p++;
    }
    long whole = 0;
    int ms = 0;
    int fracDigits = 0;
    boolean sawPoint = false;
    for (; p < stop; p++) {
      byte b = buf[p];
      if (b == '.') {
        sawPoint = true;
      } else if (b >= '0' && b <= '9') {
        if (sawPoint) {
          if (fracDigits < 3) {
            ms = ms * 10 + (b - '0');
            fracDigits++;
          }
        } else {
          if (whole > (Long.MAX_VALUE / 1000 - 9) / 10) {
            return slowSecondsToMillis(start, stop);
          }
          whole = whole * 10 + (b - '0');
        }
      } else {
        return slowSecondsToMillis(start, stop);
      }
    }
    for (; fracDigits < 3; fracDigits++) {
      ms *= 10;
    }
    long millis = whole * 1000 + ms;
    return negative ? -millis : millis;
  }

  private long slowSecondsToMillis(int start, int stop) {
    BigInteger ms = new BigDecimal(latin1(start, stop)).movePointRight(3).toBigInteger();
    if (ms.compareTo(LONG_MAX) > 0) {
      return Long.MAX_VALUE;
    }
    if (ms.compareTo(LONG_MIN) < 0) {
      return Long.MIN_VALUE + 1;
    }
    return ms.longValue();
  }
}
