package io.github.vulcanscraper.benchmarks;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.Targeter;
import io.github.vulcanscraper.core.HTTPTarget;
import io.github.vulcanscraper.core.StaticJob;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The static job of a farm's targets, and the small argument parsing the mains share. */
final class FarmTargets {
  private FarmTargets() {}

  /**
   * A job {@code load} of {@code count} targets at {@code http://<address>/target/<i>/metrics},
   * instance {@code target-<i>}, scraped every {@code interval} with a timeout of the interval (at
   * most 10 s).
   */
  static StaticJob job(String address, int count, Duration interval) {
    JobName job = JobName.of("load");
    Duration timeout =
        interval.compareTo(Duration.ofSeconds(10)) < 0 ? interval : Duration.ofSeconds(10);
    List<Targeter> targets = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      targets.add(
          HTTPTarget.builder()
              .url(URI.create("http://" + address + "/target/" + i + "/metrics"))
              .job(job)
              .labels(Labels.of("instance", "target-" + i))
              .interval(interval)
              .timeout(timeout)
              .build());
    }
    return StaticJob.of(job, targets);
  }

  /**
   * Makes every entry of {@code java.class.path} absolute: {@link
   * io.github.vulcanscraper.testkit.EmbeddedKafka} starts its broker with this class path from
   * another working directory, so a relative {@code -cp benchmarks/target/benchmarks.jar} would not
   * resolve there.
   */
  static void absoluteClassPath() {
    StringBuilder out = new StringBuilder();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (out.length() > 0) {
        out.append(java.io.File.pathSeparator);
      }
      out.append(entry.isEmpty() ? entry : java.nio.file.Path.of(entry).toAbsolutePath());
    }
    System.setProperty("java.class.path", out.toString());
  }

  /** Parses {@code 500ms}, {@code 5s}, {@code 2m} or an ISO-8601 duration. */
  static Duration duration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.endsWith("ms")) {
      return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
    }
    if (t.endsWith("s")) {
      return Duration.ofMillis((long) (Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
    }
    if (t.endsWith("m")) {
      return Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)) * 60);
    }
    return Duration.parse(text);
  }
}
