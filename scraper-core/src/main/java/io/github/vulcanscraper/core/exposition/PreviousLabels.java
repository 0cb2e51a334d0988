package io.github.vulcanscraper.core.exposition;

import static io.github.vulcanscraper.core.exposition.ExpositionScanner.LABEL_PART;
import static io.github.vulcanscraper.core.exposition.ExpositionScanner.sameBytes;

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
 * <p>Before that, the set as a whole: {@link #repeated} compares the bytes of the new set with
 * those of the previous one in one vectorised pass, and the labels that lie wholly before the first
 * difference are taken as they are, with no compare per name and value ({@code handler} in a run of
 * buckets, {@code cpu} in a run of modes). Only plain labels count there: a label name or value
 * that the parser read with side effects (a quoted name, a raw newline) ends the repeatable part.
 *
 * <p>Entries point into the body being read (start and length) and hold the decoded string, so
 * nothing is copied; {@link #clear()} forgets them before the next body. Only the first {@value
 * #POSITIONS} positions of a set are kept. Not thread-safe; one per parser.
 */
final class PreviousLabels {
  static final int POSITIONS = 8;

  // Per position: the name's start and length, then the raw value's start and length.
  private final int[] spans = new int[POSITIONS * 4];

  // Per position: the name, then the value; null when not known. A new array for each body, young
  // while the body is read: see ExpositionScanner#labels for why.
  private @Nullable String[] strings = new String[POSITIONS * 2];

  // The last set as a whole: where its first label starts, and per position the offset from there
  // to just after the label's separator (',' or '}'), for its first plainLabels labels.
  private int setStart;
  private final int[] labelEnds = new int[POSITIONS];
  private int plainLabels;

  // Whether the labels of the set being read are all plain so far.
  private boolean readingPlain;

  /** Forgets every entry: they point into the previous body. */
  void clear() {
    strings = new String[POSITIONS * 2];
    plainLabels = 0;
  }

  /**
   * Starts a sample's label set whose first label is at {@code pos}: the number of its leading
   * labels that repeat the previous set's byte for byte, each with its separator. The parser takes
   * those from {@link #repeatedName} and {@link #repeatedValue} by position, moves to {@link
   * #repeatedEnd}, and reads on from the next position, reporting each label it ends with {@link
   * #labelEnded}.
   */
  int repeated(byte[] buf, int pos, int end) {
    int previousStart = setStart;
    int count = plainLabels;
    // From here on the entries describe the set being read, whose first labels are the same.
    setStart = pos;
    readingPlain = true;
    if (count == 0) {
      return 0;
    }
    int n = Math.min(labelEnds[count - 1], end - pos);
    int same = Arrays.mismatch(buf, previousStart, previousStart + n, buf, pos, pos + n);
    if (same < 0) {
      same = n;
    }
    int k = 0;
    while (k < count && labelEnds[k] <= same) {
      k++;
    }
    plainLabels = k;
    return k;
  }

  /** Where the {@code k} labels {@link #repeated} found end in the set being read. */
  int repeatedEnd(int k) {
    return setStart + labelEnds[k - 1];
  }

  /** The name at {@code position} of the previous set; only for positions {@link #repeated}. */
  String repeatedName(int position) {
    return strings[2 * position];
  }

  /** The value at {@code position} of the previous set; only for positions {@link #repeated}. */
  String repeatedValue(int position) {
    return strings[2 * position + 1];
  }

  /**
   * The label at {@code position} of the set being read ended just before {@code after} (its
   * separator included); {@code plain} when its name and value were read from the bytes alone.
   */
  void labelEnded(int position, int after, boolean plain) {
    if (!readingPlain) {
      return;
    }
    if (!plain || position >= POSITIONS) {
      readingPlain = false;
      return;
    }
    labelEnds[position] = after - setStart;
    plainLabels = position + 1;
  }

  /** The set being read has something other than plain labels here: no label after repeats. */
  void notRepeatable() {
    readingPlain = false;
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
}
