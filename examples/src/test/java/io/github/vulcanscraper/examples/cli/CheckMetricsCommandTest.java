package io.github.vulcanscraper.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class CheckMetricsCommandTest {
  @TempDir Path dir;

  private final CliRun cli = new CliRun();

  private Path file(String name, String content) throws Exception {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }

  @Test
  void theReadmeExampleFileIsValid() {
    String example = Path.of("data", "example.prom").toString();
    assertThat(cli.run("check", "metrics", example)).isZero();
    assertThat(cli.out()).isEqualTo(example + ": OK 6 families, 18 samples\n");
    assertThat(cli.err()).isEmpty();
  }

  @Test
  void printsOneLinePerFileAndFailsWhenAnyIsInvalid() throws Exception {
    Path good =
        file("good.prom", "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n");
    Path bad = file("bad.prom", "a 1\nb{c=\"d\"} x\n");
    assertThat(cli.run("check", "metrics", good.toString(), bad.toString())).isEqualTo(1);
    assertThat(cli.out())
        .isEqualTo(
            good
                + ": OK 1 families, 3 samples\n"
                + bad
                + ": ERROR line 2 col 10: invalid value \"x\"\n");
  }

  @Test
  void checksTheFormatAskedFor() throws Exception {
    Path text = file("text.prom", "a_total 1\n");
    assertThat(cli.run("check", "metrics", "--format", "openmetrics", text.toString()))
        .isEqualTo(1);
    assertThat(cli.out()).contains(": ERROR line 2 col 1: expected \"# EOF\"");
  }

  @Test
  void guessesTheFormatFromTheContent() throws Exception {
    Path om = file("om.txt", "# TYPE a counter\na_total 1\na_created 2\n# EOF\n");
    Path promWithEof = file("prom.txt", "# TYPE a counter\na 1\n# EOF\n");
    Path badOm = file("bad.txt", "# TYPE a counter\na_total{} x\n# EOF\n");
    assertThat(cli.run("check", "metrics", om.toString(), promWithEof.toString())).isZero();
    assertThat(cli.out())
        .isEqualTo(
            om + ": OK 1 families, 2 samples\n" + promWithEof + ": OK 1 families, 1 samples\n");
    assertThat(cli.run("check", "metrics", badOm.toString())).isEqualTo(1);
    assertThat(cli.out()).contains(badOm + ": ERROR line 2 col 11: invalid value \"x\"");
  }

  @Test
  void readsStdinForADash() {
    InputStream saved = System.in;
    try {
      System.setIn(new ByteArrayInputStream("a 1\nb 2".getBytes(StandardCharsets.UTF_8)));
      assertThat(cli.run("check", "metrics", "-")).isZero();
    } finally {
      System.setIn(saved);
    }
    assertThat(cli.out()).isEqualTo("-: OK 2 families, 2 samples\n");
  }

  @Test
  void namesAFileThatCannotBeRead() {
    String missing = dir.resolve("missing.prom").toString();
    assertThat(cli.run("check", "metrics", missing, dir.toString())).isEqualTo(1);
    assertThat(cli.out())
        .startsWith(missing + ": ERROR cannot read " + missing + ": no such file\n")
        .contains(dir + ": ERROR cannot read " + dir);
    assertThat(cli.err()).isEmpty();
  }

  @Test
  void binaryGarbageIsAnErrorLineNotAStackTrace() throws Exception {
    byte[] garbage = new byte[100_000];
    new Random(3).nextBytes(garbage);
    Path file = Files.write(dir.resolve("garbage.bin"), garbage);
    assertThat(cli.run("check", "metrics", file.toString())).isEqualTo(1);
    assertThat(cli.out()).startsWith(file + ": ERROR line ");
    assertThat(cli.err()).isEmpty();
  }

  @Test
  void aFileOverTheSizeLimitIsAnErrorLine() throws Exception {
    Path big = file("big.prom", "a 1\n".repeat(1000));
    assertThat(cli.run("check", "metrics", "--max-bytes", "1000", big.toString())).isEqualTo(1);
    assertThat(cli.out())
        .isEqualTo(
            big + ": ERROR " + big + " is larger than 1000 bytes, the most this heap can check\n");
    InputStream saved = System.in;
    try {
      System.setIn(new ByteArrayInputStream("a 1\n".repeat(300).getBytes(StandardCharsets.UTF_8)));
      assertThat(cli.run("check", "metrics", "--max-bytes", "1000", "-")).isEqualTo(1);
    } finally {
      System.setIn(saved);
    }
    assertThat(cli.out())
        .endsWith("-: ERROR stdin is larger than 1000 bytes, the most this heap can check\n");
  }

  @Test
  void usageErrorsExitWithTwo() {
    assertThat(cli.run("check", "metrics")).isEqualTo(2);
    assertThat(cli.run("check", "metrics", "--format", "json", "x")).isEqualTo(2);
    assertThat(cli.run("check", "metrics", "--max-bytes", "-1", "x")).isEqualTo(2);
    assertThat(cli.err()).contains("Usage:");
  }

  @Test
  void hasHelp() {
    assertThat(cli.run("check", "metrics", "--help")).isZero();
    assertThat(cli.out()).contains("--format");
  }
}
