package io.github.vulcanscraper.benchmarks;

import io.github.vulcanscraper.api.Writer;
import io.github.vulcanscraper.core.Scraper;
import io.github.vulcanscraper.kafka.KafkaWriter;
import io.github.vulcanscraper.kafka.MetricEncoder;
import io.github.vulcanscraper.testkit.EmbeddedKafka;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The end-to-end load harness: a {@link Scraper} scraping an exporter farm on loopback, writing to
 * a null writer (which counts samples) or to Kafka.
 *
 * <p>Run (after {@code ./mvnw -q -pl benchmarks -am -DskipTests package}):
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.github.vulcanscraper.benchmarks.LoadHarness \
 *     [--targets 500] [--samples 500] [--interval 5s] [--warmup 30s] [--duration 60s] \
 *     [--writer null|kafka] [--concurrency N] [--producer name=value]...
 *     [--encoder prometheus|openmetrics|json|remotewrite]
 * java -cp benchmarks/target/benchmarks.jar io.github.vulcanscraper.benchmarks.LoadHarness 10k
 * </pre>
 *
 * <p>{@code 10k} stands for {@code --targets 10000 --samples 100 --interval 10s}: ten thousand
 * targets on one node.
 *
 * <p>The farm ({@link FarmMain}) runs in a child JVM and the Kafka broker ({@link EmbeddedKafka})
 * in another, so the CPU time, RSS, heap and threads reported are the scraper's process alone
 * (scheduler, fetches, parsing, labelling, encoding and the Kafka producer). After the warm-up, the
 * figures cover the measured window: samples per second written, CPU seconds per million samples,
 * scheduling lag (wall clock at the start of a scrape minus its slot) p50 and p99, and at the end
 * heap in use, RSS and live threads.
 */
public final class LoadHarness {
  private LoadHarness() {}

