package io.github.vulcanscraper.core.exposition;

import static io.github.vulcanscraper.core.exposition.ExpositionScanner.CLASS;
import static io.github.vulcanscraper.core.exposition.ExpositionScanner.METRIC_PART;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The last few metric names read in the body, tried before the intern table when the very last one
 * does not repeat: a histogram's samples cycle through three ({@code _bucket}, {@code _sum}, {@code
 * _count}). A name found again costs a vectorised compare of its bytes with its earlier occurrence
 * in the same body, instead of a hash over them, a {@link NameTable} probe and the same compare.
 * Entries point into the body being read; {@link #clear()} forgets them before the next. Not
 * thread-safe; one per parser.
 */
final class RecentNames {
  private static final int SIZE = 4;

  private final int[] starts = new int[SIZE];
  private final int[] lengths = new int[SIZE];
  // A new array for each body, young while the body is read: see ExpositionScanner#labels.
  private @Nullable String[] names = new String[SIZE];
  private int found;
  private int next;

  /** Forgets every entry: they point into the previous body. */
  void clear() {
    Arrays.fill(lengths, 0);
    names = new String[SIZE];
  }

  /**
   * The name whose bytes the body repeats at {@code pos}, followed by a byte that cannot continue a
   * metric name (or the end); null when none does.
   */
  @Nullable String find(byte[] buf, int pos, int end) {
    for (int k = 0; k < SIZE; k++) {
      if (repeats(buf, pos, end, k)) {
        found = k;
        return names[k];
      }
    }
    return null;
  }

  private boolean repeats(byte[] buf, int pos, int end, int k) {
    int n = lengths[k];
    int after = pos + n;
    return n > 0
        && after <= end
        && ExpositionScanner.sameBytes(buf, starts[k], pos, n)
        && (after == end || (CLASS[buf[after] & 0xff] & METRIC_PART) == 0);
  }

  /** The length in bytes of the name {@link #find} returned last. */
  int foundLength() {
    return lengths[found];
  }

  /** Remembers the name read between {@code start} and {@code stop}, replacing the oldest. */
  void remember(int start, int stop, String name) {
    starts[next] = start;
    lengths[next] = stop - start;
    names[next] = name;
    next = (next + 1) & (SIZE - 1);
  }
}
