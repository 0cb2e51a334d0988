package io.github.vulcanscraper.discovery;

import io.github.vulcanscraper.api.SnapshotListener;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.core.discovery.TargetGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * File service discovery, as Prometheus' {@code file_sd_config}: reads target groups from JSON
 * ({@code .json}) and YAML ({@code .yml}, {@code .yaml}) files, each holding a list of {@code
 * {targets: [...], labels: {...}}}. A pattern may have a glob ({@code *}) in its last path segment
 * ({@code /etc/targets/*.json}).
 *
 * <p>Files are re-read when they change (watched with the platform's file watcher) and, as
 * Prometheus does, every refresh interval in case a change was missed. Group {@code i} of a file is
 * sourced {@code <path>:<i>} and labelled {@code __meta_filepath=<path>}. A file that cannot be
 * read or parsed keeps its last good groups and is reported; a file that disappears takes its
 * groups with it. Relative patterns resolve against the working directory.
 *
 * <p>Immutable and thread-safe; each {@link #watch} uses one daemon thread to wait for file events.
 *
 * <pre>{@code
 * FileDiscovery files = FileDiscovery.builder().files("/etc/vulcan/targets/*.yml").build();
 * }</pre>
 */
public final class FileDiscovery implements Discoverer {
  /** Prometheus' rule for file SD patterns: a glob only in the last segment, a known extension. */
  private static final Pattern PATTERN =
      Pattern.compile("^[^*]*(\\*[^/]*)?\\.(json|yml|yaml|JSON|YML|YAML)$");

  private final List<String> files;
  private final Duration refreshInterval;

  private FileDiscovery(Builder b) {
    this.files = List.copyOf(b.files);
    this.refreshInterval = b.refreshInterval;
  }

  /**
   * A builder with the defaults: re-read every 5 minutes.
   *
   * @return a new builder with that default; set at least one file pattern
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these settings.
   *
   * @return a new builder; changing it leaves this discoverer as it is
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.files.addAll(files);
    b.refreshInterval = refreshInterval;
    return b;
  }

  /**
   * The file patterns, never empty.
   *
   * @return the patterns, as given, unmodifiable
   */
  public List<String> files() {
    return files;
  }

  /**
   * How often every file is re-read even without a change event; 5 minutes by default.
   *
   * @return the interval; positive
   */
  public Duration refreshInterval() {
    return refreshInterval;
  }

  @Override
  public Subscription watch(SnapshotListener<List<TargetGroup>> listener) {
    return FileSdRun.start(this, listener);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileDiscovery
        && files.equals(((FileDiscovery) o).files)
        && refreshInterval.equals(((FileDiscovery) o).refreshInterval);
  }

  @Override
  public int hashCode() {
    return Objects.hash(files, refreshInterval);
  }

  @Override
  public String toString() {
    return "FileDiscovery{files=" + files + ", refreshInterval=" + refreshInterval + "}";
  }

  /** Builds a {@link FileDiscovery}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private final List<String> files = new ArrayList<>();
    private Duration refreshInterval = Duration.ofMinutes(5);

    private Builder() {}

    /**
     * Sets the file patterns, replacing any set before.
     *
     * @param patterns paths ending in {@code .json}, {@code .yml} or {@code .yaml}, a glob allowed
     *     in the last segment only
     * @return this builder
     * @throws IllegalArgumentException naming a pattern with a glob outside its last segment or
     *     without one of those extensions
     */
    public Builder files(String... patterns) {
      return files(Arrays.asList(patterns));
    }

    /**
     * Sets the file patterns, replacing any set before.
     *
     * @param patterns paths ending in {@code .json}, {@code .yml} or {@code .yaml}, a glob allowed
     *     in the last segment only; no nulls
     * @return this builder
     * @throws IllegalArgumentException naming a pattern with a glob outside its last segment or
     *     without a {@code .json}, {@code .yml} or {@code .yaml} extension
     */
    public Builder files(List<String> patterns) {
      for (String p : patterns) {
        Objects.requireNonNull(p, "file pattern");
        if (!PATTERN.matcher(p).matches()) {
          throw new IllegalArgumentException(
              "path name "
                  + p
                  + " is not valid for file discovery: a glob is allowed only in"
                  + " the last path segment and the extension must be .json, .yml or .yaml");
        }
      }
      files.clear();
      files.addAll(patterns);
      return this;
    }

    /**
     * Sets how often every file is re-read; positive.
     *
     * @param interval the interval; positive
     * @return this builder
     * @throws IllegalArgumentException when {@code interval} is zero or negative
     */
    public Builder refreshInterval(Duration interval) {
      this.refreshInterval = DnsDiscovery.Builder.positive("refresh_interval", interval);
      return this;
    }

    /**
     * The settings.
     *
     * @return the discoverer, immutable
     * @throws IllegalArgumentException without a file pattern
     */
    public FileDiscovery build() {
      if (files.isEmpty()) {
        throw new IllegalArgumentException(
            "file service discovery config must contain at least" + " one path name");
      }
      return new FileDiscovery(this);
    }
  }
}
