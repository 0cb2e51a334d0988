package io.github.vulcanscraper.examples.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;

/**
 * A standalone ZooKeeper server in this JVM on a loopback port, with ZooKeeper's own embedded
 * server API, for the demo and {@code vulcan servers}. Its data lives in a temporary directory
 * deleted on {@link #close()}.
 */
public final class EmbeddedZooKeeper implements AutoCloseable {
  private final ZooKeeperServerEmbedded server;
  private final Path directory;
  private final int port;

  private EmbeddedZooKeeper(ZooKeeperServerEmbedded server, Path directory, int port) {
    this.server = server;
    this.directory = directory;
    this.port = port;
  }

  /**
   * Starts a server on a free port of 127.0.0.1.
   *
   * @return the running server; the caller closes it
   * @throws Exception when the server does not start within 10 s or its directory cannot be made
   */
  public static EmbeddedZooKeeper start() throws Exception {
    return start(0);
  }

  /**
   * Starts a server on {@code port} of 127.0.0.1; 0 picks a free one.
   *
   * @param port the client port, 0 for a free one
   * @return the running server; the caller closes it
   * @throws Exception when the port is taken, or the server does not start within 10 s, or its
   *     directory cannot be made
   */
  public static EmbeddedZooKeeper start(int port) throws Exception {
    Path directory = Files.createTempDirectory("vulcan-zk");
    if (port == 0) {
      try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = probe.getLocalPort();
      }
    }
    Properties config = new Properties();
    config.setProperty("clientPort", Integer.toString(port));
    config.setProperty("clientPortAddress", "127.0.0.1");
    config.setProperty("tickTime", "500");
    config.setProperty("admin.enableServer", "false");
    config.setProperty("4lw.commands.whitelist", "ruok");
    ZooKeeperServerEmbedded server =
        ZooKeeperServerEmbedded.builder()
            .baseDir(directory)
            .configuration(config)
            .exitHandler(ExitHandler.LOG_ONLY)
            .build();
    server.start(10_000);
    return new EmbeddedZooKeeper(server, directory, port);
  }

  /**
   * The connect string, {@code 127.0.0.1:<port>}.
   *
   * @return the connect string for a client of this server
   */
  public String connectString() {
    return "127.0.0.1:" + port;
  }

  /** Stops the server and deletes its data. */
  @Override
  public void close() {
    server.close();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
