package io.github.vulcanscraper.core.exposition;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A small open-addressing table from byte sequences to the {@code String}s they decode to, so that
 * the same metric name, label name or label value read again returns the same {@code String}
 * without allocating. Keys are the raw bytes as they appear in the exposition (escapes included);
 * the caller supplies the decoded string on a miss. Bounded: when full the table is cleared and
 * refilled, so hostile input with millions of distinct names costs no more than {@code maxEntries}
 * entries. Not thread-safe; one per parser.
 */
final class NameTable {
  private final int maxEntries;
  private final int maxKeyLength;
  private final String[] pinned;
  private byte[][] keys;
  private String[] strings;

  /** The hash of each slot's key with the top bit set; 0 for an empty slot. Probed first. */
  private int[] tags;

  private int size;

  /**
   * A table of at most {@code maxEntries} keys of at most {@code maxKeyLength} bytes.
   *
   * @param pinned ASCII strings the table always returns for their bytes, so that a caller can
   *     compare what it reads with them by reference ({@code "le"} read from a body is {@code "le"}
   *     itself)
   */
  NameTable(int maxEntries, int maxKeyLength, String... pinned) {
    this.maxEntries = maxEntries;
    this.maxKeyLength = maxKeyLength;
    this.pinned = pinned.clone();
    allocate(64);
  }

  private void allocate(int capacity) {
    keys = new byte[capacity][];
    strings = new String[capacity];
    tags = new int[capacity];
    size = 0;
    for (String s : pinned) {
      // For ASCII, the scanner's hash of the bytes (31 * h + b) is the string's own hash code.
      insert(s.getBytes(StandardCharsets.ISO_8859_1), s.hashCode() | 0x80000000, s);
    }
  }

  /** The interned string for these bytes, or {@code null} when absent. */
  @Nullable String get(byte[] b, int off, int len, int hash) {
    int[] t = tags;
    int mask = t.length - 1;
    int tag = hash | 0x80000000;
    int i = mix(hash) & mask;
    while (true) {
      int ti = t[i];
      if (ti == 0) {
        return null;
      }
      if (ti == tag) {
        byte[] k = keys[i];
        if (k.length == len && sameBytes(k, b, off, len)) {
          return strings[i];
        }
      }
      i = (i + 1) & mask;
    }
  }

  /** The interned ASCII or Latin-1-safe string for these bytes, decoding on a miss. */
  String ascii(byte[] b, int off, int len, int hash) {
    String s = get(b, off, len, hash);
    if (s == null) {
      s = new String(b, off, len, StandardCharsets.ISO_8859_1);
      put(b, off, len, hash, s);
    }
    return s;
  }

  /** Remembers {@code s} as the decoding of these bytes (ignored for long keys). */
  void put(byte[] b, int off, int len, int hash, String s) {
    if (len > maxKeyLength) {
      return;
    }
    if (size >= maxEntries) {
      allocate(keys.length);
    } else if ((size + 1) * 2 > keys.length) {
      grow();
    }
    insert(Arrays.copyOfRange(b, off, off + len), hash | 0x80000000, s);
  }

  private void insert(byte[] key, int tag, String s) {
    int mask = keys.length - 1;
    int i = mix(tag) & mask;
    while (tags[i] != 0) {
      i = (i + 1) & mask;
    }
    keys[i] = key;
    tags[i] = tag;
    strings[i] = s;
    size++;
  }

  private void grow() {
    byte[][] oldKeys = keys;
    String[] oldStrings = strings;
    int[] oldTags = tags;
    allocate(oldKeys.length * 2);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldTags[i] != 0) {
        insert(oldKeys[i], oldTags[i], oldStrings[i]);
      }
    }
  }

  private static boolean sameBytes(byte[] k, byte[] b, int off, int len) {
    if (len >= 32) {
      return Arrays.equals(k, 0, len, b, off, off + len);
    }
    // Short keys: a plain loop beats the set-up of the vectorised compare.
    for (int j = 0; j < len; j++) {
      if (k[j] != b[off + j]) {
        return false;
      }
    }
    return true;
  }

  private static int mix(int h) {
    return h ^ (h >>> 16);
  }
}
