package io.github.vulcanscraper.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The fast path for plain numbers gives, bit for bit, what the general float parser and {@link
 * Double#parseDouble} give, and declines every other shape.
 */
final class PlainNumberTest {
  private static final class Scanner extends ExpositionScanner {
    /** The plain number at the start of {@code text}, or NaN; {@code end[0]} gets its end. */
    double plain(String text, int[] end) {
      byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
      reset(b, 0, b.length);
      double v = plainNumber(0);
      end[0] = plainEnd;
      return v;
    }

    double general(String text, int stop) throws ExpositionException {
      byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
      reset(b, 0, b.length);
      return parseFloat(0, stop, "value");
    }
  }

  private final Scanner scanner = new Scanner();

  private void assertSameAsGeneralPath(String text) throws ExpositionException {
    int[] end = new int[1];
    double fast = scanner.plain(text, end);
    if (Double.isNaN(fast)) {
      return;
    }
    String token = text.substring(0, end[0]);
    assertThat(Double.doubleToRawLongBits(fast))
        .as("%s (token %s)", text, token)
        .isEqualTo(Double.doubleToRawLongBits(scanner.general(text, end[0])))
        .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(token)));
  }

  @Property(tries = 3000)
  void agreesWithTheGeneralPathOnDigitsPointsAndSigns(@ForAll("numberLike") String text)
      throws ExpositionException {
    assertSameAsGeneralPath(text);
  }

  @Property(tries = 3000)
  void agreesWithTheGeneralPathOnPrintedDoubles(@ForAll("printedDoubles") String text)
      throws ExpositionException {
    assertSameAsGeneralPath(text);
    assertSameAsGeneralPath(text + " 123");
    assertSameAsGeneralPath(text + "\n");
  }

  @Property(tries = 3000)
  void generalPathAgreesWithParseDoubleOnLongMantissas(@ForAll("longMantissas") String text)
      throws ExpositionException {
    assertThat(Double.doubleToRawLongBits(scanner.general(text, text.length())))
        .as(text)
        .isEqualTo(Double.doubleToRawLongBits(Double.parseDouble(text)));
  }

  @Property(tries = 2000)
  void readsEveryIntegerOfUpToFifteenDigits(@ForAll("integers") long n) {
    int[] end = new int[1];
    String text = Long.toString(n);

    assertThat(scanner.plain(text + " ", end)).isEqualTo((double) n);
    assertThat(end[0]).isEqualTo(text.length());
  }

  @Test
  void readsTheCommonShapes() {
    int[] end = new int[1];

    assertThat(scanner.plain("0.005\"", end)).isEqualTo(0.005);
    assertThat(end[0]).isEqualTo(5);
    assertThat(scanner.plain("-12.5 1", end)).isEqualTo(-12.5);
    assertThat(end[0]).isEqualTo(5);
    assertThat(Double.doubleToRawLongBits(scanner.plain("-0", end)))
        .isEqualTo(Double.doubleToRawLongBits(-0.0));
    assertThat(scanner.plain("000000000000000000000000012", end)).isNaN();
    assertThat(scanner.plain("999999999999999", end)).isEqualTo(999999999999999.0);
  }

  @Test
  void readsMantissasThatOverflowALong() throws ExpositionException {
    for (String text :
        new String[] {"9223372036854775808", "18446744073709551615", "9999999999999999999.5"}) {
      assertThat(scanner.general(text, text.length())).as(text).isEqualTo(Double.parseDouble(text));
    }
  }

  @Test
  void declinesWhatItDoesNotRead() {
    int[] end = new int[1];
    for (String text :
        new String[] {
          "", "-", "+1", ".5", "1.", "-.5", "1e3", "NaN", "+Inf", "Inf", "1234567890123456", "0x1"
        }) {
      double v = scanner.plain(text, end);
      boolean declined = Double.isNaN(v) || end[0] < text.length();
      assertThat(declined).as(text).isTrue();
    }
  }

  @Provide
  Arbitrary<String> numberLike() {
    return Arbitraries.strings().withChars("0123456789.-+e ").ofMinLength(0).ofMaxLength(22);
  }

  @Provide
  Arbitrary<String> printedDoubles() {
    Arbitrary<String> doubles = Arbitraries.doubles().map(d -> Double.toString(d));
    Arbitrary<String> decimals =
        Arbitraries.longs()
            .between(0, 999_999_999_999_999L)
            .flatMap(
                m ->
                    Arbitraries.integers()
                        .between(0, 15)
                        .map(
                            k -> {
                              String digits = Long.toString(m);
                              if (k == 0 || k >= digits.length()) {
                                return digits;
                              }
                              int cut = digits.length() - k;
                              return digits.substring(0, cut) + "." + digits.substring(cut);
                            }));
    return Arbitraries.oneOf(doubles, decimals, decimals.map(s -> "-" + s));
  }

  /**
   * Decimals of 14 to 20 digits, around 2^53 (where the general path's fast case ends) and above
   * Long.MAX_VALUE, with a point anywhere or an exponent, and printed doubles.
   */
  @Provide
  Arbitrary<String> longMantissas() {
    Arbitrary<String> digits =
        Arbitraries.oneOf(
                Arbitraries.longs().between((1L << 53) - 100_000, (1L << 53) + 100_000),
                Arbitraries.longs().between(10_000_000_000_000L, Long.MAX_VALUE),
                // Unsigned: 19 and 20 digits above Long.MAX_VALUE, which overflow a long.
                Arbitraries.longs().between(Long.MIN_VALUE, -1))
            .map(Long::toUnsignedString);
    Arbitrary<String> pointed =
        Combinators.combine(digits, Arbitraries.integers().between(0, 20))
            .as(
                (d, k) ->
                    k == 0 || k >= d.length()
                        ? d
                        : d.substring(0, d.length() - k) + "." + d.substring(d.length() - k));
    Arbitrary<String> exponent =
        Combinators.combine(pointed, Arbitraries.integers().between(-30, 30))
            .as((d, e) -> d + "e" + e);
    Arbitrary<String> printed =
        Arbitraries.doubles().between(-1e30, 1e30).map(d -> Double.toString(d).replace("E", "e"));
    return Arbitraries.oneOf(pointed, exponent, printed, pointed.map(d -> "-" + d));
  }

  @Provide
  Arbitrary<Long> integers() {
    return Arbitraries.longs().between(-999_999_999_999_999L, 999_999_999_999_999L);
  }
}
