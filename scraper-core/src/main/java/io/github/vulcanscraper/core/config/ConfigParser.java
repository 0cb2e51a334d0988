package io.github.vulcanscraper.core.config;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.core.http.HttpClientConfig;
import io.github.vulcanscraper.core.http.Secret;
import io.github.vulcanscraper.core.relabel.RelabelConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Turns a YAML tree into the model, with Prometheus' defaults and checks, field by field. */
final class ConfigParser {
  /** Discovery mechanisms Prometheus has and this library does not. */
  private static final List<String> UNSUPPORTED_SD =
      List.of(
          "aws_sd_configs",
          "azure_sd_configs",
          "digitalocean_sd_configs",
          "docker_sd_configs",
          "dockerswarm_sd_configs",
          "ec2_sd_configs",
          "eureka_sd_configs",
          "gce_sd_configs",
          "hetzner_sd_configs",
          "ionos_sd_configs",
          "kubernetes_sd_configs",
          "kuma_sd_configs",
          "lightsail_sd_configs",
          "linode_sd_configs",
          "marathon_sd_configs",
          "nerve_sd_configs",
          "nomad_sd_configs",
          "oci_sd_configs",
          "openstack_sd_configs",
          "outscale_sd_configs",
          "ovhcloud_sd_configs",
          "puppetdb_sd_configs",
          "scaleway_sd_configs",
          "serverset_sd_configs",
          "stackit_sd_configs",
          "triton_sd_configs",
          "uyuni_sd_configs",
          "vultr_sd_configs");

  private static final Set<String> ESCAPING =
      Set.of("allow-utf-8", "underscores", "dots", "values");
  private static final Pattern RULE_PATH = Pattern.compile("[^*]*(\\*[^/]*)?");

  private final HttpClientParser http;
  private final @Nullable Path baseDir;

  ConfigParser(@Nullable Path baseDir) {
    this.baseDir = baseDir;
    this.http = new HttpClientParser(baseDir);
  }

  PrometheusConfig parse(YamlNode root) {
    Node.Fields f = new Node(root, "").fields("config");
    Node g = f.get("global");
    GlobalSettings global =
        g == null ? new GlobalSettings(GlobalConfig.DEFAULT, "utf8", "") : global(g);
    Node ruleFiles = f.get("rule_files");
    if (ruleFiles != null) {
      for (Node r : ruleFiles.list()) {
        if (!RULE_PATH.matcher(r.string()).matches()) {
          throw r.error("invalid rule file path \"" + r.string() + "\"");
        }
      }
    }
    Node scf = f.get("scrape_config_files");
    if (scf != null && !scf.list().isEmpty()) {
      throw scf.error("scrape_config_files is not supported");
    }
    for (String section : List.of("runtime", "alerting", "storage", "tracing", "otlp")) {
      Node s = f.get(section);
      if (s != null) {
        s.fields(section);
      }
    }
    for (String section : List.of("remote_write", "remote_read")) {
      Node s = f.get(section);
      if (s != null) {
        for (Node item : s.list()) {
          if (item.isEmpty()) {
            throw item.error("empty or null " + section.replace('_', ' ') + " config section");
          }
          Node.Fields rf = item.fields(section);
          Node url = rf.get("url");
          if (url == null || url.string().isEmpty()) {
            throw item.error("url for " + section + " is empty");
          }
        }
      }
    }
    List<ScrapeConfig> scrapeConfigs = new ArrayList<>();
    Map<String, Integer> jobLines = new HashMap<>();
    Node list = f.get("scrape_configs");
    if (list != null) {
      for (Node item : list.list()) {
        if (item.isEmpty()) {
          throw item.error("empty or null scrape config section");
        }
        ScrapeConfig sc = scrapeConfig(item, global);
        Integer first = jobLines.putIfAbsent(sc.jobName().value(), item.line());
        if (first != null) {
          throw item.error(
              "found multiple scrape configs with job name \""
                  + sc.jobName()
                  + "\" (first at line "
                  + first
                  + ")");
        }
        scrapeConfigs.add(sc);
      }
    }
    f.done();
    return new PrometheusConfig(global.config, scrapeConfigs);
  }

