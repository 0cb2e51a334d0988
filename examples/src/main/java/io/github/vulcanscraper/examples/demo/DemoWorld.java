package io.github.vulcanscraper.examples.demo;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.testkit.EmbeddedKafka;
import io.github.vulcanscraper.testkit.ExporterFarm;
import io.github.vulcanscraper.zookeeper.JobStore;
import io.prometheus.client.CollectorRegistry;
import io.prometheus.client.exporter.HTTPServer;
import io.prometheus.client.hotspot.DefaultExports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything the demo's nodes need, on loopback in this JVM: an embedded ZooKeeper, an embedded
 * KRaft Kafka broker (a child JVM), exporters (the JVM's own metrics through simpleclient, and two
 * synthetic farms of different sizes), and two jobs in the store — one static, one discovered from
 * a file. Closing it stops everything and deletes its files.
 */
final class DemoWorld implements AutoCloseable {
  static final String TOPIC = "vulcan-demo";
  static final int PARTITIONS = 6;
  static final int SMALL_TARGETS = 6;
  static final int BIG_TARGETS = 4;

  private final List<AutoCloseable> resources = new ArrayList<>();
  final EmbeddedZooKeeper zooKeeper;
  final EmbeddedKafka kafka;
  final Path directory;
  final int targets;

  DemoWorld(String interval) throws Exception {
    directory = Files.createTempDirectory("vulcan-demo");
    zooKeeper = keep(EmbeddedZooKeeper.start());
    kafka = keep(EmbeddedKafka.builder().build());
    kafka.start();
    kafka.createTopic(TOPIC, PARTITIONS);

    CollectorRegistry registry = new CollectorRegistry();
    DefaultExports.register(registry);
    HTTPServer jvm =
        new HTTPServer.Builder()
            .withInetSocketAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .withRegistry(registry)
            .withDaemonThreads(true)
            .build();
    resources.add(jvm::close);
    ExporterFarm small = keep(ExporterFarm.start(SMALL_TARGETS, 100));
    ExporterFarm big = keep(ExporterFarm.start(BIG_TARGETS, 2_000));
    targets = 1 + SMALL_TARGETS + BIG_TARGETS;

    Path fileSd = directory.resolve("big-farm.json");
    Files.writeString(fileSd, fileSdGroups(big), StandardCharsets.UTF_8);
    try (JobStore store = JobStore.builder().connectString(zooKeeper.connectString()).build()) {
      store.start();
      store.set(JobName.of("demo-static"), staticJob(interval, jvm.getPort(), small));
      store.set(JobName.of("demo-file-sd"), fileSdJob(interval, fileSd));
    }
  }

  private <T extends AutoCloseable> T keep(T resource) {
    resources.add(resource);
    return resource;
  }

  private static String staticJob(String interval, int jvmPort, ExporterFarm small) {
    StringBuilder yaml =
        new StringBuilder("scrape_configs:\n")
            .append("  - job_name: demo-static\n")
            .append("    scrape_interval: ").append(interval).append('\n')
            .append("    static_configs:\n")
            .append("      - targets: ['127.0.0.1:").append(jvmPort).append("']\n")
            .append("        labels: {exporter: jvm}\n");
    for (int i = 0; i < SMALL_TARGETS; i++) {
      yaml.append("      - targets: ['").append(small.address()).append("']\n")
          .append("        labels: {exporter: small-farm, instance: small-").append(i)
          .append(", __metrics_path__: /target/").append(i).append("/metrics}\n");
    }
    return yaml.toString();
  }

  private static String fileSdJob(String interval, Path file) {
    return "scrape_configs:\n"
        + "  - job_name: demo-file-sd\n"
        + "    scrape_interval: " + interval + "\n"
        + "    file_sd_configs:\n"
        + "      - files: ['" + file + "']\n";
  }

  private static String fileSdGroups(ExporterFarm big) {
    StringBuilder json = new StringBuilder("[\n");
    for (int i = 0; i < BIG_TARGETS; i++) {
      json.append(i == 0 ? "" : ",\n")
          .append("  {\"targets\": [\"").append(big.address()).append("\"], \"labels\": ")
          .append("{\"exporter\": \"big-farm\", \"instance\": \"big-").append(i)
          .append("\", \"__metrics_path__\": \"/target/").append(i).append("/metrics\"}}");
    }
    return json.append("\n]\n").toString();
  }

  @Override
  public void close() throws IOException {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        // Keep closing the rest; the demo is ending.
      }
    }
    try (var files = Files.walk(directory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
