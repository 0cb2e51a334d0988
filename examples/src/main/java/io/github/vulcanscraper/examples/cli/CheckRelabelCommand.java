package io.github.vulcanscraper.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.core.config.ConfigException;
import io.github.vulcanscraper.core.config.PrometheusConfig;
import io.github.vulcanscraper.core.relabel.Relabeler;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vulcan check relabel --rules FILE --labels JSON}: applies a YAML list of relabel rules to
 * one label set, as Prometheus would, and prints the result as one JSON object with sorted keys, or
 * {@code dropped}. Invalid rules give exit code 1 with the rule's path and line.
 */
@Command(
    name = "relabel",
    mixinStandardHelpOptions = true,
    description = {
      "Apply relabel rules to a label set and print the result as JSON (sorted keys) or"
          + " 'dropped'.",
      "Exit 1 when the rules are invalid."
    })
public final class CheckRelabelCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--rules",
      required = true,
      paramLabel = "FILE",
      description = "A YAML list of relabel rules, as the value of relabel_configs.")
  Path rules;

  @Option(
      names = "--labels",
      required = true,
      paramLabel = "JSON",
      description = "The input labels as a JSON object, e.g. '{\"__address__\":\"host:9100\"}'.")
  String labels;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Labels input = parseLabels();
    Relabeler relabeler;
    try {
      String yaml = Files.readString(rules, StandardCharsets.UTF_8);
      relabeler = Relabeler.of(PrometheusConfig.parseRelabelConfigs(yaml));
    } catch (ConfigException e) {
      err.println(rules + ": ERROR " + e.getMessage());
      err.flush();
      return 1;
    } catch (IOException e) {
      err.println(rules + ": ERROR cannot read: " + e.getMessage());
      err.flush();
      return 1;
    }
    Labels result = relabeler.process(input);
    if (result == null) {
      out.println("dropped");
    } else {
      try {
        out.println(JSON.writeValueAsString(result.toMap()));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a map of strings always serializes", e);
      }
    }
    out.flush();
    return 0;
  }

  private Labels parseLabels() {
    Map<String, String> map;
    try {
      map = JSON.readValue(labels, new TypeReference<Map<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--labels must be a JSON object of strings: " + e.getOriginalMessage());
    }
    if (map == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--labels must not be null");
    }
    try {
      return Labels.of(map);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--labels: " + e.getMessage());
    }
  }
}
