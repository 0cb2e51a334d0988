package io.github.vulcanscraper.core.exposition;

import java.math.BigInteger;

/**
 * Decimal to double, correctly rounded, for a decimal of at most 19 significant digits: the
 * Eisel–Lemire algorithm, as Go's {@code strconv} (and so Prometheus) runs it before its slow path.
 * The decimal {@code w × 10^q} is multiplied by a 128-bit truncation of {@code 10^q}; where the
 * product's bits cannot tell which of two doubles is nearest, it gives up and the caller takes the
 * slow path ({@link Double#parseDouble}), which is rare: a tie to within 2<sup>-64</sup>, a
 * subnormal, an overflow.
 *
 * <p>It serves the values Clinger's fast path does not: 17 significant digits, as a float sum or a
 * ratio prints ({@code 244.18800000000002}), where {@code Double.parseDouble} takes its big-
 * integer path. The tests compare it bit for bit with {@code Double.parseDouble} on random decimals
 * across the whole exponent range.
 *
 * <p>Reference: Daniel Lemire, "Number Parsing at a Gigabyte per Second", Software: Practice and
 * Experience 51(8), 2021; Nigel Tao's version in Go's {@code strconv/eisel_lemire.go}.
 */
final class EiselLemire {
  static final int MIN_EXP10 = -348;
  static final int MAX_EXP10 = 347;

  /**
   * For each power of ten from {@code 10^MIN_EXP10}: the high, then the low 64 bits of its first
   * 128 significant bits, rounded down.
   */
  private static final long[] POWERS = powersOfTen();

  private EiselLemire() {}

  /**
   * The double nearest to {@code w × 10^q} ({@code w} unsigned, not 0), negated when {@code
   * negative}; NaN when the algorithm cannot decide and the slow path must.
   */
  static double toDouble(long w, int q, boolean negative) {
    if (q < MIN_EXP10 || q > MAX_EXP10) {
      return Double.NaN;
    }
    int clz = Long.numberOfLeadingZeros(w);
    long man = w << clz;
    long retExp2 = ((217706L * q) >> 16) + 64 + 1023 - clz;
    int i = 2 * (q - MIN_EXP10);
    long hi = POWERS[i];
    long lo = POWERS[i + 1];
    long xHi = unsignedMultiplyHigh(man, hi);
    long xLo = man * hi;
    if ((xHi & 0x1FF) == 0x1FF && Long.compareUnsigned(xLo + man, man) < 0) {
      // The truncated power may have cost a carry: take its low half into the product.
      long yHi = unsignedMultiplyHigh(man, lo);
      long yLo = man * lo;
      long mergedHi = xHi;
      long mergedLo = xLo + yHi;
      if (Long.compareUnsigned(mergedLo, xLo) < 0) {
        mergedHi++;
      }
      if ((mergedHi & 0x1FF) == 0x1FF
          && mergedLo + 1 == 0
          && Long.compareUnsigned(yLo + man, man) < 0) {
        return Double.NaN;
      }
      xHi = mergedHi;
      xLo = mergedLo;
    }
    long msb = xHi >>> 63;
    long mantissa = xHi >>> (msb + 9);
    retExp2 -= 1 ^ msb;
    if (xLo == 0 && (xHi & 0x1FF) == 0 && (mantissa & 3) == 1) {
      return Double.NaN; // Halfway between two doubles, or too close to tell.
    }
    mantissa += mantissa & 1;
    mantissa >>>= 1;
    if ((mantissa >>> 53) > 0) {
      mantissa >>>= 1;
      retExp2++;
    }
    if (retExp2 <= 0 || retExp2 >= 0x7FF) {
      return Double.NaN; // Subnormal, infinite: the slow path knows.
    }
    long bits = (retExp2 << 52) | (mantissa & 0x000FFFFFFFFFFFFFL);
    if (negative) {
      bits |= Long.MIN_VALUE;
    }
    return Double.longBitsToDouble(bits);
  }

  /** The high 64 bits of the unsigned 128-bit product (Java 18 has it as a method). */
  private static long unsignedMultiplyHigh(long a, long b) {
    return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
  }

  private static long[] powersOfTen() {
    long[] powers = new long[2 * (MAX_EXP10 - MIN_EXP10 + 1)];
    BigInteger mask64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
    for (int q = MIN_EXP10; q <= MAX_EXP10; q++) {
      BigInteger top;
      if (q >= 0) {
        BigInteger p = BigInteger.TEN.pow(q);
        int shift = p.bitLength() - 128;
        top = shift >= 0 ? p.shiftRight(shift) : p.shiftLeft(-shift);
      } else {
        BigInteger d = BigInteger.TEN.pow(-q);
        // 2^k / d with k chosen so that the quotient has 128 bits: d is no power of two.
        top = BigInteger.ONE.shiftLeft(d.bitLength() + 127).divide(d);
      }
      int i = 2 * (q - MIN_EXP10);
      powers[i] = top.shiftRight(64).longValue();
      powers[i + 1] = top.and(mask64).longValue();
    }
    return powers;
  }
}
