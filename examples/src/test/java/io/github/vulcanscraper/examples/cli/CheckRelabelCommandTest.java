package io.github.vulcanscraper.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CheckRelabelCommandTest {
  @TempDir Path dir;
  private final CliRun cli = new CliRun();

  private int run(String rules, String labels) throws IOException {
    Path file = Files.writeString(dir.resolve("rules.yml"), rules);
    return cli.run("check", "relabel", "--rules", file.toString(), "--labels", labels);
  }

  @Test
  void printsTheResultAsJsonWithSortedKeys() throws IOException {
    int code =
        run(
            "- source_labels: [__address__]\n  regex: '(.*):.*'\n  target_label: host\n",
            "{\"__address__\":\"h1:9100\",\"b\":\"2\",\"a\":\"1\"}");

    assertThat(code).isZero();
    assertThat(cli.out().trim())
        .isEqualTo("{\"__address__\":\"h1:9100\",\"a\":\"1\",\"b\":\"2\",\"host\":\"h1\"}");
  }

  @Test
  void printsDroppedWhenARuleDrops() throws IOException {
    int code = run("- source_labels: [a]\n  regex: x\n  action: drop\n", "{\"a\":\"x\"}");

    assertThat(code).isZero();
    assertThat(cli.out().trim()).isEqualTo("dropped");
  }

  @Test
  void invalidRulesExitOneWithTheRuleAndLine() throws IOException {
    int code = run("- action: keep\n- action: hashmod\n  target_label: t\n", "{}");

    assertThat(code).isEqualTo(1);
    assertThat(cli.err())
        .contains("[1] (line 2): relabel configuration for hashmod requires non-zero modulus");
  }

  @Test
  void invalidLabelsAreAUsageError() throws IOException {
    assertThat(run("[]\n", "not json")).isEqualTo(2);
  }
}
