package io.github.vulcanscraper.core.exposition;

/**
 * Formats doubles as Go's {@code strconv.FormatFloat(v, 'g', -1, 64)} does, which is how Prometheus
 * and its client libraries write sample values: the shortest decimal that reads back as the same
 * double, in exponent form ({@code 1.5e+06}, {@code 1e-05}) when the exponent is below -4 or at
 * least 6, and {@code +Inf}, {@code -Inf}, {@code NaN}.
 *
 * <p>Design: the general path takes the digits of {@link Double#toString(double)}, which are slow
 * to make (and on Java 17 not always the shortest for large values: {@code 2.43933839663657376E17};
 * they are kept as they were). Two fast paths give the same digits without it, for the values a
 * scrape is mostly made of:
 *
 * <ul>
 *   <li>An integer below 2<sup>53</sup> (counters, byte counts): its decimal digits are exact, and
 *       no shorter decimal is within half an ulp of it, since the ulp is at most 1.
 *   <li>A decimal with few digits ({@code 12345.67}, {@code 0.042}): for k = 1, 2, ... fraction
 *       digits, {@code m = rint(|v| * 10^k)} while that is below 2<sup>49</sup>; the first k with
 *       {@code m / 10^k == |v|} gives the digits. Below 2<sup>49</sup> the product is off by at
 *       most 1/32 and v's rounding interval, scaled, is at most 1/16 wide each side, so {@code m}
 *       is the only integer whose decimal with k fraction digits reads back as v; {@code m} and
 *       {@code 10^k} are exact doubles, so the correctly rounded quotient is what a parser reads.
 *       The first such k is the shortest decimal, and being the only one, the closest.
 * </ul>
 *
 * <p>With them a value of a node_exporter-like scrape takes a fraction of the 100 to 200 ns of
 * {@code Double.toString}. The tests check both against the general path and the formatter as it
 * was before them, on hundreds of thousands of integers, decimals and random doubles.
 */
final class GoFloat {
  private static final double TWO_53 = 0x1p53;
  private static final double TWO_49 = 0x1p49;
  private static final int MAX_FRACTION_DIGITS = 17;

  /** 10^0 to 10^22, all exact doubles. */
  private static final double[] POW10 = new double[23];

  static {
    POW10[0] = 1;
    for (int i = 1; i < POW10.length; i++) {
      POW10[i] = POW10[i - 1] * 10;
    }
  }

  private GoFloat() {}

  /**
   * Appends {@code v} as Go formats it.
   *
   * @param v any double
   * @param out where the ASCII text goes
   */
  static void append(double v, ByteSink out) {
    if (special(v, out)) {
      return;
    }
    double a = Math.abs(v);
    if (a < TWO_53 && a == Math.rint(a)) {
      long n = (long) a;
      if (n < 1_000_000) {
        out.writeLong((long) v);
        return;
      }
      if (v < 0) {
        out.writeAscii('-');
      }
      int nd = ByteSink.digits(n);
      appendDigits(n, nd, nd, out);
      return;
    }
    if (v < 0) {
      out.writeAscii('-');
    }
    if (!appendDecimal(a, out)) {
      appendDigitsOf(a, out);
    }
  }

  /**
   * Appends {@code v} without the fast paths: the digits always come from {@link
   * Double#toString(double)}. What the fast paths must agree with.
   *
   * @param v any double
   * @param out where the ASCII text goes
   */
  static void appendGeneral(double v, ByteSink out) {
    if (special(v, out)) {
      return;
    }
    if (v < 0) {
      out.writeAscii('-');
    }
    appendDigitsOf(Math.abs(v), out);
  }

  /**
   * {@code v} as Go formats it.
   *
   * @param v any double
   * @return the text
   */
  static String toString(double v) {
    ByteSink out = new ByteSink(24);
    append(v, out);
    return out.toString();
  }

