package io.github.vulcanscraper.zookeeper;

import io.github.vulcanscraper.api.Job;
import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.core.config.ScrapeConfig;
import io.github.vulcanscraper.discovery.JobFactory;
import io.github.vulcanscraper.discovery.ScrapeConfigJob;
import java.util.Objects;

/**
 * Turns the YAML of one job node into a {@link Job}. The YAML is a Prometheus configuration
 * document (a {@code global} section allowed) whose {@code scrape_configs} holds exactly one job,
 * named as the node is.
 *
 * <p>{@link ZooKeeperJobWatcher} calls it for every new or changed job node and {@link JobStore} to
 * validate before it writes, so parsing must have no side effects: a job starts its discovery only
 * when watched. Implementations are thread-safe.
 *
 * <p>The default, {@link #standard()}, reads the document with the configuration loader ({@link
 * JobDocument}) and makes a {@link ScrapeConfigJob}, whose targets follow the job's service
 * discovery and relabeling.
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

  /**
   * The default parser: {@link JobDocument#parse(JobName, String)}, then {@link JobFactory#DEFAULT}
   * (the system's DNS resolvers).
   *
   * @return the default parser
   */
  static JobParser standard() {
    return standard(JobFactory.DEFAULT);
  }

  /**
   * {@link JobDocument#parse(JobName, String)}, then a {@link ScrapeConfigJob} from {@code jobs}
   * (for example with the DNS servers of {@code --dns-server}).
   *
   * @param jobs makes the job from its parsed configuration; not null
   * @return a parser that reports what {@code jobs} rejects as an {@link InvalidJobException}
   */
  static JobParser standard(JobFactory jobs) {
    Objects.requireNonNull(jobs, "jobs");
    return new JobParser() {
      @Override
      public Job parse(JobName name, String yaml) throws InvalidJobException {
        ScrapeConfig config = JobDocument.parse(name, yaml);
        try {
          return jobs.job(config);
        } catch (IllegalArgumentException e) {
          throw new InvalidJobException(name.value(), String.valueOf(e.getMessage()), e);
        }
      }

      @Override
      public String toString() {
        return "JobParser.standard(" + jobs + ")";
      }
    };
  }
}
