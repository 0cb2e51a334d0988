package io.github.vulcanscraper.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vulcan} command line: {@code java -jar examples/target/vulcan.jar <command>}. Exit
 * codes: 0 success, 1 a failed check or operation, 2 a usage error.
 */
@Command(
    name = "vulcan",
    mixinStandardHelpOptions = true,
    version = "vulcan 0.1.0-SNAPSHOT",
    description = "Vulcan Scraper: a distributed Prometheus scraper for the JVM.",
    subcommands = {
      CheckCommand.class,
      TargetsCommand.class,
      JobCommand.class,
      NodeCommand.class,
      DemoCommand.class,
      ServersCommand.class,
      ConsumeCommand.class
    })
public final class VulcanCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /**
   * Runs the command line and exits with its code.
   *
   * @param args the command line, as {@code vulcan --help} describes it
   */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /**
   * Runs the command line and returns its exit code; used by tests.
   *
   * @param args the command line, as {@code vulcan --help} describes it
   * @return the exit code: 0 for success, 1 for a failed check or operation, 2 for a usage error
   */
  public static int run(String... args) {
    return new CommandLine(new VulcanCommand()).execute(args);
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }
}
