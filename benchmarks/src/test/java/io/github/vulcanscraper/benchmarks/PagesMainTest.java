package io.github.vulcanscraper.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.core.exposition.ExpositionFormat;
import io.github.vulcanscraper.core.exposition.ExpositionParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pages Prometheus' parser reads in parser-side-by-side.sh are the bytes ParserBenchmark and
 * ParserSlicesMain parse, and each holds the samples both sides count.
 */
class PagesMainTest {
  @Test
  void writesTheBenchmarkPagesByteForByte(@TempDir Path dir) throws Exception {
    PagesMain.main(new String[] {dir.resolve("pages").toString()});

    Path pages = dir.resolve("pages");
    assertThat(Files.readAllBytes(pages.resolve("node-text.txt")))
        .isEqualTo(Payloads.nodeExporterLike(2000, false));
    assertThat(Files.readAllBytes(pages.resolve("golang-text.txt")))
        .isEqualTo(Payloads.clientGolangLike(2000, false));
    assertThat(Files.readAllBytes(pages.resolve("node-openmetrics.txt")))
        .isEqualTo(Payloads.nodeExporterLike(2000, true));
    assertThat(Files.readAllBytes(pages.resolve("golang-openmetrics.txt")))
        .isEqualTo(Payloads.clientGolangLike(2000, true));
  }

  @Test
  void eachPageParsesToAboutTwoThousandSamples(@TempDir Path dir) throws Exception {
    PagesMain.main(new String[] {dir.toString()});

    for (String name :
        List.of("node-text", "golang-text", "node-openmetrics", "golang-openmetrics")) {
      ExpositionParser parser =
          ExpositionParser.of(
              name.endsWith("openmetrics")
                  ? ExpositionFormat.OPENMETRICS_TEXT
                  : ExpositionFormat.PROMETHEUS_TEXT);
      long samples = 0;
      for (MetricFamily family : parser.parse(Files.readAllBytes(dir.resolve(name + ".txt")))) {
        samples += family.samples().size();
      }
      assertThat(samples).as(name).isBetween(2000L, 2010L);
    }
  }
}
