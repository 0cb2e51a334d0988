package io.github.vulcanscraper.zookeeper;

import io.github.vulcanscraper.api.Job;
import io.github.vulcanscraper.api.JobName;

/**
 * Turns the YAML of one job node into a {@link Job}. The YAML is a Prometheus configuration
 * document (a {@code global} section allowed) whose {@code scrape_configs} holds exactly one job,
 * named as the node is.
 *
 * <p>{@link ZooKeeperJobWatcher} calls it for every new or changed job node and {@link JobStore}
 * to validate before it writes, so parsing must have no side effects: a job starts its discovery
 * only when watched. Implementations are thread-safe.
 */
@FunctionalInterface
public interface JobParser {
  /**
   * Parses one job.
   *
   * @param name the name of the job node; the document's single {@code job_name} must equal it
   * @param yaml the node's data, decoded as UTF-8
   * @return the job, named {@code name}
   * @throws InvalidJobException when the document is not valid YAML, not a valid configuration,
   *     holds other than exactly one {@code scrape_config}, or names another job; the message names
   *     the field, the line and the value
   */
  Job parse(JobName name, String yaml) throws InvalidJobException;
}
