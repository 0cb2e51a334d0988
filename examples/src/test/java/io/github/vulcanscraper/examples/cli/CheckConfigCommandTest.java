package io.github.vulcanscraper.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CheckConfigCommandTest {
  @TempDir Path dir;
  private final CliRun cli = new CliRun();

  private Path write(String yaml) throws IOException {
    return Files.writeString(dir.resolve("prometheus.yml"), yaml);
  }

  @Test
  void printsASummaryForAValidConfig() throws IOException {
    Path file =
        write("scrape_configs:\n  - job_name: node\n  - job_name: mysql\n  - job_name: web\n");

    int code = cli.run("check", "config", file.toString());

    assertThat(code).isZero();
    assertThat(cli.out().trim()).isEqualTo(file + ": OK 3 scrape configs (node, mysql, web)");
  }

  @Test
  void printsTheErrorWithPathAndLineAndExitsOne() throws IOException {
    Path file =
        write(
            "scrape_configs:\n  - job_name: node\n    relabel_configs:\n      - regex: 'a('\n"
                + "        target_label: x\n");

    int code = cli.run("check", "config", file.toString());

    assertThat(code).isEqualTo(1);
    assertThat(cli.err())
        .startsWith(file + ": ERROR scrape_configs[0].relabel_configs[0].regex (line 4): ")
        .doesNotContain("\tat ");
    assertThat(cli.out()).isEmpty();
  }

  @Test
  void aMissingFileIsAFailedCheck() {
    int code = cli.run("check", "config", dir.resolve("nope.yml").toString());

    assertThat(code).isEqualTo(1);
    assertThat(cli.err()).contains("no such file");
  }

  @Test
  void aMissingArgumentIsAUsageError() {
    assertThat(cli.run("check", "config")).isEqualTo(2);
  }

  private static final String SECRETS =
      "global:\n"
          + "  scrape_interval: 15s\n"
          + "scrape_configs:\n"
          + "  - job_name: basic\n"
          + "    basic_auth: {username: u, password: pw-SECRET-1}\n"
          + "    static_configs: [{targets: ['h:1']}]\n"
          + "  - job_name: bearer\n"
          + "    authorization: {type: Bearer, credentials: tok-SECRET-2}\n"
          + "    http_headers: {X-Api-Key: {secrets: [hdr-SECRET-3]}}\n"
          + "    consul_sd_configs:\n"
          + "      - server: 127.0.0.1:8500\n"
          + "        token: consul-SECRET-4\n"
          + "        basic_auth: {username: c, password: cpw-SECRET-5}\n"
          + "  - job_name: http_sd\n"
          + "    http_sd_configs:\n"
          + "      - url: http://127.0.0.1:1/sd\n"
          + "        authorization: {credentials: sd-SECRET-6}\n";

  @Test
  void aConfigFullOfSecretsPrintsNoneOfThem() throws IOException {
    Path file = write(SECRETS);

    int code = cli.run("check", "config", file.toString());

    assertThat(cli.err()).isEmpty();
    assertThat(code).isZero();
    assertThat(cli.out()).contains("basic", "bearer", "http_sd").doesNotContain("SECRET");
  }

  @Test
  void anErrorNextToSecretsPrintsNoneOfThem() throws IOException {
    for (String broken :
        java.util.List.of(
            SECRETS.replace("password: pw-SECRET-1", "password: [pw-SECRET-1]"),
            SECRETS.replace("credentials: tok-SECRET-2", "credentials: {x: tok-SECRET-2}"),
            SECRETS.replace(
                "basic_auth: {username: u,", "basic_auth: {username: u, password_file: f,"),
            SECRETS.replace("token: consul-SECRET-4", "token: consul-SECRET-4\n        tokn: x"),
            SECRETS.replace("secrets: [hdr-SECRET-3]", "secrets: hdr-SECRET-3"))) {
      Path file = write(broken);
      cli.clear();

      int code = cli.run("check", "config", file.toString());

      assertThat(code).as(broken).isEqualTo(1);
      assertThat(cli.err()).as(broken).contains("ERROR").doesNotContain("SECRET");
      assertThat(cli.out()).as(broken).doesNotContain("SECRET");
    }
  }
}
