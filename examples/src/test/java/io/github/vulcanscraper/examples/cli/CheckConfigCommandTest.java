package io.github.vulcanscraper.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

final class CheckConfigCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return new CommandLine(new VulcanCommand())
        .setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err))
        .execute(args);
  }

  private Path write(String yaml) throws IOException {
    return Files.writeString(dir.resolve("prometheus.yml"), yaml);
  }

  @Test
  void printsASummaryForAValidConfig() throws IOException {
    Path file =
        write("scrape_configs:\n  - job_name: node\n  - job_name: mysql\n  - job_name: web\n");

    int code = run("check", "config", file.toString());

    assertThat(code).isZero();
    assertThat(out.toString().trim()).isEqualTo(file + ": OK 3 scrape configs (node, mysql, web)");
  }

  @Test
  void printsTheErrorWithPathAndLineAndExitsOne() throws IOException {
    Path file =
        write(
            "scrape_configs:\n  - job_name: node\n    relabel_configs:\n      - regex: 'a('\n"
                + "        target_label: x\n");

    int code = run("check", "config", file.toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString())
        .startsWith(file + ": ERROR scrape_configs[0].relabel_configs[0].regex (line 4): ")
        .doesNotContain("\tat ");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aMissingFileIsAFailedCheck() {
    int code = run("check", "config", dir.resolve("nope.yml").toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("no such file");
  }

  @Test
  void aMissingArgumentIsAUsageError() {
    assertThat(run("check", "config")).isEqualTo(2);
  }
}
