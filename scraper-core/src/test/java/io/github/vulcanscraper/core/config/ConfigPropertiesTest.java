package io.github.vulcanscraper.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;

/**
 * The YAML loader on generated documents: keys a scrape configuration has, with values of every
 * YAML shape. Each ends in a configuration or a {@link ConfigException} that names its reason,
 * never another exception and never the loader's catch-all for a check it misses.
 */
final class ConfigPropertiesTest {
  private static final YAMLMapper YAML = new YAMLMapper();
  private static final List<String> JOB_KEYS =
      List.of(
          "job_name",
          "scrape_interval",
          "scrape_timeout",
          "metrics_path",
          "scheme",
          "params",
          "honor_labels",
          "honor_timestamps",
          "body_size_limit",
          "sample_limit",
          "label_limit",
          "label_name_length_limit",
          "label_value_length_limit",
          "target_limit",
          "basic_auth",
          "authorization",
          "bearer_token",
          "bearer_token_file",
          "tls_config",
          "proxy_url",
          "follow_redirects",
          "enable_http2",
          "http_headers",
          "static_configs",
          "dns_sd_configs",
          "consul_sd_configs",
          "file_sd_configs",
          "http_sd_configs",
          "relabel_configs",
          "metric_relabel_configs",
          "scrape_protocols",
          "enable_compression",
          "unknown_key");
  private static final List<String> INNER_KEYS =
      List.of(
          "targets",
          "labels",
          "names",
          "type",
          "port",
          "refresh_interval",
          "server",
          "services",
          "tags",
          "node_meta",
          "files",
          "url",
          "source_labels",
          "separator",
          "regex",
          "modulus",
          "target_label",
          "replacement",
          "action",
          "username",
          "password",
          "password_file",
          "credentials",
          "credentials_file",
          "ca_file",
          "cert_file",
          "key_file",
          "server_name",
          "insecure_skip_verify",
          "min_version",
          "values",
          "files",
          "secrets",
          "datacenter",
          "allow_stale",
          "token",
          "scheme");

  @Property(tries = 400, shrinking = ShrinkingMode.BOUNDED)
  void generatedDocumentsLoadOrFailWithConfigException(@ForAll("documents") String yaml) {
    Throwable t =
        catchThrowable(
            () ->
                assertTimeoutPreemptively(
                    Duration.ofSeconds(5), () -> PrometheusConfig.parse(yaml), "load hangs"));
    if (t != null) {
      assertThat(t).as(yaml).isInstanceOf(ConfigException.class);
      ConfigException e = (ConfigException) t;
      assertThat(e.reason()).as(yaml).isNotBlank().doesNotStartWith("invalid configuration: ");
      assertThat(e.line()).as(yaml).isNotNegative();
    }
  }

  @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
  void arbitraryTextLoadsOrFailsWithConfigException(@ForAll("yamlish") String yaml) {
    Throwable t = catchThrowable(() -> PrometheusConfig.parse(yaml));
    if (t != null) {
      assertThat(t).as(yaml).isInstanceOf(ConfigException.class);
    }
  }

  @Provide
  Arbitrary<String> yamlish() {
    return Arbitraries.strings()
        .withChars(" :-[]{}'\"\n\t#&*!|>%@`,?\\$0a_sjobcrape".toCharArray())
        .ofMaxLength(200);
  }

  @Provide
  Arbitrary<String> documents() {
    Arbitrary<Map<String, Object>> job = section(JOB_KEYS, 2);
    return job.list()
        .ofMaxSize(3)
        .map(
            jobs -> {
              Map<String, Object> doc = new LinkedHashMap<>();
              doc.put("scrape_configs", jobs);
              try {
                return YAML.writeValueAsString(doc);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
  }

  private static Arbitrary<Map<String, Object>> section(List<String> keys, int depth) {
    return Arbitraries.maps(Arbitraries.of(keys), value(depth)).ofMaxSize(6);
  }

  private static Arbitrary<Object> value(int depth) {
    Arbitrary<Object> scalar =
        Arbitraries.oneOf(
            Arbitraries.strings().withChars("ab:/.$1()*|_-9 ".toCharArray()).ofMaxLength(12),
            Arbitraries.of(
                "job",
                "15s",
                "0s",
                "-1s",
                "1h",
                "10KB",
                "2GiB",
                "http",
                "https",
                "A",
                "SRV",
                "drop",
                "keep",
                "hashmod",
                "labelmap",
                "replace",
                "keepequal",
                "(a",
                ".*",
                "localhost:9100",
                "h:99999",
                "[::1]:80",
                "__address__",
                "TLS12",
                "",
                "~"),
            Arbitraries.integers().between(-5, 100_000),
            Arbitraries.of(true, false),
            Arbitraries.doubles().between(-1e10, 1e10));
    if (depth == 0) {
      return scalar;
    }
    return Arbitraries.oneOf(
        scalar,
        scalar.list().ofMaxSize(3).map(l -> (Object) l),
        section(INNER_KEYS, depth - 1).map(m -> (Object) m),
        section(INNER_KEYS, depth - 1).list().ofMaxSize(2).map(l -> (Object) l));
  }
}
