package io.github.vulcanscraper.zookeeper;

import io.github.vulcanscraper.api.Job;
import io.github.vulcanscraper.api.JobName;

/** Calls a {@link JobParser} and holds it to its contract. */
final class Jobs {
  private Jobs() {}

  static Job parse(JobParser parser, JobName name, String yaml) throws InvalidJobException {
    Job job;
    try {
      job = parser.parse(name, yaml);
    } catch (InvalidJobException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new InvalidJobException(name.value(), "the parser failed: " + e, e);
    }
    if (job == null) {
      throw new InvalidJobException(name.value(), "the parser returned no job");
    }
    if (!job.name().equals(name)) {
      throw new InvalidJobException(
          name.value(),
          "job_name \"" + job.name() + "\" differs from the node's name \"" + name + "\"");
    }
    return job;
  }
}