  /** Writes NaN, the infinities and the zeros; false for any other value. */
  private static boolean special(double v, ByteSink out) {
    if (Double.isNaN(v)) {
      out.writeUtf8("NaN");
    } else if (Double.isInfinite(v)) {
      out.writeUtf8(v > 0 ? "+Inf" : "-Inf");
    } else if (v == 0) {
      out.writeUtf8(Double.doubleToRawLongBits(v) < 0 ? "-0" : "0");
    } else {
      return false;
    }
    return true;
  }

  /** The second fast path (see the class comment) for {@code a > 0}; false when it does not fit. */
  private static boolean appendDecimal(double a, ByteSink out) {
    for (int k = 1; k <= MAX_FRACTION_DIGITS; k++) {
      double scaled = a * POW10[k];
      if (scaled >= TWO_49) {
        return false;
      }
      double m = Math.rint(scaled);
      // The only candidate is within 1/16 + 1/32 of the product: skip the division when it is not.
      if (Math.abs(scaled - m) <= 0.125 && m / POW10[k] == a) {
        long digits = (long) m;
        int nd = ByteSink.digits(digits);
        appendDigits(digits, nd, nd - k, out);
        return true;
      }
    }
    return false;
  }

  /**
   * The general path for {@code a > 0}, finite: the digits of {@link Double#toString(double)},
   * which are at most 17 but for a few large values, where they may be more.
   */
  private static void appendDigitsOf(double a, ByteSink out) {
    // "123.45", "0.001", "1.0E-5", "1.2345E10".
    String s = Double.toString(a);
    byte[] digits = new byte[s.length()];
    int nd = 0;
    int dp = 0;
    boolean point = false;
    int i = 0;
    for (; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '.') {
        point = true;
      } else if (c == 'E') {
        break;
      } else if (nd == 0 && c == '0') {
        dp -= point ? 1 : 0;
      } else {
        digits[nd++] = (byte) c;
        dp += point ? 0 : 1;
      }
    }
    if (i < s.length()) {
      dp += Integer.parseInt(s, i + 1, s.length(), 10);
    }
    while (digits[nd - 1] == '0') {
      nd--;
    }
    int exp = dp - 1;
    if (exp < -4 || exp >= 6) {
      out.write(digits, 0, 1);
      if (nd > 1) {
        out.writeAscii('.');
        out.write(digits, 1, nd - 1);
      }
      exponent(exp, out);
    } else if (dp <= 0) {
      out.writeAscii('0');
      out.writeAscii('.');
      zeros(-dp, out);
      out.write(digits, 0, nd);
    } else if (dp >= nd) {
      out.write(digits, 0, nd);
      zeros(dp - nd, out);
    } else {
      out.write(digits, 0, dp);
      out.writeAscii('.');
      out.write(digits, dp, nd - dp);
    }
  }

  /**
   * Writes the number {@code 0.digits * 10^dp} as Go does, for the fast paths.
   *
   * @param digits the significant digits, not 0, at most 17
   * @param nd how many digits {@code digits} has
   * @param dp where the decimal point goes, counted from the first digit
   */
  private static void appendDigits(long digits, int nd, int dp, ByteSink out) {
    while (digits % 10 == 0) {
      digits /= 10;
      nd--;
    }
    int exp = dp - 1;
    if (exp < -4 || exp >= 6) {
      out.writeDigitsWithPoint(digits, nd, 1);
      exponent(exp, out);
    } else if (dp <= 0) {
      out.writeAscii('0');
      out.writeAscii('.');
      zeros(-dp, out);
      out.writeDigits(digits, nd);
    } else if (dp >= nd) {
      out.writeLong(digits);
      zeros(dp - nd, out);
    } else {
      out.writeDigitsWithPoint(digits, nd, dp);
    }
  }

  /** Writes Go's exponent: {@code e+06}, {@code e-05}, {@code e+308}. */
  private static void exponent(int exp, ByteSink out) {
    out.writeAscii('e');
    out.writeAscii(exp < 0 ? '-' : '+');
    int abs = Math.abs(exp);
    if (abs < 10) {
      out.writeAscii('0');
    }
    out.writeLong(abs);
  }

  private static void zeros(int n, ByteSink out) {
    for (int i = 0; i < n; i++) {
      out.writeAscii('0');
    }
  }
}
