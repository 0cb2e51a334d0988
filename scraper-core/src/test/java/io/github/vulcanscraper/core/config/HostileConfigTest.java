package io.github.vulcanscraper.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Damaged configurations give a {@link ConfigException}, never another exception. */
final class HostileConfigTest {
  private static final String BASE =
      "global:\n"
          + "  scrape_interval: 15s\n"
          + "  external_labels: {dc: eu1}\n"
          + "scrape_configs:\n"
          + "  - job_name: node\n"
          + "    scrape_timeout: 5s\n"
          + "    params: {module: [m]}\n"
          + "    basic_auth: {username: u, password_file: /etc/pw}\n"
          + "    tls_config: {ca_file: ca.pem, server_name: x}\n"
          + "    http_headers: {X-A: {values: [a], files: [f]}}\n"
          + "    static_configs:\n"
          + "      - targets: ['h1:9100']\n"
          + "        labels: {env: prod}\n"
          + "    dns_sd_configs:\n"
          + "      - names: [a.example]\n"
          + "        type: A\n"
          + "        port: 9100\n"
          + "    consul_sd_configs:\n"
          + "      - services: [web]\n"
          + "        node_meta: {rack: '1'}\n"
          + "    file_sd_configs:\n"
          + "      - files: ['t/*.json']\n"
          + "    http_sd_configs:\n"
          + "      - url: http://sd/x\n"
          + "    relabel_configs:\n"
          + "      - source_labels: [__address__]\n"
          + "        modulus: 4\n"
          + "        target_label: __tmp\n"
          + "        action: hashmod\n"
          + "      - regex: '(?P<a>x)|[[:alpha:]]{2,3}'\n"
          + "        target_label: y\n"
          + "    metric_relabel_configs:\n"
          + "      - source_labels: [__name__]\n"
          + "        regex: go_.*\n"
          + "        action: drop\n";

  private static final String NOISE = " :-[]{}'\"\n\t#&*!|>%@`,?\\$0a\u0000\u00e9";

  @Test
  void theBaseConfigurationIsValid() {
    assertThat(PrometheusConfig.parse(BASE).scrapeConfigs()).hasSize(1);
  }

  @Test
  void damagedConfigurationsFailOnlyWithConfigException() {
    Random random = new Random(42);
    int rejected = 0;
    for (int i = 0; i < 3000; i++) {
      String yaml = damage(BASE, random);
      try {
        PrometheusConfig.parse(yaml);
      } catch (ConfigException e) {
        rejected++;
        assertThat(e.reason()).as(yaml).isNotBlank().doesNotStartWith("invalid configuration: ");
        assertThat(e.line()).as(yaml).isNotNegative();
      }
    }
    assertThat(rejected).isGreaterThan(1000);
  }

  private static String damage(String yaml, Random random) {
    StringBuilder sb = new StringBuilder(yaml);
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits; e++) {
      int at = random.nextInt(sb.length());
      switch (random.nextInt(4)) {
        case 0:
          sb.delete(at, Math.min(sb.length(), at + 1 + random.nextInt(8)));
          break;
        case 1:
          sb.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
          break;
        case 2:
          sb.setCharAt(at, NOISE.charAt(random.nextInt(NOISE.length())));
          break;
        default:
          List<String> lines = new ArrayList<>(Arrays.asList(sb.toString().split("\n", -1)));
          int line = random.nextInt(lines.size());
          lines.add(line, lines.get(random.nextInt(lines.size())));
          sb = new StringBuilder(String.join("\n", lines));
      }
      if (sb.length() == 0) {
        sb.append(' ');
      }
    }
    return sb.toString();
  }
}
