package io.github.vulcanscraper.examples.cli;

import io.github.vulcanscraper.core.config.ConfigException;
import io.github.vulcanscraper.core.config.PrometheusConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code vulcan check config FILE}: loads a Prometheus configuration as the scraper would and
 * prints {@code FILE: OK 3 scrape configs (node, mysql, web)}, or the error with its path and line
 * on stderr and exit code 1.
 */
@Command(
    name = "config",
    mixinStandardHelpOptions = true,
    description = {
      "Check a Prometheus configuration file (global and scrape_configs) as the scraper loads it.",
      "Prints a one-line summary, or the first error with its path and line (exit 1)."
    })
public final class CheckConfigCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "FILE", description = "The configuration file (YAML).")
  Path file;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try {
      PrometheusConfig config = PrometheusConfig.load(file);
      out.println(file + ": OK " + config.summary());
      out.flush();
      return 0;
    } catch (ConfigException e) {
      err.println(file + ": ERROR " + e.getMessage());
    } catch (NoSuchFileException e) {
      err.println(file + ": ERROR no such file");
    } catch (IOException e) {
      err.println(file + ": ERROR cannot read: " + e.getMessage());
    }
    err.flush();
    return 1;
  }
}
