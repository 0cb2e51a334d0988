package io.github.vulcanscraper.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Eisel–Lemire gives, bit for bit, what {@link Double#parseDouble} gives wherever it answers, and
 * it answers almost everywhere; the scanner's float parser with it still agrees with the JDK on the
 * decimals that take it (17 to 19 significant digits) and on the edges of the double range.
 */
final class EiselLemireTest {
  private static final class Scanner extends ExpositionScanner {
    double parse(String text) throws ExpositionException {
      byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
      reset(b, 0, b.length);
      return parseFloat(0, b.length, "value");
    }
  }

  private final Scanner scanner = new Scanner();

  private static long bits(double v) {
    return Double.doubleToRawLongBits(v);
  }

  @Test
  void agreesWithTheJdkOnRandomDecimalsOverTheWholeExponentRange() {
    SplittableRandom random = new SplittableRandom(20261122);
    int declined = 0;
    int tries = 300_000;
    for (int i = 0; i < tries; i++) {
      // 1 to 19 significant digits, read unsigned (19 nines do not fit a signed long).
      int digits = 1 + random.nextInt(19);
      long w = 1 + random.nextLong((long) Math.pow(10, Math.min(digits, 18)));
      if (digits == 19) {
        w = w * 10 + random.nextInt(10);
      }
      int q = EiselLemire.MIN_EXP10 + random.nextInt(EiselLemire.MAX_EXP10 - EiselLemire.MIN_EXP10);
      boolean negative = random.nextBoolean();
      double v = EiselLemire.toDouble(w, q, negative);
      String text = (negative ? "-" : "") + Long.toUnsignedString(w) + "e" + q;
      double expected = Double.parseDouble(text);
      if (Double.isNaN(v)) {
        declined++;
        continue;
      }
      assertThat(bits(v)).as(text).isEqualTo(bits(expected));
    }
    // It declines subnormals, overflows and near-ties: a small share of this range, not most.
    assertThat(declined).isLessThan(tries / 5);
  }

  @Test
  void agreesWithTheJdkOnSeventeenDigitDecimalsAsFloatSumsPrint() throws ExpositionException {
    SplittableRandom random = new SplittableRandom(7);
    int answered = 0;
    for (int i = 0; i < 200_000; i++) {
      double d = random.nextDouble() * Math.pow(10, random.nextInt(-12, 13));
      String text = Double.toString(d);
      assertThat(bits(scanner.parse(text))).as(text).isEqualTo(bits(Double.parseDouble(text)));
      // And directly, with the digits as a decimal mantissa and exponent.
      String plain = new BigDecimal(text).stripTrailingZeros().toPlainString();
      BigDecimal exact = new BigDecimal(plain);
      if (exact.precision() <= 18) {
        double v =
            EiselLemire.toDouble(exact.unscaledValue().longValueExact(), -exact.scale(), false);
        if (!Double.isNaN(v)) {
          answered++;
          assertThat(bits(v)).as(plain).isEqualTo(bits(Double.parseDouble(plain)));
        }
      }
    }
    assertThat(answered).isGreaterThan(150_000);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "244.18800000000002",
        "0.30000000000000004",
        "9007199254740993", // 2^53 + 1: a tie, rounds to even
        "9007199254740995",
        "18446744073709551615", // 2^64 - 1: 20 digits, one dropped
        "9999999999999999999",
        "1.7976931348623157e308", // the largest double
        "2.2250738585072014e-308", // the smallest normal one
        "2.2250738585072011e-308", // a subnormal
        "4.9e-324",
        "1e-400",
        "123456789012345678e-5",
        "-0.000000000000000000000000000000123456789012345678"
      })
  void agreesWithTheJdkAtTheEdges(String text) throws ExpositionException {
    assertThat(bits(scanner.parse(text))).isEqualTo(bits(Double.parseDouble(text)));
  }

  @Test
  void aValueBeyondTheLargestDoubleIsStillAnError() {
    assertThatThrownBy(() -> scanner.parse("1.7976931348623159e308"))
        .isInstanceOf(ExpositionException.class)
        .hasMessageContaining("value out of range");
  }
}
