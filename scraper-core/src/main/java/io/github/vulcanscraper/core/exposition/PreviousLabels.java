package io.github.vulcanscraper.core.exposition;

import static io.github.vulcanscraper.core.exposition.ExpositionScanner.LABEL_PART;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
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

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  // Per position: the name's start and length, then the raw value's start and length.
  private final int[] spans = new int[POSITIONS * 4];

  // Per position: the name, then the value; null when not known. A new array for each body, young
  // while the body is read: see ExpositionScanner#labels for why.
  private @Nullable String[] strings = new String[POSITIONS * 2];

  /** Forgets every entry: they point into the previous body. */
  void clear() {
    strings = new String[POSITIONS * 2];
  }

  /**
   * The label name at {@code position} of the previous set when the body repeats its bytes at
   * {@code pos} followed by a byte that cannot continue a label name (or the end); else null.
   */
  @Nullable String name(byte[] buf, int pos, int end, int position) {
    if (position >= POSITIONS) {
      return null;
    }
    String name = strings[2 * position];
    int n = spans[4 * position + 1];
    int after = pos + n;
    if (name == null
        || after > end
        || (after < end && (ExpositionScanner.CLASS[buf[after] & 0xff] & LABEL_PART) != 0)
        || !sameBytes(buf, spans[4 * position], pos, n)) {
      return null;
    }
    return name;
  }

  /** The length in bytes of the name {@link #name} returned at {@code position}. */
  int nameLength(int position) {
    return spans[4 * position + 1];
  }

  /** Remembers the label name read at {@code position}, between {@code start} and {@code stop}. */
  void rememberName(int position, int start, int stop, String name) {
    if (position < POSITIONS) {
      spans[4 * position] = start;
      spans[4 * position + 1] = stop - start;
      strings[2 * position] = name;
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
    String value = strings[2 * position + 1];
    int n = spans[4 * position + 3];
    int close = pos + n;
    if (value == null
        || close >= end
        || buf[close] != '"'
        || !sameBytes(buf, spans[4 * position + 2], pos, n)) {
      return null;
    }
    return value;
  }

  /** The raw length of the value {@link #value} returned at {@code position}. */
  int valueLength(int position) {
    return spans[4 * position + 3];
  }

  /**
   * Remembers the label value read at {@code position}, its raw bytes (escapes included, quotes
   * excluded) between {@code start} and {@code stop}.
   */
  void rememberValue(int position, int start, int stop, String value) {
    if (position < POSITIONS) {
      spans[4 * position + 2] = start;
      spans[4 * position + 3] = stop - start;
      strings[2 * position + 1] = value;
    }
  }

  /** True when the {@code n} bytes at {@code a} and at {@code b} are the same, 8 at a time. */
  private static boolean sameBytes(byte[] buf, int a, int b, int n) {
    int i = 0;
    for (; i + 8 <= n; i += 8) {
      if ((long) LONGS.get(buf, a + i) != (long) LONGS.get(buf, b + i)) {
        return false;
      }
    }
    for (; i < n; i++) {
      if (buf[a + i] != buf[b + i]) {
        return false;
      }
    }
    return true;
  }
}
