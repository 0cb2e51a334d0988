package io.github.vulcanscraper.zookeeper;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.api.Member;
import io.github.vulcanscraper.api.Scrape;
import io.github.vulcanscraper.api.Targeter;
import io.github.vulcanscraper.api.Writer;
import io.github.vulcanscraper.core.ConsistentHashTargeter;
import io.github.vulcanscraper.core.JobTargets;
import io.github.vulcanscraper.core.Scraper;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole path with the default parser: a job written with {@link JobStore} is read by every
 * node's {@link ZooKeeperJobWatcher}, resolved by its service discovery, split by the consistent
 * hash over the {@link ZooKeeperPool}, scraped from real HTTP exporters and written.
 */
final class JobsToScrapesEndToEndTest {
  private static final Duration DEADLINE = Duration.ofSeconds(15);
  private static final JobName WEB = JobName.of("web");

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final List<MockWebServer> exporters = new ArrayList<>();
  private TestingServer server;
  private JobStore store;

  @BeforeEach
  void setUp() throws Exception {
    server = TestZooKeeper.server();
    resources.add(server);
    CuratorFramework admin = TestZooKeeper.client(server.getConnectString());
    resources.add(admin);
    store = JobStore.builder().client(admin).build();
    store.start();
    for (int i = 0; i < 6; i++) {
      MockWebServer exporter = new MockWebServer();
      exporter.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              return new MockResponse()
                  .setHeader("Content-Type", "text/plain; version=0.0.4")
                  .setBody("# TYPE demo_up gauge\ndemo_up 1\n");
            }
          });
      exporter.start(InetAddress.getByName("127.0.0.1"), 0);
      exporters.add(exporter);
    }
  }

  @AfterEach
  void tearDown() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
    for (MockWebServer exporter : exporters) {
      exporter.shutdown();
    }
  }

  /** A scraper node: one session for its pool and its job watcher. */
  private final class Node {
    final ZooKeeperJobWatcher jobs;
    final Recorder<Set<Member>> members = new Recorder<>();
    final Recorder<List<Targeter>> assignment = new Recorder<>();
    final Map<String, Long> written = new ConcurrentHashMap<>();

    Node(String id) {
      CuratorFramework client = TestZooKeeper.client(server.getConnectString());
      resources.add(client);
      ZooKeeperPool pool = ZooKeeperPool.builder().client(client).id(id).build();
      resources.add(pool);
      pool.watch(members);
      jobs = ZooKeeperJobWatcher.builder().client(client).build();
      resources.add(jobs);
      ConsistentHashTargeter mine =
          ConsistentHashTargeter.builder(JobTargets.of(jobs), pool).build();
      mine.watch(assignment);
      Writer writer =
          new Writer() {
            @Override
            public CompletionStage<Void> write(String key, Scrape scrape) {
              written.put(key, System.nanoTime());
              return CompletableFuture.completedFuture(null);
            }

            @Override
            public void close() {}
          };
      Scraper scraper = Scraper.builder(mine, writer).closeTimeout(Duration.ofSeconds(2)).build();
      resources.add(scraper);
      pool.start();
      jobs.start();
      scraper.start();
    }

    Set<String> owned() {
      List<Targeter> last = assignment.last();
      return last == null ? Set.of() : last.stream().map(Targeter::key).collect(Collectors.toSet());
    }

    Set<String> writtenSince(long mark) {
      return written.entrySet().stream()
          .filter(e -> e.getValue() - mark >= 0)
          .map(Map.Entry::getKey)
          .collect(Collectors.toSet());
    }
  }

  private String webJob(int targets) {
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < targets; i++) {
      addresses.add("'127.0.0.1:" + exporters.get(i).getPort() + "'");
    }
    return "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\nscrape_configs:\n"
        + "  - job_name: web\n    static_configs:\n      - targets: ["
        + String.join(", ", addresses)
        + "]\n";
  }

  private Set<String> keys(int targets) {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < targets; i++) {
      keys.add("web/127.0.0.1:" + exporters.get(i).getPort());
    }
    return keys;
  }

  /**
   * True when every node sees all the nodes as members and they own disjoint sets of targets whose
   * union is {@code keys}.
   */
  private static boolean split(List<Node> nodes, Set<String> keys) {
    Set<String> union = new HashSet<>();
    int total = 0;
    for (Node n : nodes) {
      Set<Member> members = n.members.last();
      if (members == null || members.size() != nodes.size()) {
        return false;
      }
      union.addAll(n.owned());
      total += n.owned().size();
    }
    return total == keys.size() && union.equals(keys);
  }

  @Test
  void aJobWrittenToTheStoreIsScrapedOnceAcrossTheNodesAndFollowsItsChanges() throws Exception {
    Node a = new Node("a");
    Node b = new Node("b");
    List<Node> nodes = List.of(a, b);

    store.set(WEB, webJob(6));

    await().atMost(DEADLINE).until(() -> split(nodes, keys(6)));
    long mark = System.nanoTime();
    for (Node n : nodes) {
      await().atMost(DEADLINE).until(() -> n.writtenSince(mark).containsAll(n.owned()));
    }

    // An update: two targets leave, on every node.
    store.set(WEB, webJob(4));
    await().atMost(DEADLINE).until(() -> split(nodes, keys(4)));

    // Bad YAML written past the store: the last good job keeps running, the error is counted.
    CuratorFramework raw = TestZooKeeper.client(server.getConnectString());
    resources.add(raw);
    raw.setData().forPath("/vulcan/scraper/jobs/web", "scrape_configs: [".getBytes(UTF_8));
    await().atMost(DEADLINE).until(() -> a.jobs.errorCount() == 1 && b.jobs.errorCount() == 1);
    long afterBad = System.nanoTime();
    for (Node n : nodes) {
      await().atMost(DEADLINE).until(() -> n.writtenSince(afterBad).containsAll(n.owned()));
    }
    assertThat(split(nodes, keys(4))).isTrue();

    // Deleted: nobody scrapes it any more.
    store.delete(WEB);
    await().atMost(DEADLINE).until(() -> a.owned().isEmpty() && b.owned().isEmpty());
  }
}
