package io.github.vulcanscraper.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@link ParserBenchmark}'s four pages ({@link Payloads#PARSER_PAGES}, each as {@code
 * <name>.txt}: {@code node-text.txt}, {@code golang-openmetrics.txt}...) into a directory, for
 * parsers outside this JVM to read the same bytes: {@code parser-side-by-side.sh} gives them to
 * Prometheus' own parser.
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
    for (String page : Payloads.PARSER_PAGES) {
      Files.write(dir.resolve(page + ".txt"), Payloads.parserPage(page));
    }
  }
}
