package io.github.vulcanscraper.core.config;

import io.github.vulcanscraper.core.relabel.RelabelConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A Prometheus configuration file as this library reads it: the {@code global} section and the
 * {@code scrape_configs}, loaded strictly as Prometheus loads them.
 *
 * <p>Strict: an unknown field, a duplicate key, a value of the wrong type and every check
 * Prometheus makes (job names unique, timeout at most the interval, relabel rules valid for their
 * action...) fail with a {@link ConfigException} naming the path and line, e.g. {@code
 * scrape_configs[2].relabel_configs[0].regex (line 14): ...}. Discovery mechanisms this library
 * does not have ({@code kubernetes_sd_configs}, {@code ec2_sd_configs}, ...) and HTTP settings it
 * cannot honour ({@code oauth2}, {@code proxy_from_environment}, {@code no_proxy}, TLS version
 * bounds above TLS 1.2, secret {@code *_ref}s) are rejected as "not supported". The other top-level
 * sections Prometheus has ({@code rule_files}, {@code alerting}, {@code remote_write}, {@code
 * remote_read}, {@code storage}, {@code tracing}, {@code otlp}, {@code runtime}) are accepted,
 * checked for their shape and ignored; {@code scrape_config_files} is not supported. YAML anchors
 * and aliases are not supported; a document is at most {@link #MAX_DOCUMENT_CHARS} characters.
 * Label names follow Prometheus' legacy validation.
 *
 * <p>Immutable and thread-safe.
 *
 * <pre>{@code
 * PrometheusConfig config = PrometheusConfig.load(Path.of("prometheus.yml"));
 * for (ScrapeConfig job : config.scrapeConfigs()) {
 *   System.out.println(job.jobName() + " every " + job.scrapeInterval());
 * }
 * }</pre>
 */
public final class PrometheusConfig {
  /** The largest YAML document accepted, in characters (3 Mi, the YAML parser's own limit). */
  public static final int MAX_DOCUMENT_CHARS = 3 * 1024 * 1024;

  private final GlobalConfig global;
  private final List<ScrapeConfig> scrapeConfigs;

  PrometheusConfig(GlobalConfig global, List<ScrapeConfig> scrapeConfigs) {
    this.global = global;
    this.scrapeConfigs = List.copyOf(scrapeConfigs);
  }

  /**
   * Parses a configuration. Relative file names in it ({@code password_file}, {@code ca_file},
   * {@code file_sd_configs} files...) stay relative to the working directory.
   *
   * @param yaml the configuration's YAML text
   * @return the configuration
   * @throws ConfigException when Prometheus would reject it or it uses what is not supported
   */
  public static PrometheusConfig parse(String yaml) {
    return parse(yaml, null);
  }

  /**
   * Parses a configuration whose relative file names are relative to {@code baseDir}, as Prometheus
   * resolves them against the configuration file's directory.
   *
   * @param baseDir the directory, or {@code null} for the working directory
   * @param yaml the configuration's YAML text
   * @return the configuration
   * @throws ConfigException when Prometheus would reject it or it uses what is not supported
   */
  public static PrometheusConfig parse(String yaml, @Nullable Path baseDir) {
    if (yaml.length() > MAX_DOCUMENT_CHARS) {
      throw new ConfigException(
          "",
          0,
          "YAML document too large: "
              + yaml.length()
              + " characters, at most "
              + MAX_DOCUMENT_CHARS);
    }
    YamlNode root = YamlNode.parse(yaml);
    try {
      return new ConfigParser(baseDir).parse(root);
    } catch (ConfigException e) {
      throw e;
    } catch (RuntimeException e) {
      // A check this loader misses must still surface as bad input, never as a crash.
      throw new ConfigException("", 0, "invalid configuration: " + e, e);
    }
  }

  /**
   * Reads and parses a configuration file (UTF-8); relative file names in it are resolved against
   * its directory.
   *
   * @param file the configuration file
   * @return the configuration
   * @throws IOException when the file cannot be read
   * @throws ConfigException when Prometheus would reject it or it uses what is not supported
   */
  public static PrometheusConfig load(Path file) throws IOException {
    long size = Files.size(file);
    if (size > 4L * MAX_DOCUMENT_CHARS) {
      throw new ConfigException("", 0, "YAML document too large: " + size + " bytes");
    }
    String yaml = Files.readString(file, StandardCharsets.UTF_8);
    Path dir = file.toAbsolutePath().getParent();
    return parse(yaml, dir);
  }

  /**
   * Parses a YAML list of relabel rules, as the value of {@code relabel_configs}.
   *
   * @param yaml a YAML list of rules
   * @return the rules, in order; empty for an empty list
   * @throws ConfigException naming the rule ({@code [1].regex}) and line of the first problem
   */
  public static List<RelabelConfig> parseRelabelConfigs(String yaml) {
    if (yaml.length() > MAX_DOCUMENT_CHARS) {
      throw new ConfigException("", 0, "YAML document too large: " + yaml.length() + " characters");
    }
    YamlNode root = YamlNode.parse(yaml);
    List<RelabelConfig> out = new ArrayList<>();
    for (Node item : new Node(root, "").list()) {
      if (item.isEmpty()) {
        throw item.error("empty or null relabeling rule");
      }
      out.add(ConfigParser.relabelConfig(item));
    }
    return out;
  }

  /**
   * The {@code global} section, Prometheus' defaults when absent.
   *
   * @return the global section
   */
  public GlobalConfig global() {
    return global;
  }

  /**
   * The jobs, in file order, the global defaults applied; job names are unique.
   *
   * @return the jobs, immutable; empty when there is none
   */
  public List<ScrapeConfig> scrapeConfigs() {
    return scrapeConfigs;
  }

  /**
   * The job of this name, if any.
   *
   * @param jobName the job's name
   * @return the job, or empty when there is no job of this name
   */
  public Optional<ScrapeConfig> scrapeConfig(String jobName) {
    for (ScrapeConfig c : scrapeConfigs) {
      if (c.jobName().value().equals(jobName)) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  /**
   * A one-line summary without secrets: {@code 3 scrape configs (node, mysql, web)}.
   *
   * @return the summary
   */
  public String summary() {
    StringBuilder sb =
        new StringBuilder()
            .append(scrapeConfigs.size())
            .append(scrapeConfigs.size() == 1 ? " scrape config" : " scrape configs");
    if (!scrapeConfigs.isEmpty()) {
      sb.append(" (");
      for (int i = 0; i < scrapeConfigs.size(); i++) {
        sb.append(i == 0 ? "" : ", ").append(scrapeConfigs.get(i).jobName());
      }
      sb.append(')');
    }
    return sb.toString();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof PrometheusConfig
        && ((PrometheusConfig) o).global.equals(global)
        && ((PrometheusConfig) o).scrapeConfigs.equals(scrapeConfigs);
  }

  @Override
  public int hashCode() {
    return 31 * global.hashCode() + scrapeConfigs.hashCode();
  }

  /** The global section and every job, one per line, without secrets. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("PrometheusConfig{").append(global);
    for (ScrapeConfig c : scrapeConfigs) {
      sb.append("\n  ").append(c);
    }
    return sb.append('}').toString();
  }
}
