package io.github.vulcanscraper.examples.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class JobCommandTest {
  private static final String NODE =
      "scrape_configs:\n"
          + "  - job_name: node\n"
          + "    static_configs:\n"
          + "      - targets: ['127.0.0.1:9100']\n";
  private static final String NODE_TWO_TARGETS =
      "global:\n  scrape_interval: 30s\nscrape_configs:\n  - job_name: node\n    static_configs:\n"
          + "      - targets: ['127.0.0.1:9100', '127.0.0.1:9101']\n";

  private static TestingServer server;
  private static CuratorFramework client;

  @TempDir Path dir;
  private final CliRun cli = new CliRun();
  private String root;

  @BeforeAll
  static void startZooKeeper() throws Exception {
    InstanceSpec spec =
        new InstanceSpec(
            null,
            -1,
            -1,
            -1,
            true,
            -1,
            200,
            -1,
            Map.of("clientPortAddress", "127.0.0.1"),
            "127.0.0.1");
    server = new TestingServer(spec, true);
    client =
        CuratorFrameworkFactory.newClient(
            server.getConnectString(), 4_000, 2_000, new RetryOneTime(100));
    client.start();
  }

  @AfterAll
  static void stopZooKeeper() throws IOException {
    client.close();
    server.close();
  }

  @BeforeEach
  void setUp() {
    root = "/t" + System.nanoTime(); // every test its own layout
  }

  private int job(String command, String... args) {
    String[] all = new String[args.length + 6];
    all[0] = "job";
    all[1] = command;
    System.arraycopy(args, 0, all, 2, args.length);
    all[args.length + 2] = "--zk";
    all[args.length + 3] = server.getConnectString();
    all[args.length + 4] = "--root";
    all[args.length + 5] = root;
    return cli.run(all);
  }

  private Path file(String yaml) throws IOException {
    return Files.writeString(Files.createTempFile(dir, "job", ".yml"), yaml);
  }

  private String stored(String name) throws Exception {
    return new String(client.getData().forPath(root + "/scraper/jobs/" + name), UTF_8);
  }

  private boolean exists(String name) throws Exception {
    return client.checkExists().forPath(root + "/scraper/jobs/" + name) != null;
  }

  @Test
  void setsGetsListsAndDeletesJobs() throws Exception {
    assertThat(job("set", "node", file(NODE).toString())).isZero();
    assertThat(cli.out()).isEqualTo("job node written, version 0\n");
    assertThat(stored("node")).isEqualTo(NODE);
    assertThat(job("set", "mysql", file(NODE.replace("node", "mysql")).toString())).isZero();

    cli.clearOut();
    assertThat(job("get", "node")).isZero();
    assertThat(cli.out()).isEqualTo(NODE);

    cli.clearOut();
    assertThat(job("list")).isZero();
    assertThat(cli.out()).isEqualTo("mysql\nnode\n");

    cli.clearOut();
    assertThat(job("delete", "node")).isZero();
    assertThat(cli.out()).isEqualTo("job node deleted\n");
    assertThat(exists("node")).isFalse();
    assertThat(cli.err()).isEmpty();
  }

  @Test
  void setReadsStandardInput() throws Exception {
    InputStream stdin = System.in;
    try {
      System.setIn(new ByteArrayInputStream(NODE.getBytes(UTF_8)));
      assertThat(job("set", "node", "-")).isZero();
    } finally {
      System.setIn(stdin);
    }
    assertThat(stored("node")).isEqualTo(NODE);
  }

  @Test
  void badYamlExitsOneWithTheReasonAndWritesNothing() throws Exception {
    Path bad = file("scrape_configs:\n  - job_name: node\n    scrape_interval: often\n");

    assertThat(job("set", "node", bad.toString())).isEqualTo(1);

    assertThat(cli.err())
        .startsWith("error: job \"node\": scrape_configs[0].scrape_interval (line 3): ")
        .endsWith("\n")
        .hasLineCount(1);
    assertThat(exists("node")).isFalse();
  }

  @Test
  void aJobNameOtherThanNameExitsOneAndWritesNothing() throws Exception {
    assertThat(job("set", "other", file(NODE).toString())).isEqualTo(1);

    assertThat(cli.err())
        .isEqualTo(
            "error: job \"other\": job_name \"node\" differs from the node's name \"other\"\n");
    assertThat(exists("other")).isFalse();
  }

  @Test
  void moreThanOneJobInADocumentIsRefused() throws Exception {
    String two = NODE + "  - job_name: mysql\n";

    assertThat(job("set", "node", file(two).toString())).isEqualTo(1);

    assertThat(cli.err())
        .isEqualTo(
            "error: job \"node\": scrape_configs must hold exactly one job, found 2 (node,"
                + " mysql)\n");
    assertThat(exists("node")).isFalse();
  }

  @Test
  void setWithAStaleExpectedVersionExitsOneAndWritesNothing() throws Exception {
    assertThat(job("set", "node", file(NODE).toString())).isZero();
    assertThat(job("set", "node", file(NODE_TWO_TARGETS).toString())).isZero();

    assertThat(job("set", "node", file(NODE).toString(), "--expect-version", "0")).isEqualTo(1);

    assertThat(cli.err()).contains("it was changed concurrently; read it and retry");
    assertThat(stored("node")).isEqualTo(NODE_TWO_TARGETS);
  }

  @Test
  void getShowsTheVersionForACompareAndSetUpdate() throws Exception {
    assertThat(job("set", "node", file(NODE).toString())).isZero();
    cli.clearOut();

    assertThat(job("get", "node", "--show-version")).isZero();

    assertThat(cli.out()).isEqualTo("# version: 0\n" + NODE);
    assertThat(job("set", "node", file(NODE_TWO_TARGETS).toString(), "--expect-version", "0"))
        .isZero();
  }

  @Test
  void aMissingJobExitsOne() {
    assertThat(job("get", "nope")).isEqualTo(1);
    assertThat(cli.err()).isEqualTo("error: job \"nope\" not found under " + root + "\n");
    assertThat(job("delete", "nope")).isEqualTo(1);
  }

  @Test
  void anInvalidNameIsAUsageError() throws Exception {
    assertThat(job("set", "a/b", file(NODE).toString())).isEqualTo(2);
    assertThat(cli.err()).contains("job name must not contain '/'");
  }

  @Test
  void anUnreachableStoreExitsOneWithOneLine() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    int code = cli.run("job", "list", "--zk", "127.0.0.1:" + port, "--timeout", "300ms");

    assertThat(code).isEqualTo(1);
    assertThat(cli.err())
        .isEqualTo("error: cannot reach ZooKeeper at 127.0.0.1:" + port + " within 300 ms\n");
  }

  @Test
  void validateNeedsNoStore() throws Exception {
    Path good = file(NODE);

    assertThat(cli.run("job", "validate", good.toString())).isZero();
    assertThat(cli.out()).isEqualTo(good + ": OK job node\n");

    Path bad =
        file(
            "scrape_configs:\n"
                + "  - job_name: node\n"
                + "    scrape_timeout: 1m\n"
                + "    scrape_interval: 10s\n");
    assertThat(cli.run("job", "validate", bad.toString())).isEqualTo(1);
    assertThat(cli.err()).startsWith("error: " + bad + ": scrape_configs[0]").hasLineCount(1);
  }

  @Test
  void validateChecksTheNameWhenGiven() throws Exception {
    Path good = file(NODE);

    assertThat(cli.run("job", "validate", good.toString(), "--name", "mysql")).isEqualTo(1);

    assertThat(cli.err())
        .isEqualTo(
            "error: "
                + good
                + ": job \"mysql\": job_name \"node\" differs from the node's name \"mysql\"\n");
  }

  @Test
  void aJobCommandIsRequired() {
    assertThat(cli.run("job")).isEqualTo(2);
    assertThat(cli.err()).contains("a job command is required");
  }
}
