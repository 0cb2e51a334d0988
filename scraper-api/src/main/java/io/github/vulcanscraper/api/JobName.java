package io.github.vulcanscraper.api;

import org.jspecify.annotations.Nullable;

/**
 * The name of a job, as the {@code job_name} of a Prometheus {@code scrape_config}. A value type:
 * two names are equal when their text is.
 *
 * <p>A name is not empty, has no {@code /} (it names a ZooKeeper node) and no control characters.
 * Instances are immutable and thread-safe.
 */
public final class JobName implements Comparable<JobName> {
  private final String value;

  private JobName(String value) {
    this.value = value;
  }

  /**
   * Returns the job name with this text.
   *
   * @param value the name's text; null is rejected like an empty text
   * @return the job name
   * @throws IllegalArgumentException if the text is empty, contains {@code /} or a control
   *     character, or is {@code .} or {@code ..}
   */
  public static JobName of(@Nullable String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("job name must not be empty");
    }
    if (value.equals(".") || value.equals("..")) {
      throw new IllegalArgumentException("job name must not be '" + value + "'");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '/' || Character.isISOControl(c)) {
        throw new IllegalArgumentException(
            "job name must not contain '/' or control characters: \"" + value + "\"");
      }
    }
    return new JobName(value);
  }

  /**
   * The name's text.
   *
   * @return the text, never empty
   */
  public String value() {
    return value;
  }

  @Override
  public int compareTo(JobName other) {
    return value.compareTo(other.value);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof JobName && ((JobName) o).value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return value;
  }
}
