package io.github.vulcanscraper.core.config;

import java.util.Map;

/**
 * Byte sizes written as Prometheus writes them ({@code units.Base2Bytes}): a number with a unit,
 * where every unit is a power of 1024: {@code B}, {@code KB} = {@code KiB} = 1024, {@code MB} =
 * {@code MiB}, {@code GB}, {@code TB}, {@code PB}, {@code EB}. Fractions and sums are allowed
 * ({@code 1.5MB}, {@code 1MB512KB}); a bare number is not, except {@code 0}. Units are
 * case-sensitive. Thread-safe.
 */
public final class ByteSizes {
  private static final Map<String, Double> UNITS =
      Map.ofEntries(
          Map.entry("B", 1d),
          Map.entry("KB", 1024d),
          Map.entry("MB", Math.pow(1024, 2)),
          Map.entry("GB", Math.pow(1024, 3)),
          Map.entry("TB", Math.pow(1024, 4)),
          Map.entry("PB", Math.pow(1024, 5)),
          Map.entry("EB", Math.pow(1024, 6)),
          Map.entry("KiB", 1024d),
          Map.entry("MiB", Math.pow(1024, 2)),
          Map.entry("GiB", Math.pow(1024, 3)),
          Map.entry("TiB", Math.pow(1024, 4)),
          Map.entry("PiB", Math.pow(1024, 5)),
          Map.entry("EiB", Math.pow(1024, 6)));

  private ByteSizes() {}

  /**
   * Parses a size into bytes.
   *
   * @param s the size, e.g. {@code 10MB}, {@code 1.5MiB} or {@code 0}
   * @return the size in bytes, >= 0
   * @throws IllegalArgumentException naming the text, e.g. {@code unknown unit "" in "100"}, or for
   *     a negative size
   */
  public static long parse(String s) {
    if (s == null) {
      throw new IllegalArgumentException("invalid size: null");
    }
    String rest = s;
    boolean negative = false;
    if (!rest.isEmpty() && (rest.charAt(0) == '-' || rest.charAt(0) == '+')) {
      negative = rest.charAt(0) == '-';
      rest = rest.substring(1);
    }
    if (rest.equals("0")) {
      return 0;
    }
    if (rest.isEmpty()) {
      throw invalid(s);
    }
    double total = 0;
    int i = 0;
    while (i < rest.length()) {
      int start = i;
      while (i < rest.length() && Character.isDigit(rest.charAt(i)) && rest.charAt(i) < 128) {
        i++;
      }
      boolean pre = i > start;
      double value = pre ? Double.parseDouble(rest.substring(start, i)) : 0;
      boolean post = false;
      if (i < rest.length() && rest.charAt(i) == '.') {
        int fracStart = ++i;
        while (i < rest.length() && rest.charAt(i) >= '0' && rest.charAt(i) <= '9') {
          i++;
        }
        post = i > fracStart;
        if (post) {
          value += Double.parseDouble("0." + rest.substring(fracStart, i));
        }
      }
      if (!pre && !post) {
        throw invalid(s);
      }
      int unitStart = i;
      while (i < rest.length()
          && rest.charAt(i) != '.'
          && !(rest.charAt(i) >= '0' && rest.charAt(i) <= '9')) {
        i++;
      }
      String unit = rest.substring(unitStart, i);
      Double mult = UNITS.get(unit);
      if (mult == null) {
        throw new IllegalArgumentException("unknown unit \"" + unit + "\" in size \"" + s + "\"");
      }
      total += value * mult;
    }
    if (negative && total > 0) {
      throw new IllegalArgumentException("size must not be negative: \"" + s + "\"");
    }
    if (total >= 0x1p63) {
      throw new IllegalArgumentException("size out of range: \"" + s + "\"");
    }
    return (long) total;
  }

  private static IllegalArgumentException invalid(String s) {
    return new IllegalArgumentException("invalid size \"" + s + "\"");
  }
}
