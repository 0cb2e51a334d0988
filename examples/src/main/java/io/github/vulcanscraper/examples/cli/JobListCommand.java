package io.github.vulcanscraper.examples.cli;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.zookeeper.JobStore;
import io.github.vulcanscraper.zookeeper.JobStoreException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code vulcan job list}: prints the jobs' names, sorted, one a line. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    description = "Print the names of the jobs, sorted, one a line.")
public final class JobListCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin StoreOptions store;

  @Override
  public Integer call() {
    try (JobStore jobs = store.open()) {
      PrintWriter out = spec.commandLine().getOut();
      for (JobName name : jobs.list()) {
        out.println(name);
      }
      out.flush();
      return 0;
    } catch (JobStoreException e) {
      return Cli.fail(spec, e.getMessage());
    }
  }
}
