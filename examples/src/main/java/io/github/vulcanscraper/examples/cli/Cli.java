package io.github.vulcanscraper.examples.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/** Small helpers the commands share. */
final class Cli {
  private Cli() {}

  /** Prints {@code message} as one line on stderr and returns exit code 1. */
  static int fail(CommandLine.Model.CommandSpec spec, String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("error: " + message.replace('\n', ' '));
    err.flush();
    return 1;
  }
}