  /** The global section and the name settings scrape configs inherit. */
  private static final class GlobalSettings {
    final GlobalConfig config;
    final String validation;
    final String escaping;

    GlobalSettings(GlobalConfig config, String validation, String escaping) {
      this.config = config;
      this.validation = validation;
      this.escaping = escaping;
    }
  }

  private GlobalSettings global(Node n) {
    Node.Fields f = n.fields("global config");
    GlobalConfig.Builder b = GlobalConfig.builder();
    set(f, "scrape_interval", Node::duration, b::scrapeInterval);
    set(f, "scrape_timeout", Node::duration, b::scrapeTimeout);
    set(f, "evaluation_interval", Node::duration, b::evaluationInterval);
    set(f, "rule_query_offset", Node::duration, d -> {});
    set(f, "scrape_protocols", Node::strings, b::scrapeProtocols);
    Node ext = f.get("external_labels");
    if (ext != null) {
      b.externalLabels(labels(ext));
    }
    set(f, "body_size_limit", Node::bytes, b::bodySizeLimit);
    set(f, "sample_limit", Node::limit, b::sampleLimit);
    set(f, "target_limit", Node::limit, b::targetLimit);
    set(f, "label_limit", Node::limit, b::labelLimit);
    set(f, "label_name_length_limit", Node::limit, b::labelNameLengthLimit);
    set(f, "label_value_length_limit", Node::limit, b::labelValueLengthLimit);
    set(f, "keep_dropped_targets", Node::limit, b::keepDroppedTargets);
    for (String flag :
        List.of(
            "scrape_native_histograms",
            "convert_classic_histograms_to_nhcb",
            "always_scrape_classic_histograms",
            "extra_scrape_metrics")) {
      set(f, flag, Node::bool, v -> {});
    }
    set(f, "query_log_file", Node::string, v -> {});
    set(f, "scrape_failure_log_file", Node::string, v -> {});
    String validation = value(f, "metric_name_validation_scheme");
    if (!validation.equals("legacy") && !validation.equals("utf8")) {
      validation = "utf8";
    }
    Node esc = f.get("metric_name_escaping_scheme");
    String escaping = esc == null ? "" : esc.string();
    if (esc != null && !escaping.isEmpty() && !ESCAPING.contains(escaping)) {
      throw esc.error(
          "unknown global name escaping method specified, must be one of"
              + " 'allow-utf-8', 'underscores', 'dots', or 'values', got \""
              + escaping
              + "\"");
    }
    f.done();
    GlobalConfig config;
    try {
      config = b.build();
    } catch (IllegalArgumentException e) {
      throw n.error(String.valueOf(e.getMessage()), e);
    }
    return new GlobalSettings(config, validation, escaping);
  }

