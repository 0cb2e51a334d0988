package io.github.vulcanscraper.examples.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Reads durations as Prometheus writes them: {@code 500ms}, {@code 5s}, {@code 1m}, {@code 1h}. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

  @Override
  public Duration convert(String value) {
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      throw new CommandLine.TypeConversionException(
          "not a duration (like 500ms, 5s, 1m, 1h): '" + value + "'");
    }
    long n = Long.parseLong(m.group(1));
    Duration d;
    switch (m.group(2)) {
      case "ms":
        d = Duration.ofMillis(n);
        break;
      case "s":
        d = Duration.ofSeconds(n);
        break;
      case "m":
        d = Duration.ofMinutes(n);
        break;
      default:
        d = Duration.ofHours(n);
        break;
    }
    if (d.isZero()) {
      throw new CommandLine.TypeConversionException("duration must be > 0: '" + value + "'");
    }
    return d;
  }
}
