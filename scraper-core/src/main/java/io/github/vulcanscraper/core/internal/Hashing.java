package io.github.vulcanscraper.core.internal;

/**
 * Stable 64-bit hashes: the same value on every JVM and every node, so that nodes agree on a
 * target's owner and on its schedule phase. Nodes of one pool must run versions with the same hash.
 *
 * <p>Design: {@link #hash64} reads a string's UTF-16 code units four at a time into one 64-bit word
 * and folds each word in with one multiply and one rotation, then finishes with SplitMix64's
 * finalizer. A byte-at-a-time hash such as FNV-1a is a chain of one dependent multiply per byte,
 * which made hashing 100,000 target keys the larger part of computing a node's share; this does a
 * quarter of the multiplies on ASCII keys and needs no UTF-8 encoding for the others.
 */
public final class Hashing {
  private static final long SEED = 0xcbf29ce484222325L;
  private static final long K = 0x9e3779b97f4a7c15L;

  private Hashing() {}

  /**
   * A 64-bit hash of {@code s}'s UTF-16 code units and length, finalized by {@link #mix64}.
   *
   * @param s the string
   * @return the hash, the same on every JVM
   */
  public static long hash64(String s) {
    int n = s.length();
    long h = SEED ^ (n * K);
    int i = 0;
    for (; i + 4 <= n; i += 4) {
      long w =
          s.charAt(i)
              | (long) s.charAt(i + 1) << 16
              | (long) s.charAt(i + 2) << 32
              | (long) s.charAt(i + 3) << 48;
      h = Long.rotateLeft((h ^ w) * K, 29);
    }
    long w = 0;
    for (int shift = 0; i < n; i++, shift += 16) {
      w |= (long) s.charAt(i) << shift;
    }
    h = Long.rotateLeft((h ^ w) * K, 29);
    return mix64(h);
  }

  /** SplitMix64's finalizer: a bijection of 64-bit values with good avalanche. */
  public static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** A uniform double in the open interval (0, 1) from the high 53 bits of {@code h}. */
  public static double unitInterval(long h) {
    return ((h >>> 11) + 0.5) * 0x1.0p-53;
  }
}
