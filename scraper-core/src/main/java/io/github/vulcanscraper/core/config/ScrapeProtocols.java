package io.github.vulcanscraper.core.config;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The exposition protocols a scrape may ask for, by Prometheus' names. */
final class ScrapeProtocols {
  static final List<String> KNOWN =
      List.of(
          "OpenMetricsText0.0.1",
          "OpenMetricsText1.0.0",
          "PrometheusProto",
          "PrometheusText0.0.4",
          "PrometheusText1.0.0");

  /** Prometheus' default preference order. */
  static final List<String> DEFAULT =
      List.of(
          "OpenMetricsText1.0.0",
          "OpenMetricsText0.0.1",
          "PrometheusText1.0.0",
          "PrometheusText0.0.4");

  private ScrapeProtocols() {}

  static String validateOne(String protocol) {
    if (!KNOWN.contains(protocol)) {
      throw new IllegalArgumentException(
          "unknown scrape protocol " + protocol + ", supported: " + KNOWN);
    }
    return protocol;
  }

  static List<String> validate(List<String> protocols, String where) {
    if (protocols.isEmpty()) {
      throw new IllegalArgumentException("scrape_protocols cannot be empty for " + where);
    }
    Set<String> seen = new HashSet<>();
    for (String p : protocols) {
      if (!seen.add(p.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "duplicated protocol in scrape_protocols, got " + protocols + " for " + where);
      }
      validateOne(p);
    }
    return List.copyOf(protocols);
  }
}