  private ScrapeConfig scrapeConfig(Node n, GlobalSettings global) {
    Node.Fields f = n.fields("scrape_config");
    Node nameNode = f.get("job_name");
    if (nameNode == null || nameNode.string().isEmpty()) {
      throw (nameNode == null ? n : nameNode).error("job_name is empty");
    }
    String name = nameNode.string();
    ScrapeConfig.Builder b = nameNode.convert(x -> ScrapeConfig.builder(x));
    b.global(global.config);
    set(f, "honor_labels", Node::bool, b::honorLabels);
    set(f, "honor_timestamps", Node::bool, b::honorTimestamps);
    set(f, "track_timestamps_staleness", Node::bool, b::trackTimestampsStaleness);
    set(f, "params", this::params, b::params);
    set(f, "scrape_interval", Node::duration, b::scrapeInterval);
    set(f, "scrape_timeout", Node::duration, b::scrapeTimeout);
    set(f, "scrape_protocols", Node::strings, b::scrapeProtocols);
    set(f, "fallback_scrape_protocol", Node::string, b::fallbackScrapeProtocol);
    set(f, "metrics_path", Node::string, b::metricsPath);
    set(f, "scheme", Node::string, s -> b.scheme(s.isEmpty() ? "http" : s));
    set(f, "enable_compression", Node::bool, b::enableCompression);
    set(f, "body_size_limit", Node::bytes, b::bodySizeLimit);
    set(f, "sample_limit", Node::limit, b::sampleLimit);
    set(f, "target_limit", Node::limit, b::targetLimit);
    set(f, "label_limit", Node::limit, b::labelLimit);
    set(f, "label_name_length_limit", Node::limit, b::labelNameLengthLimit);
    set(f, "label_value_length_limit", Node::limit, b::labelValueLengthLimit);
    set(f, "keep_dropped_targets", Node::limit, b::keepDroppedTargets);
    set(f, "native_histogram_bucket_limit", Node::limit, v -> {});
    set(f, "native_histogram_min_bucket_factor", Node::string, v -> {});
    for (String flag :
        List.of(
            "scrape_native_histograms",
            "always_scrape_classic_histograms",
            "convert_classic_histograms_to_nhcb",
            "extra_scrape_metrics")) {
      set(f, flag, Node::bool, v -> {});
    }
    set(f, "scrape_failure_log_file", Node::string, v -> {});
    nameSchemes(f, global, name);
    b.httpClient(http.parse(f));
    b.relabelConfigs(relabelConfigs(f.get("relabel_configs"), "target"));
    b.metricRelabelConfigs(relabelConfigs(f.get("metric_relabel_configs"), "metric"));
    b.staticConfigs(sdList(f, "static_configs", this::staticConfig));
    b.dnsSdConfigs(sdList(f, "dns_sd_configs", this::dnsSdConfig));
    b.consulSdConfigs(sdList(f, "consul_sd_configs", this::consulSdConfig));
    b.fileSdConfigs(sdList(f, "file_sd_configs", this::fileSdConfig));
    b.httpSdConfigs(sdList(f, "http_sd_configs", this::httpSdConfig));
    Map<String, String> unsupported = new LinkedHashMap<>();
    for (String sd : UNSUPPORTED_SD) {
      unsupported.put(sd, sd + " is not supported");
    }
    f.done(unsupported);
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw n.error(String.valueOf(e.getMessage()), e);
    }
  }

  private void nameSchemes(Node.Fields f, GlobalSettings global, String job) {
    Node v = f.get("metric_name_validation_scheme");
    String validation = v == null ? "" : v.string();
    if (v != null
        && !validation.isEmpty()
        && !validation.equals("legacy")
        && !validation.equals("utf8")) {
      throw v.error(
          "unknown scrape config name validation method specified, must be either '',"
              + " 'legacy' or 'utf8', got "
              + validation);
    }
    Node e = f.get("metric_name_escaping_scheme");
    String escaping = e == null ? "" : e.string();
    if (e != null && !escaping.isEmpty() && !ESCAPING.contains(escaping)) {
      throw e.error(
          "unknown scrape config name escaping method specified, must be one of"
              + " 'allow-utf-8', 'underscores', 'dots', or 'values', got \""
              + escaping
              + "\"");
    }
    String effectiveValidation = validation.isEmpty() ? global.validation : validation;
    if (escaping.isEmpty()) {
      if (validation.isEmpty()) {
        escaping =
            !global.escaping.isEmpty()
                ? global.escaping
                : global.validation.equals("legacy") ? "underscores" : "allow-utf-8";
      } else {
        escaping = validation.equals("legacy") ? "underscores" : "allow-utf-8";
      }
    }
    if (escaping.equals("allow-utf-8") && !effectiveValidation.equals("utf8")) {
      throw (e != null ? e : v != null ? v : f.node())
          .error(
              "utf8 metric names requested but validation scheme is not set to UTF8 for job \""
                  + job
                  + "\"");
    }
  }

  private Map<String, List<String>> params(Node n) {
    Node.Fields f = n.fields("params");
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (String key : f.keys()) {
      out.put(key, f.present(key).strings());
    }
    return out;
  }

  List<RelabelConfig> relabelConfigs(@Nullable Node n, String kind) {
    List<RelabelConfig> out = new ArrayList<>();
    if (n == null) {
      return out;
    }
    for (Node item : n.list()) {
      if (item.isEmpty()) {
        throw item.error("empty or null " + kind + " relabeling rule in scrape config");
      }
      out.add(relabelConfig(item));
    }
    return out;
  }

  static RelabelConfig relabelConfig(Node n) {
    Node.Fields f = n.fields("relabel config");
    RelabelConfig.Builder b = RelabelConfig.builder();
    set(f, "source_labels", Node::strings, b::sourceLabels);
    set(f, "separator", Node::string, b::separator);
    set(f, "regex", Node::string, b::regex);
    set(f, "modulus", ConfigParser::unsigned64, b::modulus);
    set(f, "target_label", Node::string, b::targetLabel);
    set(f, "replacement", Node::string, b::replacement);
    set(f, "action", Node::string, s -> b.action(RelabelConfig.Action.of(s)));
    f.done();
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw n.error(String.valueOf(e.getMessage()), e);
    }
  }

  private static long unsigned64(Node n) {
    if (n.isNull()) {
      return 0;
    }
    String s = n.string();
    try {
      if (!s.matches("[0-9]+")) {
        throw new NumberFormatException();
      }
      return Long.parseUnsignedLong(s);
    } catch (NumberFormatException e) {
      throw n.error("expected an unsigned 64-bit integer, got \"" + s + "\"");
    }
  }

  private <T> List<T> sdList(Node.Fields f, String key, Function<Node, T> parse) {
    Node n = f.get(key);
    List<T> out = new ArrayList<>();
    if (n == null) {
      return out;
    }
    for (Node item : n.list()) {
      if (item.isEmpty()) {
        throw item.error("empty or null section in " + key);
      }
      out.add(parse.apply(item));
    }
    return out;
  }

  private StaticConfig staticConfig(Node n) {
    Node.Fields f = n.fields("static_config");
    Node targets = f.get("targets");
    Node labels = f.get("labels");
    f.done();
    List<String> list = targets == null ? List.of() : targets.strings();
    return StaticConfig.of(list, labels == null ? Labels.EMPTY : labels(labels));
  }

  private static Labels labels(Node n) {
    Node.Fields f = n.fields("labels");
    Labels.Builder b = Labels.builder();
    for (String key : f.keys()) {
      Node v = f.present(key);
      if (!isLabelName(key)) {
        throw v.error("\"" + key + "\" is not a valid label name");
      }
      b.add(key, v.string());
    }
    return b.build();
  }

  private static boolean isLabelName(String s) {
    return s.matches("[a-zA-Z_][a-zA-Z0-9_]*");
  }

  private DnsSdConfig dnsSdConfig(Node n) {
    Node.Fields f = n.fields("dns_sd_config");
    DnsSdConfig.Builder b = DnsSdConfig.builder();
    set(f, "names", Node::strings, b::names);
    set(
        f,
        "type",
        Node::string,
        s -> b.type(s.isEmpty() ? DnsSdConfig.RecordType.SRV : DnsSdConfig.RecordType.of(s)));
    set(f, "port", x -> (int) x.unsigned(65535), b::port);
    set(f, "refresh_interval", Node::duration, b::refreshInterval);
    f.done();
    return build(n, b::build);
  }

  private ConsulSdConfig consulSdConfig(Node n) {
    Node.Fields f = n.fields("consul_sd_config");
    ConsulSdConfig.Builder b = ConsulSdConfig.builder();
    set(f, "server", Node::string, b::server);
    set(f, "path_prefix", Node::string, b::pathPrefix);
    set(f, "token", Node::string, s -> b.token(s.isEmpty() ? null : Secret.of(s)));
    set(f, "datacenter", Node::string, b::datacenter);
    set(f, "namespace", Node::string, b::namespace);
    set(f, "partition", Node::string, b::partition);
    set(f, "tag_separator", Node::string, b::tagSeparator);
    set(f, "scheme", Node::string, b::scheme);
    set(f, "allow_stale", Node::bool, b::allowStale);
    set(f, "refresh_interval", Node::duration, b::refreshInterval);
    set(f, "services", Node::strings, b::services);
    set(f, "tags", Node::strings, b::tags);
    set(f, "node_meta", Node::stringMap, b::nodeMeta);
    set(f, "filter", Node::string, b::filter);
    set(f, "health_filter", Node::string, b::healthFilter);
    Node user = f.get("username");
    Node password = f.get("password");
    HttpClientConfig client = http.parse(f);
    String u = user == null ? "" : user.string();
    String p = password == null ? "" : password.string();
    if (!u.isEmpty() || !p.isEmpty()) {
      if (client.basicAuthUsername() != null) {
        throw n.error(
            "at most one of consul SD configuration username and password and basic"
                + " auth can be configured");
      }
      Node at = user != null ? user : Objects.requireNonNull(password);
      HttpClientConfig base = client;
      client =
          at.convert(x -> base.toBuilder().basicAuth(u, p.isEmpty() ? null : Secret.of(p)).build());
    }
    b.httpClient(client);
    f.done();
    return build(n, b::build);
  }

  private FileSdConfig fileSdConfig(Node n) {
    Node.Fields f = n.fields("file_sd_config");
    Node files = f.get("files");
    Node refresh = f.get("refresh_interval");
    f.done();
    List<String> list = new ArrayList<>();
    for (Node file : files == null ? List.<Node>of() : files.list()) {
      String name = file.string();
      // Validates the name (a glob's '*' is not a valid path character everywhere).
      http.file(name.replace("*", "x"), file);
      Path dir = baseDir;
      boolean relative = !Path.of(name.replace("*", "x")).isAbsolute();
      list.add(dir != null && relative ? dir.resolve(name).toString() : name);
    }
    return build(n, () -> FileSdConfig.of(list, refresh == null ? null : refresh.duration()));
  }

  private HttpSdConfig httpSdConfig(Node n) {
    Node.Fields f = n.fields("http_sd_config");
    Node urlNode = f.get("url");
    Node refresh = f.get("refresh_interval");
    HttpClientConfig client = http.parse(f);
    f.done();
    URI url = null;
    if (urlNode != null && !urlNode.string().isEmpty()) {
      try {
        url = new URI(urlNode.string());
      } catch (URISyntaxException e) {
        throw urlNode.error("invalid url: " + e.getReason());
      }
    }
    URI u = url;
    Node at = urlNode != null ? urlNode : n;
    return build(at, () -> HttpSdConfig.of(u, refresh == null ? null : refresh.duration(), client));
  }

  private static <T> T build(Node at, java.util.function.Supplier<T> s) {
    try {
      return s.get();
    } catch (ConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw at.error(String.valueOf(e.getMessage()), e);
    }
  }

  private static String value(Node.Fields f, String key) {
    Node n = f.get(key);
    return n == null ? "" : n.string();
  }

  /** Reads {@code key} if present, converts it and hands it to {@code setter}; errors name it. */
  static <T> void set(
      Node.Fields f, String key, Function<Node, T> convert, java.util.function.Consumer<T> setter) {
    Node n = f.get(key);
    if (n == null) {
      return;
    }
    T value = convert.apply(n);
    n.check(() -> setter.accept(value));
  }
}
