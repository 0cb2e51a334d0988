package io.github.vulcanscraper.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@link ParserBenchmark}'s four pages ({@code node-text.txt}, {@code golang-text.txt},
 * {@code node-openmetrics.txt}, {@code golang-openmetrics.txt}; 2,000 samples each) into a
 * directory, for parsers outside this JVM to read the same bytes: {@code parser-side-by-side.sh}
 * gives them to Prometheus' own parser.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.github.vulcanscraper.benchmarks.PagesMain <directory>}
 */
public final class PagesMain {
  private PagesMain() {}

  /**
   * Writes the pages.
   *
   * @param args the directory, created if missing
   * @throws IOException when a page cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: PagesMain <directory>");
      System.exit(2);
    }
    Path dir = Files.createDirectories(Path.of(args[0]));
    for (boolean openMetrics : new boolean[] {false, true}) {
      String format = openMetrics ? "openmetrics" : "text";
      Files.write(
          dir.resolve("node-" + format + ".txt"), Payloads.nodeExporterLike(2000, openMetrics));
      Files.write(
          dir.resolve("golang-" + format + ".txt"), Payloads.clientGolangLike(2000, openMetrics));
    }
  }
}
