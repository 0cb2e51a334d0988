package io.github.vulcanscraper.examples.cli;

import io.github.vulcanscraper.examples.demo.EmbeddedZooKeeper;
import io.github.vulcanscraper.testkit.EmbeddedKafka;
import io.github.vulcanscraper.testkit.ExporterFarm;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vulcan servers}: a local ZooKeeper and a local Kafka broker (KRaft) on loopback, to try
 * {@code vulcan node} and {@code vulcan job} without installing either. Prints {@code zookeeper
 * HOST:PORT} and {@code kafka HOST:PORT}, then runs until Ctrl-C or SIGTERM. Not for production.
 */
@Command(
    name = "servers",
    mixinStandardHelpOptions = true,
    description = {
      "Run a local ZooKeeper and Kafka (KRaft) on 127.0.0.1 until stopped, to try vulcan node",
      "and vulcan job without installing them. Prints 'zookeeper HOST:PORT' and 'kafka HOST:PORT'."
    })
public final class ServersCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--zk-port", paramLabel = "P", defaultValue = "2181",
      description = "ZooKeeper's port; 0 picks a free one (default: ${DEFAULT-VALUE})")
  int zkPort;

  @Option(names = "--topic", paramLabel = "T", defaultValue = "vulcan-metrics",
      description = "A topic to create, with 6 partitions (default: ${DEFAULT-VALUE})")
  String topic = "vulcan-metrics";

  @Option(names = "--farm", paramLabel = "N", defaultValue = "0",
      description = "Also serve N synthetic exporters at /target/<i>/metrics (default: none)")
  int farmTargets;

  @Option(names = "--farm-port", paramLabel = "P", defaultValue = "9100",
      description = "The exporter farm's port (default: ${DEFAULT-VALUE})")
  int farmPort;

  @Override
  public Integer call() throws Exception {
    if (zkPort < 0 || zkPort > 65535) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--zk-port must be 0..65535: " + zkPort);
    }
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch stopped = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    if (farmTargets < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--farm must be >= 0: " + farmTargets);
    }
    try (EmbeddedZooKeeper zk = EmbeddedZooKeeper.start(zkPort);
        EmbeddedKafka kafka = EmbeddedKafka.builder().build();
        ExporterFarm farm = farmTargets == 0 ? null : ExporterFarm.start(farmTargets, 200, farmPort)) {
      kafka.start();
      kafka.createTopic(topic, 6);
      out.println("zookeeper " + zk.connectString());
      out.println("kafka " + kafka.bootstrapServers());
      if (farm != null) {
        out.println("farm " + farm.address() + " (" + farmTargets + " exporters at /target/<i>/metrics)");
      }
      out.flush();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    stopped.countDown();
                    try {
                      closed.await();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  },
                  "vulcan-servers-stop"));
      stopped.await();
    } finally {
      closed.countDown();
    }
    return 0;
  }
}
