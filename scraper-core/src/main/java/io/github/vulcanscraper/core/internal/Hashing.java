package io.github.vulcanscraper.core.internal;

import java.nio.charset.StandardCharsets;

/**
 * Stable 64-bit hashes: the same value on every JVM and every node, so that nodes agree on a
 * target's owner and on its schedule phase. FNV-1a over the UTF-8 bytes of a string, then a strong
 * finalizer (the one of SplitMix64) to spread the bits.
 */
public final class Hashing {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private Hashing() {}

  /** The FNV-1a 64 hash of the UTF-8 bytes of {@code s}, finalized by {@link #mix64}. */
  public static long hash64(String s) {
    long h = FNV_OFFSET;
    int n = s.length();
    boolean ascii = true;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        ascii = false;
        break;
      }
      h = (h ^ c) * FNV_PRIME;
    }
    if (!ascii) {
      h = FNV_OFFSET;
      for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
        h = (h ^ (b & 0xff)) * FNV_PRIME;
      }
    }
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
