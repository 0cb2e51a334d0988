package io.github.vulcanscraper.zookeeper;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.core.config.ConfigException;
import io.github.vulcanscraper.core.config.PrometheusConfig;
import io.github.vulcanscraper.core.config.ScrapeConfig;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The document of a job node: a Prometheus configuration (a {@code global} section allowed) whose
 * {@code scrape_configs} holds exactly one job, named as the node is. Read with the project's
 * configuration loader ({@link PrometheusConfig}), as strictly as Prometheus reads it.
 *
 * <pre>{@code
 * ScrapeConfig job = JobDocument.parse(JobName.of("node"), yaml);
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class JobDocument {
  private JobDocument() {}

  /**
   * Parses the document of job node {@code name}.
   *
   * @param name the job node's name; the document's {@code job_name} must equal it
   * @param yaml the node's data, decoded as UTF-8
   * @return the single job, the global defaults applied
   * @throws InvalidJobException when the document is not a valid configuration (the message names
   *     the path and the line, as {@code scrape_configs[0].scrape_interval (line 4): ...}), holds
   *     other than exactly one {@code scrape_config}, or names another job
   */
  public static ScrapeConfig parse(JobName name, String yaml) throws InvalidJobException {
    ScrapeConfig job = parseOne(name.value(), yaml);
    if (!job.jobName().equals(name)) {
      throw new InvalidJobException(
          name.value(),
          "job_name \"" + job.jobName() + "\" differs from the node's name \"" + name + "\"");
    }
    return job;
  }

  /**
   * Parses a job document for whichever job it declares, as {@code vulcan job validate} does.
   *
   * @param yaml the job document
   * @return the single job, the global defaults applied
   * @throws InvalidJobException when the document is not a valid configuration or holds other than
   *     exactly one {@code scrape_config}; {@link InvalidJobException#job()} is then {@code "?"}
   */
  public static ScrapeConfig parse(String yaml) throws InvalidJobException {
    return parseOne("?", yaml);
  }

  private static ScrapeConfig parseOne(String job, String yaml) throws InvalidJobException {
    PrometheusConfig config;
    try {
      config = PrometheusConfig.parse(yaml);
    } catch (ConfigException e) {
      throw new InvalidJobException(job, String.valueOf(e.getMessage()), e);
    } catch (RuntimeException e) {
      // The loader's contract is ConfigException; anything else is still bad input, not a crash.
      throw new InvalidJobException(job, "invalid configuration: " + e.getMessage(), e);
    }
    List<ScrapeConfig> jobs = config.scrapeConfigs();
    if (jobs.size() != 1) {
      throw new InvalidJobException(
          job,
          "scrape_configs must hold exactly one job, found "
              + jobs.size()
              + (jobs.isEmpty()
                  ? ""
                  : " ("
                      + jobs.stream()
                          .map(j -> j.jobName().value())
                          .collect(Collectors.joining(", "))
                      + ")"));
    }
    return jobs.get(0);
  }
}
