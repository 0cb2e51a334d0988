package io.github.vulcanscraper.testkit.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * The child JVM's entry point for {@code EmbeddedKafka}: formats the log directory on first start
 * (as {@code kafka-storage.sh format --standalone} does), then runs {@code kafka.Kafka} until it is
 * stopped.
 *
 * <p>Arguments: the broker's properties file, its log directory and the cluster id. The child halts
 * when its standard input reaches end of file, which happens when the parent JVM dies, so no broker
 * outlives the test run that started it.
 */
public final class KafkaBrokerMain {
  private KafkaBrokerMain() {}

  /** Formats the log directory if needed, then runs the broker. */
  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: KafkaBrokerMain <server.properties> <log.dir> <cluster.id>");
      System.exit(2);
    }
    watchParent(System.in);
    Path properties = Paths.get(args[0]);
    Path logDir = Paths.get(args[1]);
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      int code =
          kafka.tools.StorageTool.execute(
              new String[] {
                "format", "--config", properties.toString(), "--cluster-id", args[2], "--standalone"
              },
              System.out);
      if (code != 0) {
        System.err.println("formatting " + logDir + " failed with exit code " + code);
        System.exit(1);
      }
    }
    kafka.Kafka.main(new String[] {properties.toString()});
  }

  private static void watchParent(InputStream in) {
    Thread t =
        new Thread(
            () -> {
              try {
                while (in.read() >= 0) {
                  // The parent never writes; only the end of the stream matters.
                }
              } catch (IOException e) {
                // Same as end of stream: the parent is gone.
              }
              System.err.println("parent JVM gone, halting the broker");
              Runtime.getRuntime().halt(1);
            },
            "parent-watch");
    t.setDaemon(true);
    t.start();
  }
}
