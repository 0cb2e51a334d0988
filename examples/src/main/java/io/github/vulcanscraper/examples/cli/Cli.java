package io.github.vulcanscraper.examples.cli;

import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/** Small helpers the commands share. */
final class Cli {
  private Cli() {}

  /** Prints {@code message} as one line on stderr and returns exit code 1. */
  static int fail(CommandLine.Model.CommandSpec spec, @Nullable String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("error: " + String.valueOf(message).replace('\n', ' '));
    err.flush();
    return 1;
  }
}
