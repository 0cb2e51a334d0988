package io.github.vulcanscraper.discovery;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code Accept} header of a scrape from the job's {@code scrape_protocols}, weighted in order
 * as Prometheus weighs them, then {@code *}{@code /*}. {@code PrometheusProto} is left out: the
 * scraper parses the text formats only.
 */
final class AcceptHeaders {
  private static final Map<String, String> MEDIA_TYPES =
      Map.of(
          "OpenMetricsText1.0.0", "application/openmetrics-text;version=1.0.0",
          "OpenMetricsText0.0.1", "application/openmetrics-text;version=0.0.1",
          "PrometheusText1.0.0", "text/plain;version=1.0.0",
          "PrometheusText0.0.4", "text/plain;version=0.0.4");

  private AcceptHeaders() {}

  static String of(List<String> protocols) {
    List<String> parts = new ArrayList<>();
    int weight = 6; // Prometheus: the number of known protocols + 1
    for (String p : protocols) {
      String media = MEDIA_TYPES.get(p);
      if (media != null) {
        parts.add(media + ";q=0." + weight);
      }
      weight--;
    }
    parts.add("*/*;q=0." + weight);
    return String.join(",", parts);
  }
}
