package io.github.vulcanscraper.benchmarks;

import io.github.vulcanscraper.core.Scraper;
import io.github.vulcanscraper.kafka.KafkaWriter;
import io.github.vulcanscraper.testkit.EmbeddedKafka;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * The vulcan side of {@code benchmarks/side-by-side.sh}: a {@link Scraper} over the static targets
 * of a farm, writing every scrape to Kafka with the default {@link KafkaWriter} (Prometheus text,
 * zstd) on a local broker ({@link EmbeddedKafka}, a child JVM, so its CPU is not this process's).
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar
 * io.github.vulcanscraper.benchmarks.ScraperMain --farm 127.0.0.1:PORT [--targets 500] [--interval
 * 5s] [--status FILE]}. Prints {@code ready} once the broker answers and scraping has started; with
 * {@code --status} it rewrites FILE every second with the samples written so far. Runs until
 * killed, then closes the scraper, the writer and the broker.
 */
public final class ScraperMain {
  private ScraperMain() {}

  /** Runs the scraper; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    FarmTargets.absoluteClassPath();
    String farm = null;
    int targets = 500;
    Duration interval = Duration.ofSeconds(5);
    Path status = null;
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--farm" -> farm = args[i + 1];
        case "--targets" -> targets = Integer.parseInt(args[i + 1]);
        case "--interval" -> interval = FarmTargets.duration(args[i + 1]);
        case "--status" -> status = Path.of(args[i + 1]);
        default -> {
          System.err.println("unknown argument: " + args[i]);
          System.exit(2);
        }
      }
    }
    if (farm == null) {
      System.err.println("--farm 127.0.0.1:PORT is required");
      System.exit(2);
      return;
    }
    EmbeddedKafka kafka = EmbeddedKafka.builder().build();
    Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "kafka-close"));
    kafka.start();
    kafka.createTopic("metrics", 3);
    CountingWriter writer =
        new CountingWriter(
            KafkaWriter.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .topic("metrics")
                .build());
    Scraper scraper = Scraper.builder(FarmTargets.job(farm, targets, interval), writer).build();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  scraper.close();
                  try {
                    writer.close();
                  } catch (Exception e) {
                    // Exiting anyway.
                  }
                },
                "scraper-close"));
    scraper.start();
    System.out.println("ready pid " + ProcessHandle.current().pid());
    System.out.flush();
    while (true) {
      if (status != null) {
        Path tmp = status.resolveSibling(status.getFileName() + ".tmp");
        Files.writeString(tmp, writer.samples() + "\n");
        Files.move(
            tmp, status, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      }
      Thread.sleep(1000);
    }
  }
}
