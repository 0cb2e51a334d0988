package io.github.vulcanscraper.core.config;

import java.time.Duration;

/**
 * Durations written as Prometheus writes them ({@code model.Duration}): a sequence of number and
 * unit pairs, units from largest to smallest, each at most once: {@code y} (365 days), {@code w},
 * {@code d}, {@code h}, {@code m}, {@code s}, {@code ms}. Examples: {@code 1m30s}, {@code 1h},
 * {@code 0s}, {@code 0}, {@code 90d}. No fractions, no sign, no spaces. Thread-safe.
 */
public final class Durations {
  private static final String[] UNITS = {"y", "w", "d", "h", "m", "s", "ms"};
  private static final long[] UNIT_MILLIS = {
    365L * 24 * 3600 * 1000,
    7L * 24 * 3600 * 1000,
    24L * 3600 * 1000,
    3600L * 1000,
    60L * 1000,
    1000L,
    1L
  };
  private static final long MAX_NANOS = Long.MAX_VALUE;

  private Durations() {}

  /**
   * Parses a Prometheus duration.
   *
   * @param s the duration's text, e.g. {@code 1m30s}
   * @return the duration, >= 0
   * @throws IllegalArgumentException naming the text, e.g. {@code not a valid duration string:
   *     "1h30"}, {@code unknown unit "min" in duration "5min"}, {@code duration out of range}
   */
  public static Duration parse(String s) {
    if (s == null || s.isEmpty()) {
      throw new IllegalArgumentException("empty duration string");
    }
    if (s.equals("0")) {
      return Duration.ZERO;
    }
    long nanos = 0;
    int lastUnit = -1;
    int i = 0;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == start) {
        throw invalid(s);
      }
      String digits = s.substring(start, i);
      int unitStart = i;
      while (i < s.length() && !isDigit(s.charAt(i))) {
        i++;
      }
      if (i == unitStart) {
        throw invalid(s);
      }
      String unit = s.substring(unitStart, i);
      int u = unitIndex(unit);
      if (u < 0) {
        throw new IllegalArgumentException(
            "unknown unit \"" + unit + "\" in duration \"" + s + "\"");
      }
      if (u <= lastUnit) {
        throw invalid(s);
      }
      lastUnit = u;
      long unitNanos = UNIT_MILLIS[u] * 1_000_000L;
      long v;
      try {
        v = Long.parseLong(digits);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("duration out of range: \"" + s + "\"");
      }
      if (v > MAX_NANOS / unitNanos || nanos > MAX_NANOS - v * unitNanos) {
        throw new IllegalArgumentException("duration out of range: \"" + s + "\"");
      }
      nanos += v * unitNanos;
    }
    return Duration.ofNanos(nanos);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int unitIndex(String unit) {
    for (int i = 0; i < UNITS.length; i++) {
      if (UNITS[i].equals(unit)) {
        return i;
      }
    }
    return -1;
  }

  private static IllegalArgumentException invalid(String s) {
    return new IllegalArgumentException("not a valid duration string: \"" + s + "\"");
  }

  /**
   * Formats a duration as Prometheus prints it: whole milliseconds, years and weeks only when they
   * divide it exactly, then days, hours, minutes, seconds and milliseconds; {@code 0s} for zero.
   * Examples: {@code 1m30s}, {@code 90d}, {@code 1w}, {@code 1s500ms}. Sub-millisecond parts are
   * dropped.
   *
   * @param d the duration; >= 0
   * @return the text, e.g. {@code 1m30s}
   * @throws IllegalArgumentException for a negative duration
   */
  public static String format(Duration d) {
    if (d.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative: " + d);
    }
    long ms = d.toMillis();
    if (ms == 0) {
      return "0s";
    }
    StringBuilder sb = new StringBuilder();
    for (int u = 0; u < UNITS.length; u++) {
      long mult = UNIT_MILLIS[u];
      boolean exactOnly = u < 2;
      if (exactOnly && ms % mult != 0) {
        continue;
      }
      long v = ms / mult;
      if (v > 0) {
        sb.append(v).append(UNITS[u]);
        ms -= v * mult;
      }
    }
    return sb.toString();
  }
}
