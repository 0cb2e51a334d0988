package io.github.vulcanscraper.examples.cli;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.core.config.ScrapeConfig;
import io.github.vulcanscraper.zookeeper.InvalidJobException;
import io.github.vulcanscraper.zookeeper.JobDocument;
import io.github.vulcanscraper.zookeeper.JobParser;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vulcan job validate FILE [--name NAME]}: checks a job document offline, as {@code job set}
 * does before writing it. Exit 0 and {@code FILE: OK job NAME}, or exit 1 with the reason.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Check a job document offline, as 'job set' does before writing: a Prometheus config"
          + " document whose scrape_configs holds exactly one job.",
      "Needs no ZooKeeper. Prints 'FILE: OK job NAME' or the reason on stderr (exit 1)."
    })
public final class JobValidateCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The document; '-' is stdin.")
  String file;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      converter = JobNameConverter.class,
      description = "The job (node) name the document is meant for; its job_name must equal it.")
  JobName name;

  @Override
  public Integer call() {
    String yaml;
    try {
      yaml = JobFiles.read(file);
    } catch (JobFiles.UnreadableException e) {
      return Cli.fail(spec, e.getMessage());
    }
    try {
      ScrapeConfig job = name == null ? JobDocument.parse(yaml) : JobDocument.parse(name, yaml);
      // The discovery sections too, as 'job set' and every scraper node check them.
      JobParser.standard().parse(job.jobName(), yaml);
      spec.commandLine().getOut().println(file + ": OK job " + job.jobName());
      return 0;
    } catch (InvalidJobException e) {
      return Cli.fail(spec, file + ": " + (name == null ? e.reason() : e.getMessage()));
    }
  }
}
