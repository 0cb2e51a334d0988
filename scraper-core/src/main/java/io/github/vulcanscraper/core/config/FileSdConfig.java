package io.github.vulcanscraper.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code file_sd_configs}: files holding target groups in JSON or YAML, re-read when
 * they change and every refresh interval, as Prometheus' file service discovery. A pattern may hold
 * a {@code *} glob in its last path segment only and must end in {@code .json}, {@code .yml} or
 * {@code .yaml}. Patterns loaded from a file are resolved against that file's directory. Default
 * refresh interval 5m. Immutable and thread-safe.
 */
public final class FileSdConfig {
  /** The default refresh interval, five minutes. */
  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofMinutes(5);

  private static final Pattern FILE_PATTERN =
      Pattern.compile("[^*]*(\\*[^/]*)?\\.(json|yml|yaml|JSON|YML|YAML)");

  private final List<String> files;
  private final Duration refreshInterval;

  private FileSdConfig(List<String> files, Duration refreshInterval) {
    this.files = files;
    this.refreshInterval = refreshInterval;
  }

  /**
   * A file discovery configuration.
   *
   * @param files the file patterns; at least one
   * @param refreshInterval how often the files are re-read; zero or {@code null} for 5m
   * @return the configuration
   * @throws IllegalArgumentException without files, or for a pattern that is not valid
   */
  public static FileSdConfig of(List<String> files, @Nullable Duration refreshInterval) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "file service discovery config must contain at least one path name");
    }
    for (String f : files) {
      if (!FILE_PATTERN.matcher(f).matches()) {
        throw new IllegalArgumentException(
            "path name \"" + f + "\" is not valid for file discovery");
      }
    }
    return new FileSdConfig(
        List.copyOf(files), ScrapeConfig.refresh(refreshInterval, DEFAULT_REFRESH_INTERVAL));
  }

  /**
   * {@code files}: the file patterns, e.g. {@code /etc/targets/*.json}.
   *
   * @return the patterns, at least one
   */
  public List<String> files() {
    return files;
  }

  /**
   * {@code refresh_interval}: 5m by default.
   *
   * @return the interval, positive
   */
  public Duration refreshInterval() {
    return refreshInterval;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof FileSdConfig
        && ((FileSdConfig) o).files.equals(files)
        && ((FileSdConfig) o).refreshInterval.equals(refreshInterval);
  }

  @Override
  public int hashCode() {
    return Objects.hash(files, refreshInterval);
  }

  @Override
  public String toString() {
    return "FileSdConfig{files="
        + files
        + ", refreshInterval="
        + Durations.format(refreshInterval)
        + "}";
  }
}
