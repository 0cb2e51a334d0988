package io.github.vulcanscraper.zookeeper;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.core.http.Secret;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class JobStoreTest {
  private static final JobName NODE = JobName.of("node");

  private final List<AutoCloseable> resources = new ArrayList<>();
  private TestingServer server;
  private CuratorFramework client;
  private JobStore store;

  @BeforeEach
  void setUp() throws Exception {
    server = TestZooKeeper.server();
    resources.add(server);
    client = TestZooKeeper.client(server.getConnectString());
    resources.add(client);
    store = JobStore.builder().client(client).parser(new TestJobParser()).build();
    store.start();
    resources.add(store);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  @Test
  void setsGetsListsAndDeletesJobs() throws Exception {
    assertThat(store.list()).isEmpty();
    assertThat(store.get(NODE)).isEmpty();

    assertThat(store.set(NODE, TestJobParser.yaml("node", "h1:9100"))).isEqualTo(0);
    assertThat(store.set(JobName.of("mysql"), TestJobParser.yaml("mysql", "db:9104"))).isEqualTo(0);
    assertThat(store.set(NODE, TestJobParser.yaml("node", "h2:9100"))).isEqualTo(1);

    assertThat(store.list()).containsExactly(JobName.of("mysql"), NODE);
    StoredJob stored = store.get(NODE).orElseThrow();
    assertThat(stored.yaml()).isEqualTo(TestJobParser.yaml("node", "h2:9100"));
    assertThat(stored.version()).isEqualTo(1);
    assertThat(stored.toString()).doesNotContain("h2:9100");
    assertThat(new String(client.getData().forPath("/vulcan/scraper/jobs/node"), UTF_8))
        .isEqualTo(stored.yaml());

    assertThat(store.delete(NODE)).isTrue();
    assertThat(store.delete(NODE)).isFalse();
    assertThat(store.list()).containsExactly(JobName.of("mysql"));
  }

  @Test
  void rejectsBadYamlNamingTheLineAndWritesNothing() throws Exception {
    assertThatThrownBy(() -> store.set(NODE, "scrape_configs:\n  - job_name: [node\n"))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageStartingWith("job \"node\": invalid YAML at line 2");

    assertThat(client.checkExists().forPath("/vulcan/scraper/jobs/node")).isNull();
  }

  @Test
  void rejectsAMismatchedNameAndWritesNothing() throws Exception {
    store.set(NODE, TestJobParser.yaml("node", "h1:9100"));

    assertThatThrownBy(() -> store.set(NODE, TestJobParser.yaml("other", "h2:9100")))
        .isInstanceOf(InvalidJobException.class)
        .hasMessage("job \"node\": job_name \"other\" differs from the node's name \"node\"");

    assertThat(store.get(NODE).orElseThrow().yaml())
        .isEqualTo(TestJobParser.yaml("node", "h1:9100"));
  }

  @Test
  void validatesWithTheConfigurationLoaderByDefault() throws Exception {
    JobStore plain = JobStore.builder().client(client).build();
    plain.start();

    assertThatThrownBy(
            () ->
                plain.set(
                    NODE, "scrape_configs:\n  - job_name: node\n    scrape_interval: often\n"))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageStartingWith("job \"node\": scrape_configs[0].scrape_interval (line 3): ");
    assertThatThrownBy(() -> plain.set(NODE, "scrape_configs:\n  - job_name: other\n"))
        .hasMessage("job \"node\": job_name \"other\" differs from the node's name \"node\"");
    assertThat(client.checkExists().forPath("/vulcan/scraper/jobs/node")).isNull();

    assertThat(plain.set(NODE, "scrape_configs:\n  - job_name: node\n")).isEqualTo(0);
  }

  @Test
  void rejectsADocumentTooLargeForANode() {
    String huge = TestJobParser.yaml("node", "h1:9100") + "#" + "x".repeat(JobStore.MAX_BYTES);

    assertThatThrownBy(() -> store.set(NODE, huge))
        .isInstanceOf(InvalidJobException.class)
        .hasMessage(
            "job \"node\": the document exceeds 1000000 bytes, more than a ZooKeeper node holds");
  }

  @Test
  void anUpdateFromAStaleVersionFailsAndWritesNothing() throws Exception {
    store.set(NODE, TestJobParser.yaml("node", "h1:9100"));
    int version = store.get(NODE).orElseThrow().version();
    store.set(NODE, TestJobParser.yaml("node", "h2:9100"), version);

    assertThatThrownBy(() -> store.set(NODE, TestJobParser.yaml("node", "h3:9100"), version))
        .isInstanceOf(ConcurrentJobModificationException.class)
        .hasMessage(
            "cannot write job \"node\" at /vulcan/scraper/jobs/node: it was changed concurrently;"
                + " read it and retry");
    assertThat(store.get(NODE).orElseThrow().yaml())
        .isEqualTo(TestJobParser.yaml("node", "h2:9100"));
  }

  @Test
  void creatingAJobThatExistsFails() throws Exception {
    store.set(NODE, TestJobParser.yaml("node", "h1:9100"), JobStore.ABSENT);

    assertThatThrownBy(
            () -> store.set(NODE, TestJobParser.yaml("node", "h2:9100"), JobStore.ABSENT))
        .isInstanceOf(ConcurrentJobModificationException.class)
        .hasMessageContaining("it was created concurrently");
  }

  @Test
  void concurrentUpdatesNeverLoseOneSilently() throws Exception {
    store.set(NODE, TestJobParser.yaml("node", "h0:9100"));
    int writers = 8;
    int rounds = 10;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> results = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        int writer = w;
        Callable<Integer> task =
            () -> {
              go.await();
              int succeeded = 0;
              for (int r = 0; r < rounds; r++) {
                int version = store.get(NODE).orElseThrow().version();
                try {
                  store.set(
                      NODE, TestJobParser.yaml("node", "w" + writer + "r" + r + ":9100"), version);
                  succeeded++;
                } catch (ConcurrentJobModificationException lost) {
                  // Reported, not silent: this write did not land.
                }
              }
              return succeeded;
            };
        results.add(pool.submit(task));
      }
      go.countDown();
      int succeeded = 0;
      for (Future<Integer> f : results) {
        succeeded += f.get();
      }

      // Every successful write bumped the version by one; every lost one wrote nothing.
      assertThat(store.get(NODE).orElseThrow().version()).isEqualTo(succeeded);
      assertThat(succeeded).isBetween(1, writers * rounds);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void digestAclsLetEveryoneReadAndOnlyTheIdentityWrite() throws Exception {
    JobStore admin =
        JobStore.builder()
            .connectString(server.getConnectString())
            .digest("admin", Secret.of("s3cret"))
            .root("/secure")
            .parser(new TestJobParser())
            .build();
    resources.add(admin);
    admin.start();
    admin.set(NODE, TestJobParser.yaml("node", "h1:9100"));

    JobStore anonymous =
        JobStore.builder().client(client).root("/secure").parser(new TestJobParser()).build();
    anonymous.start();

    assertThat(anonymous.get(NODE)).isPresent();
    assertThatThrownBy(() -> anonymous.set(NODE, TestJobParser.yaml("node", "h2:9100")))
        .isInstanceOf(JobStoreException.class)
        .hasMessage("cannot write job \"node\" at /secure/scraper/jobs/node: not authorized")
        .hasMessageNotContaining("s3cret");
    assertThatThrownBy(() -> anonymous.set(JobName.of("new"), TestJobParser.yaml("new", "h2:9100")))
        .hasMessageContaining("not authorized");
    assertThat(admin.list()).containsExactly(NODE);
  }

  @Test
  void startFailsClearlyWhenTheStoreIsUnreachable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    JobStore unreachable =
        JobStore.builder()
            .connectString("127.0.0.1:" + port)
            .connectionTimeout(Duration.ofMillis(300))
            .parser(new TestJobParser())
            .build();
    resources.add(unreachable);

    assertThatThrownBy(unreachable::start)
        .isInstanceOf(JobStoreException.class)
        .hasMessage("cannot reach ZooKeeper at 127.0.0.1:" + port + " within 300 ms");
  }
}
