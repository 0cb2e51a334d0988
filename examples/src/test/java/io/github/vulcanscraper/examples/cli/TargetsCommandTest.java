package io.github.vulcanscraper.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vulcanscraper.discovery.DnsTestServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.SRVRecord;

final class TargetsCommandTest {
  @TempDir Path dir;

  private final CliRun cli = new CliRun();

  @Test
  void printsStaticAndFileTargetsWithTheirUrlAndSortedLabels() throws Exception {
    Files.writeString(dir.resolve("targets.yml"), "- targets: ['c:8080']\n  labels: {zone: b}\n");
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(
        config,
        "scrape_configs:\n"
            + "- job_name: node\n"
            + "  static_configs:\n"
            + "  - targets: ['a:9100', 'b:9100']\n"
            + "    labels: {env: prod}\n"
            + "- job_name: files\n"
            + "  metrics_path: /stats\n"
            + "  file_sd_configs:\n"
            + "  - files: ['targets.yml']\n");

    int code = cli.run("targets", config.toString());

    assertThat(code).isZero();
    assertThat(cli.out())
        .isEqualTo(
            "node http://a:9100/metrics {\"env\":\"prod\",\"instance\":\"a:9100\",\"job\":\"node\"}\n"
                + "node http://b:9100/metrics {\"env\":\"prod\",\"instance\":\"b:9100\",\"job\":\"node\"}\n"
                + "files http://c:8080/stats {\"instance\":\"c:8080\",\"job\":\"files\",\"zone\":\"b\"}\n"
                + "3 targets\n");
    assertThat(cli.err()).isEmpty();
  }

  @Test
  void resolvesDnsTargetsWithTheGivenServer() throws Exception {
    try (DnsTestServer dns = DnsTestServer.start()) {
      dns.add(
          new SRVRecord(
              DnsTestServer.name("_node._tcp.test."),
              DClass.IN,
              60,
              0,
              0,
              9100,
              DnsTestServer.name("a.test.")));
      Path config = dir.resolve("prometheus.yml");
      Files.writeString(
          config,
          "scrape_configs:\n"
              + "- job_name: dns\n"
              + "  dns_sd_configs:\n"
              + "  - names: ['_node._tcp.test.']\n");

      int code = cli.run("targets", "--dns-server", dns.hostPort(), config.toString());

      assertThat(code).isZero();
      assertThat(cli.out())
          .isEqualTo(
              "dns http://a.test:9100/metrics {\"instance\":\"a.test:9100\",\"job\":\"dns\"}\n"
                  + "1 target\n");
    }
  }

  @Test
  void aBadConfigExitsOneNamingTheField() throws Exception {
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, "scrape_configs:\n- job_name: x\n  scrape_intervall: 1m\n");

    int code = cli.run("targets", config.toString());

    assertThat(code).isEqualTo(1);
    assertThat(cli.err()).startsWith(config + ": ERROR ").contains("scrape_intervall");
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void aBadDnsServerIsAUsageError() throws Exception {
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, "scrape_configs: []\n");

    assertThat(cli.run("targets", "--dns-server", "nowhere", config.toString())).isEqualTo(2);
    assertThat(cli.err()).contains("--dns-server: expected HOST:PORT, got: nowhere");
  }
}
