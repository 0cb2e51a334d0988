package io.github.vulcanscraper.examples.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code vulcan check}: offline checks of exposition files, configurations and relabel rules. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Check exposition files, configurations and relabel rules offline.",
    subcommands = {CheckConfigCommand.class, CheckRelabelCommand.class, CheckMetricsCommand.class})
public final class CheckCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a check is required");
  }
}