  /** Runs one load; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    FarmTargets.absoluteClassPath();
    int targets = 500;
    int samples = 500;
    Duration interval = Duration.ofSeconds(5);
    Duration warmup = Duration.ofSeconds(30);
    Duration duration = Duration.ofSeconds(60);
    String writerKind = "null";
    String encoder = "prometheus";
    Map<String, String> producer = new LinkedHashMap<>();
    int concurrency = 0;
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "10k" -> {
          targets = 10_000;
          samples = 100;
          interval = Duration.ofSeconds(10);
          continue;
        }
        case "--targets" -> targets = Integer.parseInt(value);
        case "--samples" -> samples = Integer.parseInt(value);
        case "--interval" -> interval = FarmTargets.duration(value);
        case "--warmup" -> warmup = FarmTargets.duration(value);
        case "--duration" -> duration = FarmTargets.duration(value);
        case "--writer" -> writerKind = value;
        case "--concurrency" -> concurrency = Integer.parseInt(value);
        case "--encoder" -> encoder = value;
        case "--producer" -> {
          int eq = value.indexOf('=');
          if (eq <= 0) {
            usage("--producer takes name=value: " + value);
          }
          producer.put(value.substring(0, eq), value.substring(eq + 1));
        }
        default -> usage("unknown argument: " + args[i]);
      }
      i++;
    }
    if (!writerKind.equals("null") && !writerKind.equals("kafka")) {
      usage("--writer must be null or kafka: " + writerKind);
    }
    Process farm = startFarm(targets, samples);
    EmbeddedKafka kafka = null;
    try {
      String address = readFarmAddress(farm);
      Writer delegate = null;
      if (writerKind.equals("kafka")) {
        kafka = EmbeddedKafka.builder().build();
        kafka.start();
        kafka.createTopic("metrics", 3);
        KafkaWriter.Builder kb =
            KafkaWriter.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .topic("metrics")
                .encoder(encoder(encoder));
        producer.forEach(kb::property);
        delegate = kb.build();
      }
      run(address, targets, samples, interval, warmup, duration, writerKind, concurrency, delegate);
    } finally {
      if (kafka != null) {
        kafka.close();
      }
      farm.destroy();
    }
    System.exit(0);
  }

  private static void run(
      String address,
      int targets,
      int samples,
      Duration interval,
      Duration warmup,
      Duration duration,
      String writerKind,
      int concurrency,
      @Nullable Writer delegate)
      throws Exception {
    CountingWriter writer = new CountingWriter(delegate);
    LagRecorder lag = new LagRecorder();
    Scraper.Builder builder =
        Scraper.builder(FarmTargets.job(address, targets, interval), writer).listener(lag);
    if (concurrency > 0) {
      builder.fetchConcurrency(concurrency);
    }
    String load0 = loadAverage();
    try (Scraper scraper = builder.build()) {
      scraper.start();
      Thread.sleep(warmup.toMillis());
      lag.reset();
      long samples0 = writer.samples();
      long cpu0 = ProcessStats.cpuNanos();
      long t0 = System.nanoTime();
      Thread.sleep(duration.toMillis());
      long samples1 = writer.samples();
      long cpu1 = ProcessStats.cpuNanos();
      long t1 = System.nanoTime();
      double seconds = (t1 - t0) / 1e9;
      double written = samples1 - samples0;
      double cpuSeconds = (cpu1 - cpu0) / 1e9;
      List<String> out = new ArrayList<>();
      out.add("vulcan load harness");
      out.add(
          String.format(
              Locale.ROOT,
              "  load            %d targets x %d samples every %s, writer %s, fetch concurrency %s",
              targets,
              samples,
              pretty(interval),
              writerKind,
              concurrency > 0 ? concurrency : "default"));
      out.add(
          "  window          "
              + pretty(duration)
              + " after a "
              + pretty(warmup)
              + " warm-up; farm in a child JVM"
              + (writerKind.equals("kafka") ? ", Kafka broker in another" : "")
              + "; CPU is this process's alone");
      out.add(
          String.format(
              Locale.ROOT,
              "  samples/s       %,.0f  (expected %,.0f)",
              written / seconds,
              (double) targets * (samples + 5) / (interval.toMillis() / 1000.0)));
      out.add(
          String.format(
              Locale.ROOT, "  scrapes         %,d ok, %,d failed", lag.succeeded(), lag.failed()));
      out.add(
          String.format(
              Locale.ROOT,
              "  CPU             %.2f s = %.1f%% of one core; %.3f CPU s per million samples (%.2f"
                  + " us/sample)",
              cpuSeconds,
              100 * cpuSeconds / seconds,
              written == 0 ? Double.NaN : cpuSeconds / (written / 1e6),
              written == 0 ? Double.NaN : cpuSeconds * 1e6 / written));
      out.add(
          String.format(
              Locale.ROOT,
              "  schedule lag    p50 %.1f ms, p99 %.1f ms",
              lag.quantileMillis(0.5),
              lag.quantileMillis(0.99)));
      out.add(
          String.format(
              Locale.ROOT,
              "  memory          heap used %.0f MiB, RSS %.0f MiB",
              ProcessStats.heapUsedBytes() / 1048576.0,
              ProcessStats.rssKib() / 1024.0));
      out.add("  threads         " + ProcessStats.threads());
      out.add("  load average    " + load0 + " (start), " + loadAverage() + " (end)");
      System.out.println(String.join("\n", out));
    } finally {
      writer.close();
    }
  }

  private static Process startFarm(int targets, int samples) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            java,
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            FarmMain.class.getName(),
            "--targets",
            Integer.toString(targets),
            "--samples",
            Integer.toString(samples),
            "--watch-stdin");
    pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    return pb.start();
  }

  private static String readFarmAddress(Process farm) throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(farm.getInputStream(), StandardCharsets.UTF_8));
    String address = null;
    String line;
    while ((line = in.readLine()) != null) {
      if (line.startsWith("farm ")) {
        address = line.split(" ")[2];
      } else if (line.equals("ready")) {
        break;
      }
    }
    if (address == null) {
      throw new IOException("the farm did not start");
    }
    return address;
  }

  private static String loadAverage() {
    try {
      String[] f =
          java.nio.file.Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII)
              .split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "?";
    }
  }

  private static String pretty(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  private static MetricEncoder encoder(String name) {
    return switch (name) {
      case "prometheus" -> MetricEncoder.prometheusText();
      case "openmetrics" -> MetricEncoder.openMetrics();
      case "json" -> MetricEncoder.json();
      case "remotewrite" -> MetricEncoder.remoteWrite();
      default -> {
        usage("--encoder must be prometheus, openmetrics, json or remotewrite: " + name);
        throw new AssertionError("usage exits");
      }
    };
  }

  private static void usage(String message) {
    System.err.println(message);
    System.err.println(
        "usage: LoadHarness [10k] [--targets N] [--samples S] [--interval 5s] [--warmup 30s]"
            + " [--duration 60s] [--writer null|kafka] [--concurrency N] [--producer name=value]..."
            + " [--encoder prometheus|openmetrics|json|remotewrite]");
    System.exit(2);
  }
}
