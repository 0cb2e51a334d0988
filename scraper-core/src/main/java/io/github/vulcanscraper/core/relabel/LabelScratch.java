package io.github.vulcanscraper.core.relabel;

import io.github.vulcanscraper.api.Labels;
import java.util.Arrays;

/**
 * A mutable label set for one run of the rules, as Prometheus' {@code labels.Builder}: an absent
 * label reads as {@code ""} and setting {@code ""} removes the label. It reads the original labels
 * until the first write, then copies them into parallel arrays (unsorted while rules run), so rules
 * that only filter allocate nothing. An unchanged set is returned as is.
 */
final class LabelScratch {
  private final Labels original;
  private static final String[] NONE = new String[0];

  private String[] names = NONE;
  private String[] values = NONE;

  /** False while the rules only read {@link #original}. */
  private boolean copied;

  private int size;
  private boolean changed;

  LabelScratch(Labels labels) {
    this.original = labels;
  }

  private void copy() {
    copied = true;
    int n = original.size();
    names = new String[n + 4];
    values = new String[n + 4];
    for (int i = 0; i < n; i++) {
      names[i] = original.name(i);
      values[i] = original.value(i);
    }
    size = n;
  }

  /** The value of {@code name}, or {@code ""} when absent. */
  String get(String name) {
    if (!copied) {
      String v = original.get(name);
      return v == null ? "" : v;
    }
    int i = indexOf(name);
    return i < 0 ? "" : values[i];
  }

  /** Sets {@code name}; an empty value removes it. {@code name} must be a valid label name. */
  void set(String name, String value) {
    if (!copied) {
      String current = original.get(name);
      if (current == null ? value.isEmpty() : current.equals(value)) {
        return;
      }
      copy();
    }
    int i = indexOf(name);
    if (value.isEmpty()) {
      if (i >= 0) {
        size--;
        names[i] = names[size];
        values[i] = values[size];
        names[size] = null;
        values[size] = null;
        changed = true;
      }
      return;
    }
    if (i >= 0) {
      if (!values[i].equals(value)) {
        values[i] = value;
        changed = true;
      }
      return;
    }
    if (size == names.length) {
      names = Arrays.copyOf(names, size * 2 + 1);
      values = Arrays.copyOf(values, size * 2 + 1);
    }
    names[size] = name;
    values[size] = value;
    size++;
    changed = true;
  }

  /** A snapshot of the current names. */
  String[] names() {
    if (!copied) {
      String[] out = new String[original.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = original.name(i);
      }
      return out;
    }
    return Arrays.copyOf(names, size);
  }

  /** A snapshot of the current values, in the order of {@link #names()}. */
  String[] values() {
    if (!copied) {
      String[] out = new String[original.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = original.value(i);
      }
      return out;
    }
    return Arrays.copyOf(values, size);
  }

  private int indexOf(String name) {
    for (int i = 0; i < size; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The labels; the original instance when nothing changed. */
  Labels toLabels() {
    if (!changed) {
      return original;
    }
    Labels.Builder b = Labels.builder();
    for (int i = 0; i < size; i++) {
      b.add(names[i], values[i]);
    }
    return b.build();
  }
}
