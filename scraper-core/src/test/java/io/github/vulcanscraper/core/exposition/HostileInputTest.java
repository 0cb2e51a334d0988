package io.github.vulcanscraper.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.github.vulcanscraper.api.MetricFamily;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Garbage, huge lines and huge bodies end in a result or an ExpositionException, nothing else. */
final class HostileInputTest {
  private static final ExpositionFormat[] FORMATS = ExpositionFormat.values();

  private static void parseOrReject(ExpositionFormat format, byte[] body) {
    Throwable t = catchThrowable(() -> ExpositionParser.of(format).parse(body));
    assertThat(t).as("%s on %s", format, preview(body)).isNull();
  }

  private static void assertCleanOutcome(ExpositionFormat format, byte[] body) {
    Throwable parsed = catchThrowable(() -> ExpositionParser.of(format).parse(body));
    Throwable checked = catchThrowable(() -> ExpositionStats.check(format, body));
    if (parsed != null) {
      assertThat(parsed)
          .as("%s on %s", format, preview(body))
          .isInstanceOf(ExpositionException.class);
      assertThat(((ExpositionException) parsed).line()).isPositive();
      assertThat(((ExpositionException) parsed).column()).isPositive();
    }
    assertThat(checked == null)
        .as("check agrees with parse on %s", preview(body))
        .isEqualTo(parsed == null);
  }

  private static String preview(byte[] body) {
    return Arrays.toString(Arrays.copyOf(body, Math.min(body.length, 80)));
  }

  @Test
  void randomBytesNeverThrowAnythingElse() {
    Random random = new Random(1);
    for (int i = 0; i < 1500; i++) {
      byte[] body = new byte[random.nextInt(200)];
      random.nextBytes(body);
      for (ExpositionFormat format : FORMATS) {
        assertCleanOutcome(format, body);
      }
    }
  }

  @Test
  void mutatedValidBodiesNeverThrowAnythingElse() {
    byte[] valid =
        ("# HELP a x\\n\n# TYPE a histogram\na_bucket{le=\"1\",x=\"\\\"\"} 1 # {t=\"1\"} 1 1\n"
                + "a_bucket{le=\"+Inf\",x=\"\\\"\"} 2\na_count{x=\"\\\"\"} 2\na_sum{x=\"\\\"\"} 3\n"
                + "# TYPE s summary\ns{quantile=\"0.5\"} 1 2\ns_sum 1 2\ns_count 1 2\n"
                + "# TYPE st stateset\nst{st=\"a\"} 1\n# EOF\n")
            .getBytes(StandardCharsets.UTF_8);
    byte[] alphabet =
        "{}\"=,# \n\\.0123456789eE+-_aInNf\u0000\u00ff:".getBytes(StandardCharsets.ISO_8859_1);
    Random random = new Random(2);
    for (int i = 0; i < 6_000; i++) {
      byte[] body = valid.clone();
      for (int m = 0; m < 1 + random.nextInt(3); m++) {
        body[random.nextInt(body.length)] = alphabet[random.nextInt(alphabet.length)];
      }
      for (ExpositionFormat format : FORMATS) {
        assertCleanOutcome(format, body);
      }
    }
  }

  @Test
  void hugeLinesAreReadOrRejectedCleanly() {
    byte[] longName = new byte[4 << 20];
    Arrays.fill(longName, (byte) 'a');
    longName[longName.length - 2] = ' ';
    longName[longName.length - 1] = '1';
    parseOrReject(ExpositionFormat.PROMETHEUS_TEXT, longName);
    byte[] longValue =
        ("a{b=\"" + "x".repeat(4 << 20) + "\"} 1\n").getBytes(StandardCharsets.UTF_8);
    parseOrReject(ExpositionFormat.PROMETHEUS_TEXT, longValue);
    byte[] longNumber = ("a 1" + "0".repeat(1 << 20) + "\n").getBytes(StandardCharsets.UTF_8);
    assertCleanOutcome(ExpositionFormat.PROMETHEUS_TEXT, longNumber);
    byte[] unterminated = ("a{b=\"" + "x".repeat(1 << 20)).getBytes(StandardCharsets.UTF_8);
    assertCleanOutcome(ExpositionFormat.PROMETHEUS_TEXT, unterminated);
    assertCleanOutcome(ExpositionFormat.OPENMETRICS_TEXT, unterminated);
  }

  @Test
  void aMillionSamplesAreCountedInLittleMemory() throws Exception {
    StringBuilder sb = new StringBuilder(16 << 20);
    for (int i = 0; i < 1_000_000; i++) {
      sb.append("m{i=\"").append(i).append("\"} ").append(i).append('\n');
    }
    byte[] body = sb.toString().getBytes(StandardCharsets.US_ASCII);
    assertThat(ExpositionStats.check(ExpositionFormat.PROMETHEUS_TEXT, body).samples())
        .isEqualTo(1_000_000);
    byte[] part = Arrays.copyOf(body, sb.indexOf("m{i=\"200000\"}"));
    List<MetricFamily> families = ExpositionParser.of(ExpositionFormat.PROMETHEUS_TEXT).parse(part);
    assertThat(families.get(0).samples()).hasSize(200_000);
  }

  @Test
  void manyDistinctNamesDoNotGrowTheInternTablesWithoutBound() throws Exception {
    ExpositionParser parser = ExpositionParser.of(ExpositionFormat.PROMETHEUS_TEXT);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      sb.append("name_")
          .append(i)
          .append("{l_")
          .append(i)
          .append("=\"v")
          .append(i)
          .append("\"} 1\n");
    }
    byte[] body = sb.toString().getBytes(StandardCharsets.US_ASCII);
    assertThat(parser.parse(body)).hasSize(100_000);
    assertThat(parser.parse(body)).hasSize(100_000);
  }
}
