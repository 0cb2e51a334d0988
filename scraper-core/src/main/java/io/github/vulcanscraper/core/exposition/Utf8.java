package io.github.vulcanscraper.core.exposition;

/**
 * UTF-8 validation as Go's {@code utf8.Valid}: no overlong forms, surrogates or values past
 * U+10FFFF.
 */
final class Utf8 {
  private Utf8() {}

  static boolean isValid(byte[] b, int start, int stop) {
    int p = start;
    while (p < stop) {
      int c = b[p] & 0xff;
      if (c < 0x80) {
        p++;
        continue;
      }
      int n;
      int lo = 0x80;
      int hi = 0xbf;
      if (c >= 0xc2 && c <= 0xdf) {
        n = 1;
      } else if (c >= 0xe0 && c <= 0xef) {
        n = 2;
        if (c == 0xe0) {
          lo = 0xa0;
        } else if (c == 0xed) {
          hi = 0x9f;
        }
      } else if (c >= 0xf0 && c <= 0xf4) {
        n = 3;
        if (c == 0xf0) {
          lo = 0x90;
        } else if (c == 0xf4) {
          hi = 0x8f;
        }
      } else {
        return false;
      }
      if (p + n >= stop) {
        return false;
      }
      int c1 = b[p + 1] & 0xff;
      if (c1 < lo || c1 > hi) {
        return false;
      }
      for (int i = 2; i <= n; i++) {
        int ci = b[p + i] & 0xff;
        if (ci < 0x80 || ci > 0xbf) {
          return false;
        }
      }
      p += n + 1;
    }
    return true;
  }
}
