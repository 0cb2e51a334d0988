package io.github.vulcanscraper.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * {@link ExpositionScanner#sameBytes}, which the parsers use to find names and labels again, reads
 * a word at a time with the last word overlapping: every length up to five words, with one byte
 * differing at each place in turn, at offsets that are and are not word-aligned.
 */
final class SameBytesTest {
  @Test
  void findsTheSameBytesAndEveryDifferingByte() {
    for (int offset = 0; offset < 3; offset++) {
      for (int n = 0; n <= 40; n++) {
        byte[] buf = new byte[offset + 2 * n + 8];
        int a = offset;
        int b = offset + n + 3;
        for (int i = 0; i < n; i++) {
          buf[a + i] = (byte) ('a' + i % 26);
          buf[b + i] = buf[a + i];
        }

        assertThat(ExpositionScanner.sameBytes(buf, a, b, n)).as("n=%d", n).isTrue();
        for (int i = 0; i < n; i++) {
          buf[b + i]++;
          assertThat(ExpositionScanner.sameBytes(buf, a, b, n)).as("n=%d, at %d", n, i).isFalse();
          buf[b + i]--;
        }
      }
    }
  }
}
