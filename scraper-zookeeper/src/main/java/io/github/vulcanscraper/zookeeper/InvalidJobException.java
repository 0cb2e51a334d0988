package io.github.vulcanscraper.zookeeper;

import java.util.Objects;

/**
 * A job definition that cannot be used: bad YAML, an invalid configuration, other than one {@code
 * scrape_config}, or a {@code job_name} that differs from the node's name. The message says which
 * job, and names the field, the line and the value where it can; it never holds a secret.
 */
public final class InvalidJobException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The job (node) name. */
  private final String job;

  /** What is wrong, without the job's name. */
  private final String reason;

  /**
   * An invalid definition of this job.
   *
   * @param job the job (node) name
   * @param reason what is wrong, naming the field, line and value
   */
  public InvalidJobException(String job, String reason) {
    super(message(job, reason));
    this.job = job;
    this.reason = reason;
  }

  /**
   * The same, with the underlying failure (for example the configuration loader's).
   *
   * @param job the job (node) name
   * @param reason what is wrong, naming the field, line and value
   * @param cause the underlying failure
   */
  public InvalidJobException(String job, String reason, Throwable cause) {
    super(message(job, reason), cause);
    this.job = job;
    this.reason = reason;
  }

  private static String message(String job, String reason) {
    return "job \""
        + Objects.requireNonNull(job, "job")
        + "\": "
        + Objects.requireNonNull(reason, "reason");
  }

  /**
   * The name of the job (the node) whose definition is invalid.
   *
   * @return the job's name; {@code "?"} when the document was parsed without one
   */
  public String job() {
    return job;
  }

  /**
   * What is wrong, without the job's name: the message less its {@code job "NAME": } prefix.
   *
   * @return the reason, naming the field, line and value where it can
   */
  public String reason() {
    return reason;
  }
}
