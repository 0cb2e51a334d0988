package io.github.vulcanscraper.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.function.DoubleConsumer;
import org.junit.jupiter.api.Test;

final class GoFloatTest {
  private static final long TWO_53 = 1L << 53;

  private static String fast(double v) {
    ByteSink out = new ByteSink(32);
    GoFloat.append(v, out);
    return out.toString();
  }

  private static String general(double v) {
    ByteSink out = new ByteSink(32);
    GoFloat.appendGeneral(v, out);
    return out.toString();
  }

  /** Each path against the other and against the formatter as it was before the fast paths. */
  private static void assertSameEverywhere(double v) {
    String legacy = Legacy.toString(v);
    assertThat(general(v)).as("general path of %s", v).isEqualTo(legacy);
    assertThat(fast(v)).as("fast path of %s", v).isEqualTo(legacy);
  }

  @Test
  void integersAroundPowersOfTenAndTwoAreWrittenAsBefore() {
    for (int k = 0; k <= 18; k++) {
      long p = (long) Math.pow(10, k);
      for (long n : new long[] {p - 1, p, p + 1, 9 * p, 12345 * p}) {
        assertSameEverywhere(n);
        assertSameEverywhere(-n);
      }
    }
    for (int k = 0; k <= 64; k++) {
      double p = Math.scalb(1.0, k);
      for (double n : new double[] {p - 1, p, p + 1, Math.nextDown(p), Math.nextUp(p)}) {
        assertSameEverywhere(n);
        assertSameEverywhere(-n);
      }
    }
    for (double v : new double[] {0.0, -0.0, 999999, 1e6, 1e6 + 1, 1048575, 1e15, TWO_53 - 1}) {
      assertSameEverywhere(v);
      assertSameEverywhere(-v);
    }
    assertThat(fast(1048575)).isEqualTo("1.048575e+06");
    assertThat(fast(-(TWO_53 - 1))).isEqualTo("-9.007199254740991e+15");
    assertThat(fast(1e15)).isEqualTo("1e+15");
  }

  @Test
  void randomIntegersBelowTwoToThe53AreWrittenAsBefore() {
    SplittableRandom random = new SplittableRandom(53);
    for (int i = 0; i < 200_000; i++) {
      // Uniform over ±2^53, and uniform over the number of digits.
      long n = i % 2 == 0 ? random.nextLong(TWO_53) : random.nextLong((long) Math.pow(10, i % 16));
      assertSameEverywhere(random.nextBoolean() ? n : -n);
    }
  }

  @Test
  void randomDecimalsAreWrittenAsBefore() {
    SplittableRandom random = new SplittableRandom(17);
    for (int i = 0; i < 200_000; i++) {
      // A decimal with up to 17 digits and any point, as exporters write them: 12345.67, 0.042.
      long digits = random.nextLong((long) Math.pow(10, 1 + random.nextInt(17)));
      double v = Double.parseDouble(digits + "e" + (random.nextInt(40) - 30));
      assertSameEverywhere(random.nextBoolean() ? v : -v);
    }
  }

  @Test
  void randomDoublesAreWrittenAsBefore() {
    SplittableRandom random = new SplittableRandom(64);
    DoubleConsumer check =
        v -> {
          if (!Double.isNaN(v)) {
            assertSameEverywhere(v);
          }
        };
    for (int i = 0; i < 100_000; i++) {
      check.accept(Double.longBitsToDouble(random.nextLong()));
      check.accept(random.nextDouble() * Math.pow(10, random.nextInt(30) - 10));
      check.accept(random.nextInt(10_000_000) / 100.0);
    }
  }

  @Test
  void specialValuesAreWrittenAsGoWritesThem() {
    assertThat(fast(Double.NaN)).isEqualTo("NaN");
    assertThat(fast(Double.POSITIVE_INFINITY)).isEqualTo("+Inf");
    assertThat(fast(Double.NEGATIVE_INFINITY)).isEqualTo("-Inf");
    assertThat(fast(-0.0)).isEqualTo("-0");
    assertThat(fast(0.0)).isEqualTo("0");
    assertThat(general(Double.NaN)).isEqualTo("NaN");
    assertThat(general(-0.0)).isEqualTo("-0");
  }

  /** The formatter before the fast paths, kept as the reference they are checked against. */
  private static final class Legacy {
    static String toString(double v) {
      StringBuilder sb = new StringBuilder();
      append(v, sb);
      return sb.toString();
    }

    static void append(double v, StringBuilder sb) {
      if (Double.isNaN(v)) {
        sb.append("NaN");
        return;
      }
      if (Double.isInfinite(v)) {
        sb.append(v > 0 ? "+Inf" : "-Inf");
        return;
      }
      if (v == 0) {
        sb.append(Double.doubleToRawLongBits(v) < 0 ? "-0" : "0");
        return;
      }
      if (v == Math.rint(v) && Math.abs(v) < 1e6) {
        sb.append((long) v);
        return;
      }
      if (v < 0) {
        sb.append('-');
        v = -v;
      }
      String s = Double.toString(v);
      int e = s.indexOf('E');
      int exp10 = e < 0 ? 0 : Integer.parseInt(s.substring(e + 1));
      String mantissa = e < 0 ? s : s.substring(0, e);
      int point = mantissa.indexOf('.');
      StringBuilder digits = new StringBuilder(mantissa.length());
      digits.append(mantissa, 0, point).append(mantissa, point + 1, mantissa.length());
      int dp = point + exp10;
      int lead = 0;
      while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
        lead++;
      }
      dp -= lead;
      int stop = digits.length();
      while (stop > lead + 1 && digits.charAt(stop - 1) == '0') {
        stop--;
      }
      String d = digits.substring(lead, stop);
      int nd = d.length();
      int exp = dp - 1;
      if (exp < -4 || exp >= 6) {
        sb.append(d.charAt(0));
        if (nd > 1) {
          sb.append('.').append(d, 1, nd);
        }
        sb.append('e').append(exp < 0 ? '-' : '+');
        int a = Math.abs(exp);
        if (a < 10) {
          sb.append('0');
        }
        sb.append(a);
      } else if (dp <= 0) {
        sb.append("0.");
        for (int i = dp; i < 0; i++) {
          sb.append('0');
        }
        sb.append(d);
      } else if (dp >= nd) {
        sb.append(d);
        for (int i = nd; i < dp; i++) {
          sb.append('0');
        }
      } else {
        sb.append(d, 0, dp).append('.').append(d, dp, nd);
      }
    }
  }
}
