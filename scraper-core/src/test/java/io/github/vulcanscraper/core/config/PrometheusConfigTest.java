package io.github.vulcanscraper.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.core.http.Secret;
import io.github.vulcanscraper.core.relabel.RelabelConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class PrometheusConfigTest {
  private static ConfigException error(String yaml) {
    try {
      PrometheusConfig.parse(yaml);
    } catch (ConfigException e) {
      return e;
    }
    throw new AssertionError("accepted: " + yaml);
  }

  @Test
  void appliesPrometheusDefaultsToAMinimalJob() {
    PrometheusConfig config = PrometheusConfig.parse("scrape_configs:\n  - job_name: node\n");

    ScrapeConfig job = config.scrapeConfigs().get(0);
    assertThat(job.jobName().value()).isEqualTo("node");
    assertThat(job.scrapeInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(job.scrapeTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(job.metricsPath()).isEqualTo("/metrics");
    assertThat(job.scheme()).isEqualTo("http");
    assertThat(job.honorLabels()).isFalse();
    assertThat(job.honorTimestamps()).isTrue();
    assertThat(job.enableCompression()).isTrue();
    assertThat(job.bodySizeLimit()).isZero();
    assertThat(job.scrapeProtocols())
        .containsExactly(
            "OpenMetricsText1.0.0",
            "OpenMetricsText0.0.1",
            "PrometheusText1.0.0",
            "PrometheusText0.0.4");
    assertThat(job.relabelConfigs()).isEmpty();
  }

  @Test
  void anEmptyDocumentIsAConfigWithoutJobs() {
    PrometheusConfig config = PrometheusConfig.parse("");

    assertThat(config.scrapeConfigs()).isEmpty();
    assertThat(config.global()).isEqualTo(GlobalConfig.DEFAULT);
  }

  @Test
  void jobInheritsGlobalIntervalAndLimitsAndCapsTheTimeoutByItsInterval() {
    PrometheusConfig config =
        PrometheusConfig.parse(
            "global:\n"
                + "  scrape_interval: 15s\n"
                + "  scrape_timeout: 12s\n"
                + "  body_size_limit: 15MB\n"
                + "  sample_limit: 1500\n"
                + "  external_labels: {dc: eu1}\n"
                + "scrape_configs:\n"
                + "  - job_name: a\n"
                + "  - job_name: b\n"
                + "    scrape_interval: 5s\n"
                + "    sample_limit: 10\n");

    ScrapeConfig a = config.scrapeConfigs().get(0);
    ScrapeConfig b = config.scrapeConfigs().get(1);
    assertThat(a.scrapeInterval()).isEqualTo(Duration.ofSeconds(15));
    assertThat(a.scrapeTimeout()).isEqualTo(Duration.ofSeconds(12));
    assertThat(a.bodySizeLimit()).isEqualTo(15L * 1024 * 1024);
    assertThat(a.sampleLimit()).isEqualTo(1500);
    assertThat(b.scrapeTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(b.sampleLimit()).isEqualTo(10);
    assertThat(config.global().externalLabels()).isEqualTo(Labels.of("dc", "eu1"));
  }

  @Test
  void readsHttpClientSettingsAndResolvesFilesAgainstTheBaseDirectory() {
    PrometheusConfig config =
        PrometheusConfig.parse(
            "scrape_configs:\n"
                + "  - job_name: web\n"
                + "    scheme: https\n"
                + "    basic_auth: {username: u, password_file: pw.txt}\n"
                + "    tls_config: {ca_file: ca.pem, insecure_skip_verify: true}\n"
                + "    follow_redirects: false\n"
                + "    http_headers:\n"
                + "      X-Team: {values: [a], secrets: [b]}\n",
            Path.of("/etc/vulcan"));

    var http = config.scrapeConfigs().get(0).httpClient();
    assertThat(http.basicAuthUsername()).isEqualTo("u");
    assertThat(http.basicAuthPassword()).isEqualTo(Secret.fromFile(Path.of("/etc/vulcan/pw.txt")));
    assertThat(http.tls().caFile()).isEqualTo(Path.of("/etc/vulcan/ca.pem"));
    assertThat(http.tls().insecureSkipVerify()).isTrue();
    assertThat(http.followRedirects()).isFalse();
    assertThat(http.headers().get("X-Team")).containsExactly(Secret.of("a"), Secret.of("b"));
  }

  @Test
  void legacyBearerTokenBecomesAnAuthorizationHeader() {
    var http =
        PrometheusConfig.parse("scrape_configs:\n  - job_name: a\n    bearer_token: t0k\n")
            .scrapeConfigs()
            .get(0)
            .httpClient();

    assertThat(http.authorizationType()).isEqualTo("Bearer");
    assertThat(http.authorizationCredentials()).isEqualTo(Secret.of("t0k"));
  }

  @Test
  void readsEveryDiscoveryMechanismWithItsDefaults() {
    ScrapeConfig job =
        PrometheusConfig.parse(
                "scrape_configs:\n"
                    + "  - job_name: sd\n"
                    + "    static_configs:\n"
                    + "      - targets: ['h1:9100', 'h2:9100']\n"
                    + "        labels: {env: prod}\n"
                    + "    dns_sd_configs:\n"
                    + "      - names: [_node._tcp.example.com]\n"
                    + "      - names: [a.example.com]\n"
                    + "        type: a\n"
                    + "        port: 9100\n"
                    + "    consul_sd_configs:\n"
                    + "      - services: [web]\n"
                    + "        token: secret-token\n"
                    + "    file_sd_configs:\n"
                    + "      - files: ['/etc/targets/*.json']\n"
                    + "    http_sd_configs:\n"
                    + "      - url: http://sd.example.com/targets\n")
            .scrapeConfigs()
            .get(0);

    assertThat(job.staticConfigs().get(0).targets()).containsExactly("h1:9100", "h2:9100");
    assertThat(job.staticConfigs().get(0).labels()).isEqualTo(Labels.of("env", "prod"));
    assertThat(job.dnsSdConfigs().get(0).type()).isEqualTo(DnsSdConfig.RecordType.SRV);
    assertThat(job.dnsSdConfigs().get(0).refreshInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(job.dnsSdConfigs().get(1).type()).isEqualTo(DnsSdConfig.RecordType.A);
    assertThat(job.dnsSdConfigs().get(1).port()).isEqualTo(9100);
    ConsulSdConfig consul = job.consulSdConfigs().get(0);
    assertThat(consul.server()).isEqualTo("localhost:8500");
    assertThat(consul.scheme()).isEqualTo("http");
    assertThat(consul.allowStale()).isTrue();
    assertThat(consul.tagSeparator()).isEqualTo(",");
    assertThat(consul.refreshInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(consul.services()).containsExactly("web");
    assertThat(consul.toString()).doesNotContain("secret-token");
    assertThat(job.fileSdConfigs().get(0).refreshInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(job.httpSdConfigs().get(0).refreshInterval()).isEqualTo(Duration.ofSeconds(60));
    assertThat(job.httpSdConfigs().get(0).url().getHost()).isEqualTo("sd.example.com");
  }

  @Test
  void consulLegacyUsernameAndPasswordBecomeBasicAuthNextToTheOtherSettings() {
    ConsulSdConfig consul =
        PrometheusConfig.parse(
                "scrape_configs:\n"
                    + "  - job_name: c\n"
                    + "    consul_sd_configs:\n"
                    + "      - username: 123\n"
                    + "        password: pw\n"
                    + "        tls_config: {server_name: consul}\n")
            .scrapeConfigs()
            .get(0)
            .consulSdConfigs()
            .get(0);

    assertThat(consul.httpClient().basicAuthUsername()).isEqualTo("123");
    assertThat(consul.httpClient().basicAuthPassword()).isEqualTo(Secret.of("pw"));
    assertThat(consul.httpClient().tls().serverName()).isEqualTo("consul");
    assertThat(
            error(
                    "scrape_configs:\n  - job_name: c\n    consul_sd_configs:\n"
                        + "      - username: a\n        basic_auth: {username: b}\n")
                .reason())
        .contains("at most one of consul SD configuration username and password and basic auth");
  }

  @Test
  void relabelRulesGetDefaultsAndAnEmptyRegexStaysEmpty() {
    List<RelabelConfig> rules =
        PrometheusConfig.parse(
                "scrape_configs:\n"
                    + "  - job_name: a\n"
                    + "    relabel_configs:\n"
                    + "      - target_label: x\n"
                    + "      - regex:\n"
                    + "        target_label: y\n")
            .scrapeConfigs()
            .get(0)
            .relabelConfigs();

    assertThat(rules.get(0).regex()).isEqualTo("(.*)");
    assertThat(rules.get(0).separator()).isEqualTo(";");
    assertThat(rules.get(0).replacement()).isEqualTo("$1");
    assertThat(rules.get(0).action()).isEqualTo(RelabelConfig.Action.REPLACE);
    assertThat(rules.get(1).regex()).isEmpty();
  }

  @Test
  void scalarsKeepTheirTextWhereAStringIsExpected() {
    ScrapeConfig job =
        PrometheusConfig.parse(
                "scrape_configs:\n"
                    + "  - job_name: 123\n"
                    + "    relabel_configs:\n"
                    + "      - source_labels: [a]\n"
                    + "        regex: 1.10\n"
                    + "        action: keep\n")
            .scrapeConfigs()
            .get(0);

    assertThat(job.jobName().value()).isEqualTo("123");
    assertThat(job.relabelConfigs().get(0).regex()).isEqualTo("1.10");
    assertThat(error("scrape_configs:\n  - job_name: a\n    honor_labels: 'true'\n").reason())
        .isEqualTo("expected true or false, got \"true\"");
  }

  @Test
  void anUnknownFieldIsRejectedWithItsPathAndLine() {
    ConfigException e = error("scrape_configs:\n  - job_name: a\n    scrape_intervall: 5s\n");

    assertThat(e.path()).isEqualTo("scrape_configs[0].scrape_intervall");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.getMessage()).contains("field scrape_intervall not found");
  }

  @Test
  void aDuplicateKeyIsRejectedWithBothLines() {
    ConfigException e = error("scrape_configs:\n  - job_name: a\n    job_name: b\n");

    assertThat(e.path()).isEqualTo("scrape_configs[0].job_name");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.reason()).contains("already set (line 2)");
  }

  @Test
  void anUnsupportedDiscoveryMechanismIsNamed() {
    ConfigException e =
        error("scrape_configs:\n  - job_name: k\n    kubernetes_sd_configs:\n      - role: pod\n");

    assertThat(e.path()).isEqualTo("scrape_configs[0].kubernetes_sd_configs");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.reason()).isEqualTo("kubernetes_sd_configs is not supported");
  }

  @Test
  void aBadRegexNamesTheRuleFieldAndLine() {
    ConfigException e =
        error(
            "scrape_configs:\n"
                + "  - job_name: a\n"
                + "  - job_name: b\n"
                + "    relabel_configs:\n"
                + "      - target_label: x\n"
                + "        regex: 'a(b'\n");

    assertThat(e.path()).isEqualTo("scrape_configs[1].relabel_configs[0].regex");
    assertThat(e.line()).isEqualTo(6);
    assertThat(e.reason()).contains("a(b");
  }

  @Test
  void eachValidationErrorNamesItsPlace() {
    Map<String, String> cases =
        Map.ofEntries(
            Map.entry(
                "scrape_configs:\n  - job_name:\n", "scrape_configs[0].job_name|job_name is empty"),
            Map.entry(
                "scrape_configs:\n  - job_name: a\n  - job_name: a\n",
                "scrape_configs[1]|found multiple scrape configs with job name \"a\""),
            Map.entry(
                "scrape_configs:\n"
                    + "  - job_name: a\n"
                    + "    scrape_interval: 5s\n"
                    + "    scrape_timeout: 6s\n",
                "scrape_configs[0]|scrape timeout greater than scrape interval"),
            Map.entry(
                "global:\n  scrape_interval: 5s\n  scrape_timeout: 6s\n",
                "global|global scrape timeout greater than scrape interval"),
            Map.entry(
                "scrape_configs:\n  - job_name: a\n    scrape_interval: 5x\n",
                "scrape_configs[0].scrape_interval|unknown unit \"x\""),
            Map.entry(
                "scrape_configs:\n  - job_name: a\n    body_size_limit: 100\n",
                "scrape_configs[0].body_size_limit|unknown unit \"\""),
            Map.entry(
                "scrape_configs:\n  - job_name: a\n    scheme: ftp\n",
                "scrape_configs[0].scheme|scheme must be http or https"),
            Map.entry(
                "scrape_configs:\n  - job_name: a\n    sample_limit: -1\n",
                "scrape_configs[0].sample_limit|expected a non-negative integer"),
            Map.entry(
                "scrape_configs:\n  - job_name: a\n    honor_labels: maybe\n",
                "scrape_configs[0].honor_labels|expected true or false"),
            Map.entry(
                "scrape_configs:\n"
                    + "  - job_name: a\n"
                    + "    static_configs:\n"
                    + "      - targets: [http://h/x]\n",
                "scrape_configs[0]|\"http://h/x\" is not a valid hostname"),
            Map.entry(
                "scrape_configs:\n  - job_name: a\n    static_configs:\n      -\n",
                "scrape_configs[0].static_configs[0]|empty or null section in static_configs"),
            Map.entry(
                "scrape_configs:\n"
                    + "  - job_name: a\n"
                    + "    dns_sd_configs:\n"
                    + "      - names: [x]\n"
                    + "        type: A\n",
                "scrape_configs[0].dns_sd_configs[0]|a port is required"),
            Map.entry(
                "scrape_configs:\n"
                    + "  - job_name: a\n"
                    + "    dns_sd_configs:\n"
                    + "      - names: [x]\n"
                    + "        type: PTR\n",
                "scrape_configs[0].dns_sd_configs[0].type|invalid DNS-SD records type PTR"),
            Map.entry(
                "scrape_configs:\n  - job_name: a\n    dns_sd_configs:\n      - names: []\n",
                "scrape_configs[0].dns_sd_configs[0]|at least one SRV record name"),
            Map.entry(
                "scrape_configs:\n"
                    + "  - job_name: a\n"
                    + "    file_sd_configs:\n"
                    + "      - files: [a/*/b.json]\n",
                "scrape_configs[0].file_sd_configs[0]|is not valid for file discovery"),
            Map.entry(
                "scrape_configs:\n  - job_name: a\n    http_sd_configs:\n      - url: ftp://x/\n",
                "scrape_configs[0].http_sd_configs[0].url|URL scheme must be 'http' or 'https'"),
            Map.entry(
                "scrape_configs:\n"
                    + "  - job_name: a\n"
                    + "    consul_sd_configs:\n"
                    + "      - token: t\n"
                    + "        authorization: {credentials: c}\n",
                "scrape_configs[0].consul_sd_configs[0]|at most one of consul SD token"),
            Map.entry(
                "scrape_configs:\n  - job_name: a\n    oauth2: {client_id: x}\n",
                "scrape_configs[0].oauth2|oauth2 is not supported"),
            Map.entry(
                "scrape_configs:\n"
                    + "  - job_name: a\n"
                    + "    basic_auth: {username: u}\n"
                    + "    authorization: {credentials: c}\n",
                "scrape_configs[0].authorization|at most one of basic_auth, oauth2 &"
                    + " authorization"),
            Map.entry(
                "scrape_configs:\n  - job_name: a\n    http_headers: {Host: {values: [x]}}\n",
                "scrape_configs[0].http_headers.Host|setting header \"Host\" is not allowed"),
            Map.entry(
                "scrape_configs:\n  - job_name: a\n    relabel_configs:\n      -\n",
                "scrape_configs[0].relabel_configs[0]|empty or null target relabeling rule"),
            Map.entry(
                "scrape_configs:\n  - job_name: a\n    relabel_configs:\n      - action: nope\n",
                "scrape_configs[0].relabel_configs[0].action|unknown relabel action \"nope\""),
            Map.entry(
                "scrape_configs:\n  - job_name: a/b\n",
                "scrape_configs[0].job_name|must not contain '/'"),
            Map.entry(
                "scrape_config_files: [x.yml]\n",
                "scrape_config_files|scrape_config_files is not supported"),
            Map.entry("a: &x 1\nb: *x\n", "b|YAML aliases are not supported"),
            Map.entry("a: 1\n---\nb: 2\n", "|multiple YAML documents are not supported"),
            Map.entry("scrape_configs: [\n", "|invalid YAML"));
    cases.forEach(
        (yaml, expected) -> {
          String[] parts = expected.split("\\|", 2);
          ConfigException e = error(yaml);
          assertThat(e.path()).as(yaml).isEqualTo(parts[0]);
          assertThat(e.reason()).as(yaml).contains(parts[1]);
          assertThat(e.line()).as(yaml).isPositive();
        });
  }

  @Test
  void aSyntaxErrorIsOneLineAndQuotesNoPartOfTheDocument() {
    ConfigException e =
        error("scrape_configs:\n  - job_name: a\n    basic_auth:\n      password: \"hunter2\n");

    assertThat(e.getMessage()).doesNotContain("hunter2").doesNotContain("\n");
    assertThat(e.reason()).startsWith("invalid YAML: while scanning a quoted scalar (line 4");
    assertThat(e.line()).isEqualTo(5);
  }

  @Test
  void acceptsAndIgnoresTheSectionsPrometheusHasBeyondScraping() {
    PrometheusConfig config =
        PrometheusConfig.parse(
            "global:\n  evaluation_interval: 30s\n  query_log_file: q.log\n"
                + "rule_files: ['a.rules', 'my/*.rules']\n"
                + "alerting: {alertmanagers: []}\n"
                + "remote_write: [{url: 'http://rw/push'}]\n"
                + "storage: {tsdb: {out_of_order_time_window: 30m}}\n"
                + "scrape_configs: []\n");

    assertThat(config.global().evaluationInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(config.scrapeConfigs()).isEmpty();
  }

  @Test
  void rejectsAnOversizedDocument() {
    String yaml = "#" + "x".repeat(PrometheusConfig.MAX_DOCUMENT_CHARS);

    assertThatThrownBy(() -> PrometheusConfig.parse(yaml))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("too large");
  }

  @Test
  void summaryNamesTheJobsAndToStringHidesSecrets() {
    PrometheusConfig config =
        PrometheusConfig.parse(
            "scrape_configs:\n"
                + "  - job_name: node\n"
                + "    basic_auth: {username: u, password: hunter2}\n"
                + "  - job_name: web\n"
                + "    authorization: {credentials: s3cr3t}\n");

    assertThat(config.summary()).isEqualTo("2 scrape configs (node, web)");
    assertThat(config.toString()).doesNotContain("hunter2").doesNotContain("s3cr3t");
  }

  /** Regression: relative file_sd paths stayed relative to the working directory. */
  @Test
  void resolvesRelativeFileSdPathsAgainstTheConfigFilesDirectory(@TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        "scrape_configs:\n"
            + "  - job_name: files\n"
            + "    file_sd_configs:\n"
            + "      - files: ['targets/*.yml', '/abs/x.json']\n");

    List<String> files =
        PrometheusConfig.load(config).scrapeConfigs().get(0).fileSdConfigs().get(0).files();

    assertThat(files).containsExactly(dir.resolve("targets/*.yml").toString(), "/abs/x.json");
  }
}
