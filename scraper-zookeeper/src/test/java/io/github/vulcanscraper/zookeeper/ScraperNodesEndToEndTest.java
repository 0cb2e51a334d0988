package io.github.vulcanscraper.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.api.Member;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.Scrape;
import io.github.vulcanscraper.api.ScrapeException;
import io.github.vulcanscraper.api.Targeter;
import io.github.vulcanscraper.api.Writer;
import io.github.vulcanscraper.core.ConsistentHashTargeter;
import io.github.vulcanscraper.core.Scraper;
import io.github.vulcanscraper.core.StaticJob;
import io.github.vulcanscraper.core.exposition.ExpositionException;
import io.github.vulcanscraper.core.exposition.ExpositionFormat;
import io.github.vulcanscraper.core.exposition.ExpositionParser;
import io.github.vulcanscraper.testkit.PartitionProxy;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.test.TestingServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scraper nodes (Scraper + ConsistentHashTargeter + ZooKeeperPool) over one store, scraping real
 * HTTP exporters into a recording writer.
 */
final class ScraperNodesEndToEndTest {
  private static final Duration DEADLINE = Duration.ofSeconds(15);
  private static final JobName JOB = JobName.of("e2e");
  private static final int TARGETS = 24;
  private static final OkHttpClient HTTP = new OkHttpClient();

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final List<MockWebServer> exporters = new ArrayList<>();
  private TestingServer store;
  private StaticJob job;
  private Set<String> allKeys;

