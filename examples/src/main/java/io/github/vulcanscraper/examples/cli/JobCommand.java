package io.github.vulcanscraper.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code vulcan job}: manages the jobs kept in ZooKeeper under {@code <root>/scraper/jobs}, one
 * Prometheus configuration document per job. Every write is validated first and compare-and-set on
 * the node's version.
 */
@Command(
    name = "job",
    mixinStandardHelpOptions = true,
    description = "Manage the scrape jobs kept in ZooKeeper (ROOT/scraper/jobs/NAME).",
    subcommands = {
      JobSetCommand.class,
      JobGetCommand.class,
      JobListCommand.class,
      JobDeleteCommand.class,
      JobValidateCommand.class
    })
public final class JobCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a job command is required");
  }
}
