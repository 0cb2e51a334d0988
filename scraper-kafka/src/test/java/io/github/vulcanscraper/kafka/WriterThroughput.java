package io.github.vulcanscraper.kafka;

import io.github.vulcanscraper.api.Scrape;
import io.github.vulcanscraper.testkit.EmbeddedKafka;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;

/**
 * Throughput of {@link KafkaWriter} to a local single-node broker: writes N scrapes of S samples
 * (node-exporter-like series, 100 targets round robin) as fast as the writer takes them, at most
 * 2,000 outstanding, and prints records/s and MB/s of record values (before compression) from the
 * first write to the last acknowledgement. The broker runs in a child JVM on the same machine, so
 * the figure is a floor for the writer, not a cluster's.
 *
 * <p>Run: {@code ./mvnw -B -q -pl scraper-kafka -am -Pthroughput -DskipTests verify} (arguments
 * with {@code -Dthroughput.args="20000 500 prometheus"}: scrapes, samples per scrape, encoder
 * prometheus|openmetrics|json|remotewrite).
 */
public final class WriterThroughput {
  private WriterThroughput() {}

  /** Runs the measurement; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    int scrapes = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int samples = args.length > 1 ? Integer.parseInt(args[1]) : 500;
    String encoderName = args.length > 2 ? args[2] : "prometheus";
    MetricEncoder encoder;
    switch (encoderName) {
      case "json":
        encoder = MetricEncoder.json();
        break;
      case "openmetrics":
        encoder = MetricEncoder.openMetrics();
        break;
      case "remotewrite":
        encoder = MetricEncoder.remoteWrite();
        break;
      default:
        encoder = MetricEncoder.prometheusText();
    }
    int targets = 100;
    long now = System.currentTimeMillis();
    Scrape[] pool = new Scrape[targets];
    for (int i = 0; i < targets; i++) {
      pool[i] = Scrapes.large("node", "host-" + i + ":9100", now, samples);
    }
    long valueBytes = encoder.encode("k", pool[0]).length;
    encodeOnly(encoder, pool, Math.min(scrapes, 2_000)); // warm-up
    encodeOnly(encoder, pool, Math.min(scrapes, 5_000));

    try (EmbeddedKafka kafka = EmbeddedKafka.builder().build()) {
      kafka.start();
      kafka.createTopic("throughput", 6);
      try (KafkaWriter writer =
          KafkaWriter.builder()
              .bootstrapServers(kafka.bootstrapServers())
              .topic("throughput")
              .encoder(encoder)
              .closeTimeout(Duration.ofSeconds(60))
              .build()) {
        run(writer, pool, Math.min(scrapes, 2_000)); // warm-up: JIT, connections, metadata
        long start = System.nanoTime();
        run(writer, pool, scrapes);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            Locale.ROOT,
            "KafkaWriter %s: %d scrapes x %d samples (%d bytes each) in %.2f s: "
                + "%.0f records/s, %.1f MB/s, %.0f samples/s (written %d, failed %d, dropped %d)%n",
            encoderName,
            scrapes,
            samples,
            valueBytes,
            seconds,
            scrapes / seconds,
            scrapes * (double) valueBytes / seconds / 1e6,
            scrapes * (double) samples / seconds,
            writer.written(),
            writer.failed(),
            writer.dropped());
      }
    }
  }

  /** The encoder alone on this thread, for comparison: the writer cannot go faster. */
  private static void encodeOnly(MetricEncoder encoder, Scrape[] pool, int n) {
    long start = System.nanoTime();
    long bytes = 0;
    for (int i = 0; i < n; i++) {
      Scrape s = pool[i % pool.length];
      bytes +=
          encoder.encode(java.util.Objects.requireNonNull(s.target().get("instance")), s).length;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "encode only, one thread: %d scrapes in %.2f s: %.0f scrapes/s, %.1f MB/s%n",
        n,
        seconds,
        n / seconds,
        bytes / seconds / 1e6);
  }

  private static void run(KafkaWriter writer, Scrape[] pool, int n) throws InterruptedException {
    Semaphore outstanding = new Semaphore(2_000);
    for (int i = 0; i < n; i++) {
      outstanding.acquire();
      Scrape s = pool[i % pool.length];
      writer
          .write(java.util.Objects.requireNonNull(s.target().get("instance")), s)
          .whenComplete((v, t) -> outstanding.release());
    }
    writer.flush(Duration.ofSeconds(120));
  }
}
