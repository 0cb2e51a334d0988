package io.github.vulcanscraper.examples.cli;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.zookeeper.JobStore;
import io.github.vulcanscraper.zookeeper.JobStoreException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code vulcan job delete NAME}: deletes job NAME; exit 1 when there is none. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    description = "Delete job NAME; every scraper node stops scraping its targets.")
public final class JobDeleteCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin StoreOptions store;

  @Parameters(
      index = "0",
      paramLabel = "NAME",
      converter = JobNameConverter.class,
      description = "The job's name.")
  JobName name;

  @Override
  public Integer call() {
    try (JobStore jobs = store.open()) {
      if (!jobs.delete(name)) {
        return Cli.fail(spec, "job \"" + name + "\" not found under " + store.root);
      }
      spec.commandLine().getOut().println("job " + name + " deleted");
      return 0;
    } catch (JobStoreException e) {
      return Cli.fail(spec, e.getMessage());
    }
  }
}
