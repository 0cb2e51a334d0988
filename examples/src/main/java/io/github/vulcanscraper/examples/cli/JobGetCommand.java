package io.github.vulcanscraper.examples.cli;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.zookeeper.JobStore;
import io.github.vulcanscraper.zookeeper.JobStoreException;
import io.github.vulcanscraper.zookeeper.StoredJob;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vulcan job get NAME}: prints job NAME's document as stored; exit 1 when there is none. */
@Command(
    name = "get",
    mixinStandardHelpOptions = true,
    description = "Print job NAME's document as stored.")
public final class JobGetCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Mixin StoreOptions store;

  @Parameters(
      index = "0",
      paramLabel = "NAME",
      converter = JobNameConverter.class,
      description = "The job's name.")
  JobName name;

  @Option(
      names = "--show-version",
      description = "Print '# version: N' first, for 'job set --expect-version N'.")
  boolean showVersion;

  @Override
  public Integer call() {
    try (JobStore jobs = store.open()) {
      Optional<StoredJob> job = jobs.get(name);
      if (job.isEmpty()) {
        return Cli.fail(spec, "job \"" + name + "\" not found under " + store.root);
      }
      PrintWriter out = spec.commandLine().getOut();
      if (showVersion) {
        out.println("# version: " + job.get().version());
      }
      String yaml = job.get().yaml();
      out.print(yaml.isEmpty() || yaml.endsWith("\n") ? yaml : yaml + "\n");
      out.flush();
      return 0;
    } catch (JobStoreException e) {
      return Cli.fail(spec, e.getMessage());
    }
  }
}
