package io.github.vulcanscraper.examples.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the {@code vulcan} command line in this JVM and keeps what it printed. Not thread-safe. */
final class CliRun {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** Runs {@code vulcan <args>} and returns its exit code; output adds to what was kept. */
  int run(String... args) {
    return new CommandLine(new VulcanCommand())
        .setOut(new PrintWriter(out, true))
        .setErr(new PrintWriter(err, true))
        .execute(args);
  }

  /** What the runs printed to standard output so far. */
  String out() {
    return out.toString();
  }

  /** What the runs printed to standard error so far. */
  String err() {
    return err.toString();
  }

  /** Forgets what the runs printed so far, both streams. */
  void clear() {
    clearOut();
    err.getBuffer().setLength(0);
  }

  /** Forgets the standard output kept so far. */
  void clearOut() {
    out.getBuffer().setLength(0);
  }
}