  @BeforeEach
  void setUp() throws Exception {
    store = TestZooKeeper.server();
    resources.add(store);
    List<Targeter> targets = new ArrayList<>();
    for (int e = 0; e < 3; e++) {
      MockWebServer exporter = new MockWebServer();
      exporter.setDispatcher(
          new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
              return new MockResponse()
                  .setHeader("Content-Type", "text/plain; version=0.0.4")
                  .setBody("# TYPE test_up gauge\ntest_up 1\n");
            }
          });
      exporter.start(java.net.InetAddress.getByName("127.0.0.1"), 0);
      exporters.add(exporter);
    }
    for (int i = 0; i < TARGETS; i++) {
      MockWebServer exporter = exporters.get(i % exporters.size());
      targets.add(new ExporterTarget(exporter.url("/metrics/" + i).toString()));
    }
    job = StaticJob.of(JOB, targets);
    allKeys = targets.stream().map(Targeter::key).collect(Collectors.toSet());
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

  /** One scraper node with its own ZooKeeper session. */
  private final class Node {
    final String id;
    final CuratorFramework client;
    final ZooKeeperPool pool;
    final Recorder<Set<Member>> members = new Recorder<>();
    final Recorder<List<Targeter>> assignment = new Recorder<>();
    final RecordingWriter writer = new RecordingWriter();
    final Scraper scraper;
    volatile boolean sessionLost;

    Node(String id) {
      this(id, store.getConnectString());
    }

    Node(String id, String connectString) {
      this.id = id;
      client = TestZooKeeper.client(connectString);
      resources.add(client);
      client
          .getConnectionStateListenable()
          .addListener((c, state) -> sessionLost |= state == ConnectionState.LOST);
      pool = ZooKeeperPool.builder().client(client).id(id).build();
      resources.add(pool);
      pool.watch(members);
      ConsistentHashTargeter mine = ConsistentHashTargeter.builder(job, pool).build();
      mine.watch(assignment);
      scraper = Scraper.builder(mine, writer).closeTimeout(Duration.ofSeconds(2)).build();
      resources.add(scraper);
      pool.start();
      scraper.start();
    }

    Set<String> memberIds() {
      Set<Member> last = members.last();
      return last == null ? Set.of() : last.stream().map(Member::id).collect(Collectors.toSet());
    }

    Set<String> owned() {
      List<Targeter> last = assignment.last();
      return last == null ? Set.of() : last.stream().map(Targeter::key).collect(Collectors.toSet());
    }

    /** Leaves gracefully: deregister, let the peers take over, then stop. */
    void leave(List<Node> peers) {
      pool.deregister();
      await().atMost(DEADLINE).until(() -> covered(peers));
      scraper.close();
      pool.close();
    }
  }

  /**
   * True when each of these nodes sees exactly these nodes as members, and their assignments are
   * disjoint and cover every target.
   */
  private boolean covered(List<Node> nodes) {
    Set<String> ids = nodes.stream().map(n -> n.id).collect(Collectors.toSet());
    Set<String> union = new HashSet<>();
    int total = 0;
    for (Node n : nodes) {
      if (!n.memberIds().equals(ids)) {
        return false;
      }
      Set<String> owned = n.owned();
      union.addAll(owned);
      total += owned.size();
    }
    return total == allKeys.size() && union.equals(allKeys);
  }

  private static Map<String, String> owners(List<Node> nodes) {
    Map<String, String> owners = new HashMap<>();
    for (Node n : nodes) {
      for (String key : n.owned()) {
        owners.put(key, n.id);
      }
    }
    return owners;
  }

  /** Waits until every node has scraped and written every target it owns since {@code mark}. */
  private static void awaitEachScrapesItsOwn(List<Node> nodes) {
    long mark = System.nanoTime();
    for (Node n : nodes) {
      await().atMost(DEADLINE).until(() -> n.writer.writtenSince(mark).containsAll(n.owned()));
    }
  }

  @Test
  void nodesShareTheTargetsAndMoveOnlyWhatMembershipChangesRequire() {
    Node a = new Node("a");
    Node b = new Node("b");
    Node c = new Node("c");
    List<Node> three = List.of(a, b, c);

    await().atMost(DEADLINE).until(() -> covered(three));
    assertThat(three).allSatisfy(n -> assertThat(n.owned()).isNotEmpty());
    awaitEachScrapesItsOwn(three);
    // Only the owner writes a target: after the assignment settled, no one else did.
    long settled = System.nanoTime();
    awaitEachScrapesItsOwn(three);
    for (Node n : three) {
      assertThat(n.writer.writtenSince(settled)).isSubsetOf(n.owned());
    }

    // A node joins: it takes its share, and only from the others; nothing else moves.
    Map<String, String> before = owners(three);
    Node d = new Node("d");
    List<Node> four = List.of(a, b, c, d);
    await().atMost(DEADLINE).until(() -> covered(four));
    Map<String, String> after = owners(four);
    for (String key : allKeys) {
      assertThat(after.get(key)).isIn(before.get(key), "d");
    }
    awaitEachScrapesItsOwn(four);

    // A node leaves: its targets move to the others within a second; nothing else moves.
    Map<String, String> beforeLeave = owners(four);
    List<Node> rest = List.of(a, b, d);
    c.pool.deregister();
    await().atMost(Duration.ofSeconds(1)).until(() -> covered(rest));
    c.scraper.close();
    c.pool.close();
    Map<String, String> afterLeave = owners(rest);
    for (String key : allKeys) {
      if (!"c".equals(beforeLeave.get(key))) {
        assertThat(afterLeave.get(key)).isEqualTo(beforeLeave.get(key));
      }
    }
    awaitEachScrapesItsOwn(rest);
  }

  @Test
  void aGracefulLeaveKeepsScrapingUntilThePeersTookOver() {
    Node a = new Node("a");
    Node b = new Node("b");
    await().atMost(DEADLINE).until(() -> covered(List.of(a, b)));
    Set<String> bOwned = b.owned();

    b.leave(List.of(a));

    // b's assignment was frozen at deregistration; a now scrapes everything.
    assertThat(b.owned()).isEqualTo(bOwned);
    assertThat(a.owned()).isEqualTo(allKeys);
    awaitEachScrapesItsOwn(List.of(a));
  }

  @Test
  void aPartitionedNodesTargetsMoveAfterItsSessionExpiresThenItRejoins() throws Exception {
    PartitionProxy proxy = new PartitionProxy(store.getPort());
    resources.add(proxy);
    Node a = new Node("a");
    Node b = new Node("b");
    Node c = new Node("c", proxy.connectString());
    List<Node> three = List.of(a, b, c);
    await().atMost(DEADLINE).until(() -> covered(three));
    Set<String> cOwned = c.owned();

    proxy.partition();

    // Once the server expires c's session, a and b take c's targets over between them, while c,
    // cut off, keeps scraping its own (the same slots twice rather than a gap)...
    await().atMost(DEADLINE).until(() -> covered(List.of(a, b)));
    awaitEachScrapesItsOwn(three);
    assertThat(c.owned()).isEqualTo(cOwned);

    // ...until it re-registers, and the split is as before.
    proxy.heal();
    await().atMost(DEADLINE).until(() -> covered(three) && c.owned().equals(cOwned));
    awaitEachScrapesItsOwn(three);
  }

  @Test
  void everyNodeKeepsScrapingWhileTheStoreIsDownAndTheyRecover() throws Exception {
    Node a = new Node("a");
    Node b = new Node("b");
    Node c = new Node("c");
    List<Node> three = List.of(a, b, c);
    await().atMost(DEADLINE).until(() -> covered(three));
    Map<String, String> owners = owners(three);

    store.stop();
    // Past the session timeout: every client reports its session LOST; scraping goes on regardless.
    await().atMost(DEADLINE).until(() -> three.stream().allMatch(n -> n.sessionLost));
    awaitEachScrapesItsOwn(three);
    assertThat(owners(three)).isEqualTo(owners);

    store.restart();
    try (CuratorFramework observer = TestZooKeeper.client(store.getConnectString())) {
      await()
          .atMost(DEADLINE)
          .until(
              () ->
                  Set.copyOf(observer.getChildren().forPath("/vulcan/scraper/scrapers"))
                      .equals(Set.of("a", "b", "c")));
    }
    await().atMost(DEADLINE).until(() -> covered(three) && owners(three).equals(owners));
    awaitEachScrapesItsOwn(three);
  }

  /** A recording writer: when each target was last written. */
  private static final class RecordingWriter implements Writer {
    final Map<String, Long> lastWrite = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<Void> write(String key, Scrape scrape) {
      lastWrite.put(key, System.nanoTime());
      return CompletableFuture.completedFuture(null);
    }

    Set<String> writtenSince(long mark) {
      return lastWrite.entrySet().stream()
          .filter(e -> e.getValue() - mark >= 0)
          .map(Map.Entry::getKey)
          .collect(Collectors.toSet());
    }

    @Override
    public void close() {}
  }

  /** A target on a MockWebServer exporter, scraped every 200 ms. */
  private static final class ExporterTarget implements Targeter {
    private final String url;

    ExporterTarget(String url) {
      this.url = url;
    }

    @Override
    public String key() {
      return JOB + "/" + url;
    }

    @Override
    public JobName job() {
      return JOB;
    }

    @Override
    public Duration interval() {
      return Duration.ofMillis(200);
    }

    @Override
    public List<MetricFamily> fetch() throws ScrapeException {
      try (Response response = HTTP.newCall(new Request.Builder().url(url).build()).execute()) {
        return ExpositionParser.of(ExpositionFormat.PROMETHEUS_TEXT).parse(response.body().bytes());
      } catch (IOException | ExpositionException e) {
        throw new ScrapeException("error", e.toString(), e);
      }
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof ExporterTarget && ((ExporterTarget) o).url.equals(url);
    }

    @Override
    public int hashCode() {
      return Objects.hash(url);
    }

    @Override
    public String toString() {
      return url;
    }
  }
}
