package io.github.vulcanscraper.api;

import java.util.function.Predicate;

/** Validation of metric and label names, by table lookup: it runs once per sample. */
final class Names {
  private static final boolean[] LABEL_START = new boolean[128];
  private static final boolean[] LABEL_PART = new boolean[128];
  private static final boolean[] METRIC_START = new boolean[128];
  private static final boolean[] METRIC_PART = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      mark(c);
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      mark(c);
    }
    mark('_');
    for (char c = '0'; c <= '9'; c++) {
      LABEL_PART[c] = true;
      METRIC_PART[c] = true;
    }
    METRIC_START[':'] = true;
    METRIC_PART[':'] = true;
  }

  private Names() {}

  private static void mark(char c) {
    LABEL_START[c] = true;
    LABEL_PART[c] = true;
    METRIC_START[c] = true;
    METRIC_PART[c] = true;
  }

  /** True for {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
  static boolean isLabelName(String s) {
    return matches(s, LABEL_START, LABEL_PART);
  }

  /** True for {@code [a-zA-Z_:][a-zA-Z0-9_:]*}. */
  static boolean isMetricName(String s) {
    return matches(s, METRIC_START, METRIC_PART);
  }

  private static boolean matches(String s, boolean[] start, boolean[] part) {
    int n = s.length();
    if (n == 0) {
      return false;
    }
    char c = s.charAt(0);
    if (c >= 128 || !start[c]) {
      return false;
    }
    for (int i = 1; i < n; i++) {
      c = s.charAt(i);
      if (c >= 128 || !part[c]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Metric names found valid, by their hash code: parsers hand out one instance per name, so a
   * reference compare usually replaces the scan (a histogram's samples cycle through three names,
   * which a cache of one would miss). Racy on purpose: a stale or lost entry only costs a scan, and
   * a {@code String} is safe to share without a fence.
   */
  private static final String[] validMetricNames = new String[256];

  static String requireMetricName(String s) {
    if (s != null && valid(validMetricNames, s, Names::isMetricName)) {
      return s;
    }
    throw new IllegalArgumentException("invalid metric name: \"" + s + "\"");
  }

  /**
   * Label names found valid, by their hash code: parsers hand out one instance per name, so a
   * reference compare usually replaces the scan (a label set of a scraped sample adds two or three
   * names, millions of times a second). Racy on purpose, as {@link #validMetricNames}: a lost or
   * stale entry only costs a scan, and only strings found valid are ever stored. Names longer than
   * {@value #MAX_REMEMBERED_LENGTH} characters are not kept, so the table never holds a large
   * string.
   */
  private static final String[] validLabelNames = new String[256];

  private static final int MAX_REMEMBERED_LENGTH = 128;

  static String requireLabelName(String s) {
    if (s != null && valid(validLabelNames, s, Names::isLabelName)) {
      return s;
    }
    throw new IllegalArgumentException("invalid label name: \"" + s + "\"");
  }

  /** Whether {@code s} is valid: remembered in {@code table}, or checked and then remembered. */
  @SuppressWarnings("ReferenceEquality") // a cache of instances: the same reference is known valid
  private static boolean valid(String[] table, String s, Predicate<String> check) {
    int slot = s.hashCode() & (table.length - 1);
    if (table[slot] == s) {
      return true;
    }
    if (!check.test(s)) {
      return false;
    }
    if (s.length() <= MAX_REMEMBERED_LENGTH) {
      table[slot] = s;
    }
    return true;
  }
}
