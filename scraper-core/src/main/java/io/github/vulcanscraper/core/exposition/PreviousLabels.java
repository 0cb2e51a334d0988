package io.github.vulcanscraper.core.exposition;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The label names and raw label values of the previous label set of the body, by position, so that
 * the parser can try them first: consecutive series mostly repeat them ({@code
 * {cpu="0",mode="idle"}}, {@code {cpu="0",mode="user"}}; {@code {handler="/q",le="0.1"}}, {@code
 * {handler="/q",le="0.5"}}). A name or value found again costs one compare of bytes with its
 * previous occurrence in the same body, instead of a hash over its bytes, a probe of a {@link
 * NameTable} and the same compare. A miss costs the compare up to the first differing byte.
 *
 * <p>Entries point into the body being read (start and length) and hold the decoded string, so
 * nothing is copied; {@link #clear()} forgets them before the next body. Only the first {@value
 * #POSITIONS} positions of a set are kept. Not thread-safe; one per parser.
 */
final class PreviousLabels {
  static final int POSITIONS = 8;

  private final int[] nameStarts = new int[POSITIONS];
  private final int[] nameLengths = new int[POSITIONS];
  private final @Nullable String[] names = new String[POSITIONS];
  private final int[] valueStarts = new int[POSITIONS];
  private final int[] valueLengths = new int[POSITIONS];
  private final @Nullable String[] values = new String[POSITIONS];

  /** Forgets every entry: they point into the previous body. */
  void clear() {
    Arrays.fill(names, null);
    Arrays.fill(values, null);
  }

  /**
   * The label name at {@code position} of the previous set when the body repeats its bytes at
   * {@code pos} followed by a byte that cannot continue a label name (or the end); else null.
   */
  @Nullable String name(byte[] buf, int pos, int end, int position) {
    if (position >= POSITIONS) {
      return null;
    }
    String name = names[position];
    if (name == null) {
      return null;
    }
    int n = nameLengths[position];
    int after = pos + n;
    if (after > end
        || (after < end
            && (ExpositionScanner.CLASS[buf[after] & 0xff] & ExpositionScanner.LABEL_PART) != 0)
        || !sameBytes(buf, nameStarts[position], pos, n)) {
      return null;
    }
    return name;
  }

  /**
   * The length in bytes of the name that {@link #name} returned at {@code position}, that is how
   * far to advance.
   */
  int nameLength(int position) {
    return nameLengths[position];
  }

  /** Remembers the label name read at {@code position}, between {@code start} and {@code stop}. */
  void rememberName(int position, int start, int stop, String name) {
    if (position < POSITIONS) {
      nameStarts[position] = start;
      nameLengths[position] = stop - start;
      names[position] = name;
    }
  }

  /**
   * The label value at {@code position} of the previous set when the body repeats its raw bytes at
   * {@code pos} (just after the opening quote) followed by the closing quote; else null. A raw
   * value that ended at an unescaped quote ends there again, so the same bytes decode to the same
   * value.
   */
  @Nullable String value(byte[] buf, int pos, int end, int position) {
    if (position >= POSITIONS) {
      return null;
    }
    String value = values[position];
    if (value == null) {
      return null;
    }
    int n = valueLengths[position];
    int close = pos + n;
    if (close >= end || buf[close] != '"' || !sameBytes(buf, valueStarts[position], pos, n)) {
      return null;
    }
    return value;
  }

  /** The raw length of the value that {@link #value} returned at {@code position}. */
  int valueLength(int position) {
    return valueLengths[position];
  }

  /**
   * Remembers the label value read at {@code position}, its raw bytes (escapes included, quotes
   * excluded) between {@code start} and {@code stop}.
   */
  void rememberValue(int position, int start, int stop, String value) {
    if (position < POSITIONS) {
      valueStarts[position] = start;
      valueLengths[position] = stop - start;
      values[position] = value;
    }
  }

  private static boolean sameBytes(byte[] buf, int a, int b, int n) {
    for (int i = 0; i < n; i++) {
      if (buf[a + i] != buf[b + i]) {
        return false;
      }
    }
    return true;
  }
}
