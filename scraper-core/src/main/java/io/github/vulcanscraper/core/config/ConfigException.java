package io.github.vulcanscraper.core.config;

import org.jspecify.annotations.Nullable;

/**
 * A configuration that Prometheus would reject, or that uses what this library does not support.
 * The message names where the problem is and what it is, e.g. {@code
 * scrape_configs[2].relabel_configs[0].regex (line 14): missing closing ) in regex "abc("}; it
 * never holds a secret's value.
 *
 * <p>Unchecked, like {@link java.time.format.DateTimeParseException}: callers that take
 * configuration from outside (a file, ZooKeeper, a command line) catch it and report it.
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Where the problem is, e.g. {@code scrape_configs[2].regex}; empty for the document itself. */
  private final String path;

  /** The 1-based line of the problem, or 0 when unknown. */
  private final int line;

  /** What is wrong, without the place. */
  private final String reason;

  /**
   * A problem at a place in the document.
   *
   * @param path where, as {@code scrape_configs[2].relabel_configs[0].regex}; empty for the
   *     document itself
   * @param line the 1-based line in the YAML text, or 0 when unknown
   * @param reason what is wrong
   */
  public ConfigException(String path, int line, String reason) {
    this(path, line, reason, null);
  }

  /**
   * A problem at a place in the document, caused by {@code cause}.
   *
   * @param path where, as {@code scrape_configs[2].relabel_configs[0].regex}; empty or {@code null}
   *     for the document itself
   * @param line the 1-based line in the YAML text, or 0 when unknown
   * @param reason what is wrong; must not hold a secret's value
   * @param cause the underlying failure, or {@code null}
   */
  public ConfigException(String path, int line, String reason, @Nullable Throwable cause) {
    super(format(path, line, reason), cause);
    this.path = path == null ? "" : path;
    this.line = Math.max(line, 0);
    this.reason = reason;
  }

  private static String format(@Nullable String path, int line, String reason) {
    StringBuilder sb = new StringBuilder();
    if (path != null && !path.isEmpty()) {
      sb.append(path);
      if (line > 0) {
        sb.append(" (line ").append(line).append(')');
      }
      sb.append(": ");
    } else if (line > 0) {
      sb.append("line ").append(line).append(": ");
    }
    return sb.append(reason).toString();
  }

  /**
   * Where the problem is, as {@code scrape_configs[2].relabel_configs[0].regex}; may be empty.
   *
   * @return the path, never null
   */
  public String path() {
    return path;
  }

  /**
   * The 1-based line of the problem in the YAML text, or 0 when unknown.
   *
   * @return the line, or 0
   */
  public int line() {
    return line;
  }

  /**
   * What is wrong, without the place.
   *
   * @return the reason
   */
  public String reason() {
    return reason;
  }
}
