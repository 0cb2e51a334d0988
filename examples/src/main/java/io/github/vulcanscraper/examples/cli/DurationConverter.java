package io.github.vulcanscraper.examples.cli;

import io.github.vulcanscraper.core.config.Durations;
import java.time.Duration;
import picocli.CommandLine;

/**
 * Reads durations as Prometheus writes them ({@code 500ms}, {@code 10s}, {@code 1m30s}, {@code
 * 1h}), with the configuration's own parser; zero and negative durations are refused.
 */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    Duration d;
    try {
      d = Durations.parse(value.trim());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.TypeConversionException(
          "not a duration (like 500ms, 10s, 1m30s, 1h): '" + value + "'");
    }
    if (d.isZero() || d.isNegative()) {
      throw new CommandLine.TypeConversionException("duration must be > 0: '" + value + "'");
    }
    return d;
  }
}
