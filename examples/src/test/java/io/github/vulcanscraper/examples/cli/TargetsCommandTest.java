package io.github.vulcanscraper.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vulcanscraper.discovery.DnsTestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.SRVRecord;
import picocli.CommandLine;

final class TargetsCommandTest {
  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new VulcanCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

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

    int code = run("targets", config.toString());

    assertThat(code).isZero();
    assertThat(out.toString())
        .isEqualTo(
            "node http://a:9100/metrics {\"env\":\"prod\",\"instance\":\"a:9100\",\"job\":\"node\"}\n"
                + "node http://b:9100/metrics {\"env\":\"prod\",\"instance\":\"b:9100\",\"job\":\"node\"}\n"
                + "files http://c:8080/stats {\"instance\":\"c:8080\",\"job\":\"files\",\"zone\":\"b\"}\n"
                + "3 targets\n");
    assertThat(err.toString()).isEmpty();
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

      int code = run("targets", "--dns-server", dns.hostPort(), config.toString());

      assertThat(code).isZero();
      assertThat(out.toString())
          .isEqualTo(
              "dns http://a.test:9100/metrics {\"instance\":\"a.test:9100\",\"job\":\"dns\"}\n"
                  + "1 target\n");
    }
  }

  @Test
  void aBadConfigExitsOneNamingTheField() throws Exception {
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, "scrape_configs:\n- job_name: x\n  scrape_intervall: 1m\n");

    int code = run("targets", config.toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).startsWith(config + ": ERROR ").contains("scrape_intervall");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aBadDnsServerIsAUsageError() throws Exception {
    Path config = dir.resolve("prometheus.yml");
    Files.writeString(config, "scrape_configs: []\n");

    assertThat(run("targets", "--dns-server", "nowhere", config.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--dns-server: expected HOST:PORT, got: nowhere");
  }
}
