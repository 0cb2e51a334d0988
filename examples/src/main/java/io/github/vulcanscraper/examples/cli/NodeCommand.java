package io.github.vulcanscraper.examples.cli;

import io.github.vulcanscraper.examples.node.ScraperNode;
import io.github.vulcanscraper.examples.node.StatusServer;
import io.github.vulcanscraper.examples.node.TargetStatusBoard;
import io.github.vulcanscraper.kafka.KafkaWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vulcan node}: a production scraper node. It joins the pool in ZooKeeper, scrapes its share
 * of the jobs' targets and writes every scrape to Kafka; it serves {@code /metrics} and {@code
 * /targets} on the metrics port and leaves gracefully on SIGTERM or Ctrl-C (deregister, hand-off
 * grace, stop, flush).
 */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    header = "Run a scraper node of the pool: jobs from ZooKeeper, scrapes to Kafka.",
    description =
        "Run a scraper node: join the pool in ZooKeeper, scrape this node's share of the "
            + "jobs' targets, write every scrape to Kafka. Serves /metrics and /targets on the "
            + "metrics port; leaves gracefully on SIGTERM.")
public final class NodeCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--zk",
      required = true,
      paramLabel = "CONNECT",
      description = "ZooKeeper connect string, e.g. zk1:2181,zk2:2181")
  String zk = "";

  @Option(
      names = "--kafka",
      required = true,
      paramLabel = "BOOTSTRAP",
      description = "Kafka bootstrap servers, e.g. kafka1:9092")
  String kafka = "";

  @Option(
      names = "--root",
      paramLabel = "PATH",
      defaultValue = "/vulcan",
      description = "Root of the ZooKeeper layout (default: ${DEFAULT-VALUE})")
  String root = "/vulcan";

  @Option(
      names = "--topic",
      paramLabel = "T",
      defaultValue = "vulcan-metrics",
      description = "Kafka topic (default: ${DEFAULT-VALUE})")
  String topic = "vulcan-metrics";

  @Option(
      names = "--kafka-property",
      paramLabel = "NAME=VALUE",
      description =
          "A Kafka producer property, replacing the writer's default, e.g."
              + " security.protocol=SASL_SSL or linger.ms=500 (repeatable)")
  Map<String, String> kafkaProperties = new LinkedHashMap<>();

  @Option(names = "--id", paramLabel = "ID", description = "Node id (default: a random UUID)")
  String id = "";

  @Option(
      names = "--metrics-port",
      paramLabel = "P",
      defaultValue = "9477",
      description = "Port of /metrics and /targets; 0 picks a free one (default: ${DEFAULT-VALUE})")
  int metricsPort;

  @Option(
      names = "--session-timeout",
      paramLabel = "DURATION",
      defaultValue = "15s",
      converter = DurationConverter.class,
      description = "ZooKeeper session timeout (default: ${DEFAULT-VALUE})")
  Duration sessionTimeout = Duration.ofSeconds(15);

  @Option(
      names = "--dns-server",
      paramLabel = "HOST:PORT",
      description = "DNS server for dns_sd_configs (repeatable; default: the system's)")
  List<String> dnsServers = new ArrayList<>();

  @Option(
      names = "--fetch-concurrency",
      paramLabel = "N",
      defaultValue = "32",
      description = "Scrapes running at once (default: ${DEFAULT-VALUE})")
  int fetchConcurrency;

  @Override
  public Integer call() {
    if (metricsPort < 0 || metricsPort > 65535) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--metrics-port must be 0..65535: " + metricsPort);
    }
    if (fetchConcurrency < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--fetch-concurrency must be >= 1: " + fetchConcurrency);
    }
    PrintWriter out = spec.commandLine().getOut();
    TargetStatusBoard board = new TargetStatusBoard(Duration.ofMinutes(10));
    KafkaWriter writer;
    ScraperNode node;
    try {
      writer =
          KafkaWriter.builder()
              .bootstrapServers(kafka)
              .topic(topic)
              .properties(kafkaProperties)
              .build();
      ScraperNode.Builder b =
          ScraperNode.builder()
              .zooKeeper(zk)
              .root(root)
              .sessionTimeout(sessionTimeout)
              .fetchConcurrency(fetchConcurrency)
              .writer(writer)
              .listener(board);
      if (!id.isEmpty()) {
        b.id(id);
      }
      dnsServers.forEach(b::dnsServer);
      node = b.build();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    StatusServer server;
    try {
      server = StatusServer.start(metricsPort, () -> metrics(node, writer), board::render);
    } catch (IOException e) {
      writer.close();
      return Cli.fail(spec, "cannot serve on port " + metricsPort + ": " + e.getMessage());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              node.close();
              writer.close();
              server.close();
              stopped.countDown();
            },
            "vulcan-node-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    node.start();
    out.printf(
        "node %s started: zookeeper %s%s, kafka %s topic %s, /metrics and /targets on port %d%n",
        node.id(), zk, root, kafka, topic, server.port());
    out.flush();
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static String metrics(ScraperNode node, KafkaWriter writer) {
    StringWriter text = new StringWriter();
    node.metrics().writeText(text);
    text.append("# HELP vulcan_node_members Live members of the pool as this node sees them.\n")
        .append("# TYPE vulcan_node_members gauge\n")
        .append("vulcan_node_members ")
        .append(String.valueOf(node.members().size()))
        .append('\n')
        .append("# HELP vulcan_node_job_errors_total Job definitions that failed to parse.\n")
        .append("# TYPE vulcan_node_job_errors_total counter\n")
        .append("vulcan_node_job_errors_total ")
        .append(String.valueOf(node.jobErrors()))
        .append('\n')
        .append("# HELP vulcan_kafka_scrapes_total Scrapes by outcome at the Kafka writer.\n")
        .append("# TYPE vulcan_kafka_scrapes_total counter\n")
        .append("vulcan_kafka_scrapes_total{result=\"written\"} ")
        .append(String.valueOf(writer.written()))
        .append('\n')
        .append("vulcan_kafka_scrapes_total{result=\"failed\"} ")
        .append(String.valueOf(writer.failed()))
        .append('\n')
        .append("vulcan_kafka_scrapes_total{result=\"dropped\"} ")
        .append(String.valueOf(writer.dropped()))
        .append('\n')
        .append("# HELP vulcan_kafka_pending_scrapes Scrapes waiting for delivery.\n")
        .append("# TYPE vulcan_kafka_pending_scrapes gauge\n")
        .append("vulcan_kafka_pending_scrapes ")
        .append(String.valueOf(writer.pendingScrapes()))
        .append('\n');
    return text.toString();
  }
}
