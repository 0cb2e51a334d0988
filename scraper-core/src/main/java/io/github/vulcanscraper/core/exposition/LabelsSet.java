package io.github.vulcanscraper.core.exposition;

import io.github.vulcanscraper.api.Labels;
import org.jspecify.annotations.Nullable;

/**
 * A set of {@link Labels} by equality, for the label groups of one OpenMetrics family: open
 * addressing over an array, so an add allocates nothing (a {@code HashSet} allocates a node per
 * entry, and a node_exporter-like family adds one group per sample). Not thread-safe.
 */
final class LabelsSet {
  private @Nullable Labels[] slots;
  private int[] hashes;
  private int size;

  /** An empty set for about {@code expected} sets before it grows. */
  LabelsSet(int expected) {
    int capacity = Integer.highestOneBit(Math.max(8, expected) * 2 - 1) * 2;
    slots = new Labels[capacity];
    hashes = new int[capacity];
  }

  /**
   * Adds {@code labels}.
   *
   * @return false when an equal set was there already
   */
  boolean add(Labels labels) {
    if ((size + 1) * 2 > slots.length) {
      grow();
    }
    int h = labels.hashCode();
    int mask = slots.length - 1;
    int i = mix(h) & mask;
    for (Labels s = slots[i]; s != null; s = slots[i]) {
      if (hashes[i] == h && s.equals(labels)) {
        return false;
      }
      i = (i + 1) & mask;
    }
    slots[i] = labels;
    hashes[i] = h;
    size++;
    return true;
  }

  /** The number of sets added. */
  int size() {
    return size;
  }

  private void grow() {
    @Nullable Labels[] old = slots;
    int[] oldHashes = hashes;
    slots = new Labels[old.length * 2];
    hashes = new int[old.length * 2];
    int mask = slots.length - 1;
    for (int j = 0; j < old.length; j++) {
      if (old[j] != null) {
        int i = mix(oldHashes[j]) & mask;
        while (slots[i] != null) {
          i = (i + 1) & mask;
        }
        slots[i] = old[j];
        hashes[i] = oldHashes[j];
      }
    }
  }

  private static int mix(int h) {
    int m = h * 0x9e3779b9;
    return m ^ (m >>> 16);
  }
}
