package io.github.vulcanscraper.api;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * An immutable set of label pairs, sorted by name, with unique names matching {@code
 * [a-zA-Z_][a-zA-Z0-9_]*}. As in Prometheus, a label with an empty value is the same as no label,
 * so empty values are dropped.
 *
 * <p>Design: two parallel arrays, no map and no entry object per pair, so a scrape of many
 * thousands of samples allocates two small arrays per series. Lookups scan the names (series carry
 * few labels); the hash code is computed once and cached. Thread-safe.
 */
public final class Labels implements Comparable<Labels> {
  /** The empty label set. */
  public static final Labels EMPTY = new Labels(new String[0], new String[0]);

  private final String[] names;
  private final String[] values;
  private int hash;
  private @Nullable String text;

  private Labels(String[] names, String[] values) {
    this.names = names;
    this.values = values;
  }

  /**
   * The labels given as name, value, name, value...
   *
   * @param namesAndValues label names at even indexes, each followed by its value; an empty value
   *     drops the label
   * @return the sorted labels, {@link #EMPTY} when none has a value
   * @throws IllegalArgumentException on an odd count, an invalid or duplicate name
   */
  public static Labels of(String... namesAndValues) {
    if (namesAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("labels need name/value pairs, got an odd count");
    }
    Builder b = new Builder(namesAndValues.length / 2);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      b.add(namesAndValues[i], namesAndValues[i + 1]);
    }
    return b.build();
  }

  /**
   * The labels of this map.
   *
   * @param map label names to values; an empty value drops the label
   * @return the sorted labels, {@link #EMPTY} when none has a value
   */
  public static Labels of(Map<String, String> map) {
    Builder b = new Builder(map.size());
    map.forEach(b::add);
    return b.build();
  }

  /**
   * A builder with room for a few labels.
   *
   * @return a new, empty builder
   */
  public static Builder builder() {
    return new Builder(8);
  }

  /**
   * A builder holding these labels, to add, replace or remove some.
   *
   * @return a new builder, independent of these labels
   */
  public Builder toBuilder() {
    Builder b = new Builder(names.length + 4);
    System.arraycopy(names, 0, b.names, 0, names.length);
    System.arraycopy(values, 0, b.values, 0, values.length);
    b.size = names.length;
    return b;
  }

  /**
   * The number of labels.
   *
   * @return the number of labels, 0 for {@link #EMPTY}
   */
  public int size() {
    return names.length;
  }

  /**
   * True when there is no label.
   *
   * @return whether this is the empty set
   */
  public boolean isEmpty() {
    return names.length == 0;
  }

  /**
   * The name of the {@code i}-th label in name order.
   *
   * @param i the index, from 0 to {@code size() - 1}
   * @return the label's name
   * @throws ArrayIndexOutOfBoundsException when {@code i} is out of range
   */
  public String name(int i) {
    return names[i];
  }

  /**
   * The value of the {@code i}-th label in name order.
   *
   * @param i the index, from 0 to {@code size() - 1}
   * @return the label's value, never empty
   * @throws ArrayIndexOutOfBoundsException when {@code i} is out of range
   */
  public String value(int i) {
    return values[i];
  }

  /**
   * The value of the label with this name, or {@code null} when there is none.
   *
   * @param name the label name
   * @return the value, or {@code null} when there is no such label
   */
  public @Nullable String get(String name) {
    int i = indexOf(name);
    return i < 0 ? null : values[i];
  }

  /**
   * True when a label has this name.
   *
   * @param name the label name
   * @return whether the label is present
   */
  public boolean has(String name) {
    return indexOf(name) >= 0;
  }

  private int indexOf(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * These labels with {@code name} set to {@code value} (removed when the value is empty).
   *
   * @param name the label name; must be valid
   * @param value the new value; empty to remove the label
   * @return new labels (this set is immutable)
   * @throws IllegalArgumentException on an invalid name
   */
  public Labels with(String name, String value) {
    return toBuilder().set(name, value).build();
  }

  /**
   * These labels without the label {@code name}.
   *
   * @param name the label name
   * @return new labels, or this set when it has no such label
   */
  public Labels without(String name) {
    int i = indexOf(name);
    if (i < 0) {
      return this;
    }
    int n = names.length - 1;
    if (n == 0) {
      return EMPTY;
    }
    // Still sorted, still without empty values: the two arrays without index i.
    String[] ns = new String[n];
    String[] vs = new String[n];
    System.arraycopy(names, 0, ns, 0, i);
    System.arraycopy(values, 0, vs, 0, i);
    System.arraycopy(names, i + 1, ns, i, n - i);
    System.arraycopy(values, i + 1, vs, i, n - i);
    return new Labels(ns, vs);
  }

  /**
   * Calls {@code action} with each name and value, in name order.
   *
   * @param action called once per label with its name and value; must not be null
   */
  public void forEach(BiConsumer<String, String> action) {
    for (int i = 0; i < names.length; i++) {
      action.accept(names[i], values[i]);
    }
  }

  /**
   * The labels as an unmodifiable map sorted by name.
   *
   * @return a new unmodifiable map, empty for {@link #EMPTY}
   */
  public Map<String, String> toMap() {
    TreeMap<String, String> map = new TreeMap<>();
    forEach(map::put);
    return Collections.unmodifiableMap(map);
  }

  @Override
  public int compareTo(Labels other) {
    int n = Math.min(names.length, other.names.length);
    for (int i = 0; i < n; i++) {
      int c = names[i].compareTo(other.names[i]);
      if (c != 0) {
        return c;
      }
      c = values[i].compareTo(other.values[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(names.length, other.names.length);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof Labels)) {
      return false;
    }
    Labels l = (Labels) o;
    return hashCode() == l.hashCode()
        && Arrays.equals(names, l.names)
        && Arrays.equals(values, l.values);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = 1;
      for (int i = 0; i < names.length; i++) {
        h = 31 * (31 * h + names[i].hashCode()) + values[i].hashCode();
      }
      hash = h;
    }
    return h;
  }

  /**
   * The labels in the exposition format's braces: {@code {a="1",b="x\"y"}}; {@code {}} when empty.
   * Computed once and cached, since writers append it for every sample of the series.
   */
  @Override
  public String toString() {
    String t = text;
    if (t == null) {
      t = format();
      text = t;
    }
    return t;
  }

  private String format() {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < names.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(names[i]).append("=\"");
      escape(values[i], sb);
      sb.append('"');
    }
    return sb.append('}').toString();
  }

  private static void escape(String v, StringBuilder sb) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      switch (c) {
        case '\\':
          sb.append("\\\\");
          break;
        case '"':
          sb.append("\\\"");
          break;
        case '\n':
          sb.append("\\n");
          break;
        default:
          sb.append(c);
      }
    }
  }

  /**
   * Collects label pairs and builds a sorted, validated {@link Labels}. {@link #add} appends and
   * leaves duplicate detection to {@link #build()}; {@link #set} replaces. A builder can be reused
   * after {@link #clear()}. Not thread-safe.
   */
  public static final class Builder {
    private String[] names;
    private String[] values;
    private int size;

    /**
     * The names of the last labels this builder built in order, shared by every {@code Labels}
     * built with the same names: label sets come in runs with the same names ({@code {code,
     * handler, method}}, {@code {handler, le}}), so that a compare by reference replaces the order
     * check and one array copy. Never mutated once built.
     */
    private String[] lastNames = EMPTY.names;

    private Builder(int capacity) {
      names = new String[Math.max(capacity, 1)];
      values = new String[names.length];
    }

    /**
     * Appends a label. A duplicate name makes {@link #build()} throw.
     *
     * @param name the label name; must match {@code [a-zA-Z_][a-zA-Z0-9_]*}
     * @param value the value; not null, empty values are dropped by {@link #build()}
     * @return this builder
     * @throws IllegalArgumentException on an invalid name or a null value
     */
    @SuppressWarnings("ReferenceEquality") // the same instance as a name of labels built before
    public Builder add(String name, String value) {
      String[] last = lastNames;
      if (size >= last.length || name != last[size]) {
        // Not the name at this place in the labels built last, which is known valid.
        Names.requireLabelName(name);
      }
      Objects.requireNonNull(value, () -> "value of label " + name);
      if (size == names.length) {
        names = Arrays.copyOf(names, size * 2);
        values = Arrays.copyOf(values, size * 2);
      }
      names[size] = name;
      values[size] = value;
      size++;
      return this;
    }

    /**
     * Sets a label, replacing one of the same name; an empty value removes it.
     *
     * @param name the label name; must be valid when it is new
     * @param value the new value; not null, empty to remove the label at {@link #build()}
     * @return this builder
     * @throws IllegalArgumentException on an invalid new name
     */
    public Builder set(String name, String value) {
      Objects.requireNonNull(value, () -> "value of label " + name);
      for (int i = 0; i < size; i++) {
        if (names[i].equals(name)) {
          values[i] = value;
          return this;
        }
      }
      return add(name, value);
    }

    /**
     * Removes the label with this name, if any.
     *
     * @param name the label name
     * @return this builder
     */
    public Builder remove(String name) {
      for (int i = 0; i < size; i++) {
        if (names[i].equals(name)) {
          System.arraycopy(names, i + 1, names, i, size - i - 1);
          System.arraycopy(values, i + 1, values, i, size - i - 1);
          size--;
          names[size] = null;
          values[size] = null;
          return this;
        }
      }
      return this;
    }

    /**
     * The value of the label with this name so far, or {@code null}.
     *
     * @param name the label name
     * @return the value set so far, or {@code null} when the name was not added
     */
    public @Nullable String get(String name) {
      for (int i = 0; i < size; i++) {
        if (names[i].equals(name)) {
          return values[i];
        }
      }
      return null;
    }

    /**
     * The number of labels added so far (empty values included).
     *
     * @return the count of labels held
     */
    public int size() {
      return size;
    }

    /**
     * Forgets every label, keeping the capacity.
     *
     * @return this builder
     */
    public Builder clear() {
      for (int i = 0; i < size; i++) {
        names[i] = null;
        values[i] = null;
      }
      size = 0;
      return this;
    }

    /**
     * The sorted labels, empty values left out. The builder keeps its content.
     *
     * @return the labels, {@link #EMPTY} when none has a non-empty value
     * @throws IllegalArgumentException when two labels have the same name
     */
    public Labels build() {
      if (size > 0 && hasLastNamesWithoutEmptyValues()) {
        // The names are those of labels built before, so sorted and valid; they are shared.
        return new Labels(lastNames, Arrays.copyOf(values, size));
      }
      return buildWithNewNames();
    }

    /** {@link #build()} when the names are not the last ones: apart, so that build() inlines. */
    private Labels buildWithNewNames() {
      if (isSortedWithoutEmptyValues()) {
        // What the general path below returns for such labels, with two array copies.
        if (size == 0) {
          return EMPTY;
        }
        String[] ns = Arrays.copyOf(names, size);
        lastNames = ns;
        return new Labels(ns, Arrays.copyOf(values, size));
      }
      int n = 0;
      for (int i = 0; i < size; i++) {
        if (!values[i].isEmpty()) {
          n++;
        }
      }
      if (n == 0) {
        checkDuplicates(names, size);
        return EMPTY;
      }
      String[] ns = new String[n];
      String[] vs = new String[n];
      int k = 0;
      for (int i = 0; i < size; i++) {
        if (values[i].isEmpty()) {
          continue;
        }
        // Insertion sort: label sets are small and often nearly sorted already.
        String name = names[i];
        int j = k - 1;
        while (j >= 0 && ns[j].compareTo(name) > 0) {
          ns[j + 1] = ns[j];
          vs[j + 1] = vs[j];
          j--;
        }
        ns[j + 1] = name;
        vs[j + 1] = values[i];
        k++;
      }
      for (int i = 1; i < n; i++) {
        if (ns[i].equals(ns[i - 1])) {
          throw new IllegalArgumentException("duplicate label name: " + ns[i]);
        }
      }
      if (n < size) {
        checkDuplicates(names, size);
      }
      return new Labels(ns, vs);
    }

    /**
     * True when the names are, by reference, those of the labels this builder built last (so
     * sorted, unique and valid) and no value is empty.
     */
    @SuppressWarnings("ReferenceEquality") // the same instances as names known sorted and valid
    private boolean hasLastNamesWithoutEmptyValues() {
      String[] last = lastNames;
      if (last.length != size) {
        return false;
      }
      for (int i = 0; i < size; i++) {
        if (names[i] != last[i] || values[i].isEmpty()) {
          return false;
        }
      }
      return true;
    }

    /**
     * True when the names are strictly increasing (so unique) and no value is empty: parsers add
     * labels in the order the exposition writes them, which is mostly sorted already.
     */
    private boolean isSortedWithoutEmptyValues() {
      for (int i = 0; i < size; i++) {
        if (values[i].isEmpty() || (i > 0 && names[i - 1].compareTo(names[i]) >= 0)) {
          return false;
        }
      }
      return true;
    }

    private static void checkDuplicates(String[] names, int size) {
      for (int i = 0; i < size; i++) {
        for (int j = i + 1; j < size; j++) {
          if (names[i].equals(names[j])) {
            throw new IllegalArgumentException("duplicate label name: " + names[i]);
          }
        }
      }
    }
  }
}
