package io.github.vulcanscraper.examples.cli;

import io.github.vulcanscraper.zookeeper.JobStore;
import io.github.vulcanscraper.zookeeper.JobStoreException;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The options every {@code vulcan job} command that talks to the store shares. */
final class StoreOptions {
  @Option(
      names = "--zk",
      paramLabel = "CONNECT",
      defaultValue = "127.0.0.1:2181",
      description =
          "ZooKeeper connect string, host:port[,host:port...] (default: ${DEFAULT-VALUE}).")
  String connect;

  @Option(
      names = "--root",
      paramLabel = "PATH",
      defaultValue = "/vulcan",
      description =
          "Root of the layout; jobs live in PATH/scraper/jobs (default: ${DEFAULT-VALUE}).")
  String root;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "5s",
      converter = DurationConverter.class,
      description =
          "How long to wait for ZooKeeper, e.g. 500ms, 5s, 1m (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  /** A started store that validates with the configuration loader; the caller closes it. */
  JobStore open() throws JobStoreException {
    quietClientLogs();
    JobStore store =
        JobStore.builder()
            .connectString(connect)
            .root(root)
            .connectionTimeout(timeout)
            .sessionTimeout(timeout.multipliedBy(3))
            .build();
    try {
      store.start();
      return store;
    } catch (JobStoreException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * Keeps the ZooKeeper client's connection chatter (and the store's own INFO lines) off stderr,
   * where a command prints only its one-line error; {@code -D} settings on the command line win.
   */
  private static void quietClientLogs() {
    for (String logger :
        new String[] {
          "org.apache.zookeeper", "org.apache.curator", "io.github.vulcanscraper.zookeeper"
        }) {
      String key = "org.slf4j.simpleLogger.log." + logger;
      if (System.getProperty(key) == null) {
        System.setProperty(key, "error");
      }
    }
  }
}
