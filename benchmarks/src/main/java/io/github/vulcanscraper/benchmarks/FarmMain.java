package io.github.vulcanscraper.benchmarks;

import io.github.vulcanscraper.testkit.ExporterFarm;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@link ExporterFarm}s as a process of their own, so a scraper's CPU figures leave the
 * exporters out.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar
 * io.github.vulcanscraper.benchmarks.FarmMain [--targets 500] [--samples 500] [--farms 1] [--status
 * FILE] [--watch-stdin]}. Starts {@code --farms} identical farms (one per scraper in a
 * side-by-side, so each scraper's requests are counted apart), prints one line per farm, {@code
 * farm <i> 127.0.0.1:<port> <samples per page>}, then {@code ready}, and runs until killed (with
 * {@code --watch-stdin}, also until its standard input closes). With {@code --status}, it rewrites
 * FILE every second with one line: the requests answered by each farm so far, space-separated.
 */
public final class FarmMain {
  private FarmMain() {}

  /** Runs the farms; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    int targets = 500;
    int samples = 500;
    int farmCount = 1;
    Path status = null;
    boolean watchStdin = false;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--targets" -> targets = Integer.parseInt(value);
        case "--samples" -> samples = Integer.parseInt(value);
        case "--farms" -> farmCount = Integer.parseInt(value);
        case "--status" -> status = Path.of(value);
        case "--watch-stdin" -> {
          watchStdin = true;
          i--;
        }
        default -> {
          System.err.println("unknown argument: " + args[i]);
          System.exit(2);
        }
      }
      i++;
    }
    List<ExporterFarm> farms = new ArrayList<>();
    for (int f = 0; f < farmCount; f++) {
      ExporterFarm farm = ExporterFarm.start(targets, samples);
      farms.add(farm);
      System.out.println("farm " + f + " " + farm.address() + " " + samplesPerPage(farm));
    }
    System.out.println("ready");
    System.out.flush();
    if (watchStdin) {
      exitWhenStdinCloses();
    }
    while (true) {
      if (status != null) {
        StringBuilder line = new StringBuilder();
        for (ExporterFarm farm : farms) {
          line.append(line.length() == 0 ? "" : " ").append(farm.requests());
        }
        Path tmp = status.resolveSibling(status.getFileName() + ".tmp");
        Files.writeString(tmp, line + "\n");
        Files.move(
            tmp, status, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      Thread.sleep(1000);
    }
  }

  private static void exitWhenStdinCloses() {
    Thread stdin =
        new Thread(
            () -> {
              try {
                while (System.in.read() >= 0) {
                  // Wait for the parent to go away.
                }
              } catch (IOException e) {
                // Treated as closed.
              }
              System.exit(0);
            },
            "stdin-watch");
    stdin.setDaemon(true);
    stdin.start();
  }

  /** Samples on one page of the farm: its lines that are neither empty nor comments. */
  static int samplesPerPage(ExporterFarm farm) throws IOException {
    URL url = URI.create(farm.baseUri() + "/target/0/metrics").toURL();
    String page;
    try (InputStream in = url.openStream()) {
      page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    int count = 0;
    for (String line : page.split("\n", -1)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        count++;
      }
    }
    return count;
  }
}
