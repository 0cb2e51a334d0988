package io.github.vulcanscraper.examples.cli;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.zookeeper.InvalidJobException;
import io.github.vulcanscraper.zookeeper.JobParser;
import io.github.vulcanscraper.zookeeper.JobStore;
import io.github.vulcanscraper.zookeeper.JobStoreException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vulcan job set NAME [FILE|-]}: validates the document (one scrape_config whose job_name is
 * NAME) and writes it as job NAME, compare-and-set on the node's version. Exit 1 with the reason,
 * and nothing written, when the document is invalid or the job changed concurrently.
 */
@Command(
    name = "set",
    mixinStandardHelpOptions = true,
    description = {
      "Create or replace job NAME with a Prometheus config document holding that one job.",
      "The document is validated first; nothing is written when it is invalid or when the job"
          + " changed concurrently."
    })
public final class JobSetCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin StoreOptions store;

  @Parameters(
      index = "0",
      paramLabel = "NAME",
      converter = JobNameConverter.class,
      description = "The job's name; the document's job_name must equal it.")
  JobName name;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "FILE",
      defaultValue = "-",
      description = "The document to write; '-' or none reads standard input.")
  String file;

  @Option(
      names = "--expect-version",
      paramLabel = "N",
      description =
          "Write only if the job is at version N (as 'job get --show-version' prints);"
              + " -1: only if the job does not exist yet.")
  Integer expectedVersion;

  @Override
  public Integer call() {
    String yaml;
    try {
      yaml = JobFiles.read(file);
    } catch (JobFiles.UnreadableException e) {
      return Cli.fail(spec, e.getMessage());
    }
    try {
      // Nothing touches the store unless the document is valid.
      JobParser.standard().parse(name, yaml);
    } catch (InvalidJobException e) {
      return Cli.fail(spec, e.getMessage());
    }
    try (JobStore jobs = store.open()) {
      int version =
          expectedVersion == null ? jobs.set(name, yaml) : jobs.set(name, yaml, expectedVersion);
      spec.commandLine().getOut().println("job " + name + " written, version " + version);
      return 0;
    } catch (InvalidJobException | JobStoreException | IllegalArgumentException e) {
      return Cli.fail(spec, e.getMessage());
    }
  }
}
