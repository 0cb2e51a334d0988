package io.github.vulcanscraper.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.vulcanscraper.api.Member;
import io.github.vulcanscraper.core.http.Secret;
import io.github.vulcanscraper.testkit.PartitionProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.KillSession;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

final class ZooKeeperPoolTest {
  private static final Duration DEADLINE = Duration.ofSeconds(15);

  /**
   * Sessions that outlive a leader election: the server stopped may be the leader, and the ensemble
   * answers no one until it has elected another (a few seconds on a busy machine).
   */
  private static final Duration ENSEMBLE_SESSION = Duration.ofSeconds(10);

  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void tearDown() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  /** One scraper node: its own client (its own session), its pool and what it was told. */
  private final class Node {
    final CuratorFramework client;
    final ZooKeeperPool pool;
    final Recorder<Set<Member>> seen = new Recorder<>();

    Node(String connectString, String id) {
      this(connectString, id, TestZooKeeper.SESSION_TIMEOUT);
    }

    Node(String connectString, String id, Duration sessionTimeout) {
      client = TestZooKeeper.client(connectString, sessionTimeout);
      resources.add(client);
      pool = ZooKeeperPool.builder().client(client).id(id).build();
      resources.add(pool);
      pool.watch(seen);
      pool.start();
    }

    Set<String> ids() {
      Set<Member> last = seen.last();
      return last == null ? Set.of() : last.stream().map(Member::id).collect(Collectors.toSet());
    }
  }

  private Node node(String connectString, String id) {
    return new Node(connectString, id);
  }

  private TestingServer server() throws Exception {
    TestingServer server = TestZooKeeper.server();
    resources.add(server);
    return server;
  }

  @Test
  void threeMembersSeeTheSameMemberSet() throws Exception {
    TestingServer server = server();
    List<Node> nodes =
        List.of(
            node(server.getConnectString(), "a"),
            node(server.getConnectString(), "b"),
            node(server.getConnectString(), "c"));

    for (Node n : nodes) {
      await().atMost(DEADLINE).until(() -> n.ids().equals(Set.of("a", "b", "c")));
    }
  }

  @Test
  void aJoiningMemberIsSeenByEveryone() throws Exception {
    TestingServer server = server();
    Node a = node(server.getConnectString(), "a");
    Node b = node(server.getConnectString(), "b");
    await().atMost(DEADLINE).until(() -> a.ids().equals(Set.of("a", "b")));

    Node c = node(server.getConnectString(), "c");

    for (Node n : List.of(a, b, c)) {
      await().atMost(DEADLINE).until(() -> n.ids().equals(Set.of("a", "b", "c")));
    }
  }

  @Test
  void aClosedMemberIsGoneForItsPeersWithinASecond() throws Exception {
    TestingServer server = server();
    Node a = node(server.getConnectString(), "a");
    Node b = node(server.getConnectString(), "b");
    Node c = node(server.getConnectString(), "c");
    for (Node n : List.of(a, b, c)) {
      await().atMost(DEADLINE).until(() -> n.ids().equals(Set.of("a", "b", "c")));
    }

    // The client, and so the session, stays open: only the explicit deletion can tell the peers.
    c.pool.close();

    await().atMost(Duration.ofSeconds(1)).until(() -> a.ids().equals(Set.of("a", "b")));
    await().atMost(Duration.ofSeconds(1)).until(() -> b.ids().equals(Set.of("a", "b")));
  }

  @Test
  void aPartitionedMemberIsGoneForItsPeersAfterTheSessionTimeoutThenRejoins() throws Exception {
    TestingServer server = server();
    PartitionProxy proxy = new PartitionProxy(server.getPort());
    resources.add(proxy);
    Node a = node(server.getConnectString(), "a");
    Node b = node(server.getConnectString(), "b");
    Node c = node(proxy.connectString(), "c");
    for (Node n : List.of(a, b, c)) {
      await().atMost(DEADLINE).until(() -> n.ids().equals(Set.of("a", "b", "c")));
    }

    long cutOff = System.nanoTime();
    proxy.partition();

    await().atMost(DEADLINE).until(() -> a.ids().equals(Set.of("a", "b")));
    long gone = System.nanoTime() - cutOff;
    await().atMost(DEADLINE).until(() -> b.ids().equals(Set.of("a", "b")));
    // Not deleted: the server expired the silent session (heartbeats every third of the timeout).
    assertThat(Duration.ofNanos(gone)).isGreaterThan(TestZooKeeper.SESSION_TIMEOUT.dividedBy(2));
    // Cut off, c keeps its last member set (with itself in it): it scrapes its last assignment.
    assertThat(c.ids()).isEqualTo(Set.of("a", "b", "c"));

    proxy.heal();

    for (Node n : List.of(a, b, c)) {
      await().atMost(DEADLINE).until(() -> n.ids().equals(Set.of("a", "b", "c")));
    }
    assertThat(c.seen.snapshots)
        .allSatisfy(s -> assertThat(s).extracting(Member::id).contains("c"));
  }

  @Test
  void aMemberWhoseSessionExpiresReRegistersInItsNewSession() throws Exception {
    TestingServer server = server();
    Node a = node(server.getConnectString(), "a");
    Node b = node(server.getConnectString(), "b");
    Node c = node(server.getConnectString(), "c");
    for (Node n : List.of(a, b, c)) {
      await().atMost(DEADLINE).until(() -> n.ids().equals(Set.of("a", "b", "c")));
    }
    long oldSession = c.client.getZookeeperClient().getZooKeeper().getSessionId();

    // The client is told its session expired and opens a new one; the PersistentNode recipe
    // registers the node again in it (whether peers glimpse the gap depends on timing: the
    // partition test above shows a real expiry).
    KillSession.kill(c.client.getZookeeperClient().getZooKeeper());

    await()
        .atMost(DEADLINE)
        .until(
            () -> {
              long session = c.client.getZookeeperClient().getZooKeeper().getSessionId();
              Stat stat = a.client.checkExists().forPath("/vulcan/scraper/scrapers/c");
              return session != oldSession && stat != null && stat.getEphemeralOwner() == session;
            });
    for (Node n : List.of(a, b, c)) {
      await().atMost(DEADLINE).until(() -> n.ids().equals(Set.of("a", "b", "c")));
    }
    // The expired node itself never dropped itself from its own view.
    assertThat(c.seen.snapshots)
        .allSatisfy(s -> assertThat(s).extracting(Member::id).contains("c"));
  }

  @Test
  void oneEnsembleMemberOfThreeStoppingChangesNothing() throws Exception {
    TestingCluster cluster = TestZooKeeper.cluster(3);
    resources.add(cluster);
    List<Node> nodes =
        List.of(
            new Node(cluster.getConnectString(), "a", ENSEMBLE_SESSION),
            new Node(cluster.getConnectString(), "b", ENSEMBLE_SESSION),
            new Node(cluster.getConnectString(), "c", ENSEMBLE_SESSION));
    for (Node n : nodes) {
      await().atMost(DEADLINE).until(() -> n.ids().equals(Set.of("a", "b", "c")));
    }
    List<Integer> counts =
        nodes.stream().map(n -> n.seen.snapshots.size()).collect(Collectors.toList());

    InstanceSpec victim =
        cluster.findConnectionInstance(nodes.get(0).client.getZookeeperClient().getZooKeeper());
    assertThat(cluster.killServer(victim)).isTrue();

    await()
        .atMost(DEADLINE)
        .until(() -> nodes.stream().allMatch(n -> n.client.getZookeeperClient().isConnected()));
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(6))
        .until(
            () ->
                nodes.stream()
                    .map(n -> n.seen.snapshots.size())
                    .collect(Collectors.toList())
                    .equals(counts));
  }

  @Test
  void theWholeStoreStoppingKeepsEverySnapshotAndTheyRecover() throws Exception {
    TestingServer server = server();
    List<Node> nodes =
        List.of(
            node(server.getConnectString(), "a"),
            node(server.getConnectString(), "b"),
            node(server.getConnectString(), "c"));
    for (Node n : nodes) {
      await().atMost(DEADLINE).until(() -> n.ids().equals(Set.of("a", "b", "c")));
    }
    List<Integer> counts =
        nodes.stream().map(n -> n.seen.snapshots.size()).collect(Collectors.toList());

    server.stop();
    // Longer than the session timeout: every client goes SUSPENDED, then LOST.
    await()
        .during(Duration.ofSeconds(4))
        .atMost(Duration.ofSeconds(8))
        .until(
            () ->
                nodes.stream()
                    .map(n -> n.seen.snapshots.size())
                    .collect(Collectors.toList())
                    .equals(counts));
    server.restart();

    for (Node n : nodes) {
      await().atMost(DEADLINE).until(() -> n.ids().equals(Set.of("a", "b", "c")));
    }
    try (CuratorFramework observer = TestZooKeeper.client(server.getConnectString())) {
      await()
          .atMost(DEADLINE)
          .until(
              () ->
                  Set.copyOf(observer.getChildren().forPath("/vulcan/scraper/scrapers"))
                      .equals(Set.of("a", "b", "c")));
    }
    for (Node n : nodes) {
      assertThat(n.seen.snapshots)
          .allSatisfy(s -> assertThat(s).extracting(Member::id).contains(n.pool.id()));
    }
  }

  @Test
  void peersSeeWeightAndAttributesFromTheNodeData() throws Exception {
    TestingServer server = server();
    CuratorFramework client = TestZooKeeper.client(server.getConnectString());
    resources.add(client);
    ZooKeeperPool heavy =
        ZooKeeperPool.builder()
            .client(client)
            .id("heavy")
            .weight(2.5)
            .host("h1")
            .version("1.2")
            .build();
    resources.add(heavy);
    heavy.start();
    Node peer = node(server.getConnectString(), "peer");

    await()
        .atMost(DEADLINE)
        .until(
            () ->
                peer.seen.last() != null
                    && peer.seen
                        .latest()
                        .contains(Member.of("heavy", 2.5, Map.of("host", "h1", "version", "1.2"))));
    assertThat(heavy.member())
        .isEqualTo(Member.of("heavy", 2.5, Map.of("host", "h1", "version", "1.2")));
  }

  @Test
  void aForeignNodeWithoutJsonCountsWithWeightOne() throws Exception {
    TestingServer server = server();
    Node a = node(server.getConnectString(), "a");
    a.client
        .create()
        .creatingParentsIfNeeded()
        .forPath("/vulcan/scraper/scrapers/go-node", "10.0.0.1".getBytes());

    await().atMost(DEADLINE).until(() -> a.ids().equals(Set.of("a", "go-node")));
    assertThat(a.seen.last()).contains(Member.of("go-node"));
  }

  @Test
  void deregisterRemovesTheNodeAndFreezesTheLastSnapshot() throws Exception {
    TestingServer server = server();
    Node a = node(server.getConnectString(), "a");
    Node b = node(server.getConnectString(), "b");
    await().atMost(DEADLINE).until(() -> a.ids().equals(Set.of("a", "b")));

    assertThat(a.pool.deregister()).isTrue();

    assertThat(a.pool.isRegistered()).isFalse();
    assertThat(a.client.checkExists().forPath("/vulcan/scraper/scrapers/a")).isNull();
    await().atMost(DEADLINE).until(() -> b.ids().equals(Set.of("b")));
    node(server.getConnectString(), "c");
    await().atMost(DEADLINE).until(() -> b.ids().equals(Set.of("b", "c")));
    assertThat(a.ids()).isEqualTo(Set.of("a", "b"));
  }

  @Test
  void ownsAClientBuiltFromAConnectString() throws Exception {
    TestingServer server = server();
    ZooKeeperPool pool =
        ZooKeeperPool.builder()
            .connectString(server.getConnectString())
            .sessionTimeout(TestZooKeeper.SESSION_TIMEOUT)
            .root("/custom/root")
            .id("own")
            .build();
    resources.add(pool);
    Recorder<Set<Member>> seen = new Recorder<>();
    pool.watch(seen);
    pool.start();

    await().atMost(DEADLINE).until(() -> Set.of(Member.of("own")).equals(seen.last()));
    try (CuratorFramework observer = TestZooKeeper.client(server.getConnectString())) {
      assertThat(observer.checkExists().forPath("/custom/root/scraper/scrapers/own")).isNotNull();
      pool.close();
      assertThat(observer.checkExists().forPath("/custom/root/scraper/scrapers/own")).isNull();
    }
  }

  @Test
  void aDigestIdentityOwnsTheScrapersFolderAndItsNode() throws Exception {
    TestingServer server = server();
    ZooKeeperPool pool =
        ZooKeeperPool.builder()
            .connectString(server.getConnectString())
            .digest("scraper", Secret.of("s3cret"))
            .id("secure")
            .build();
    resources.add(pool);
    pool.start();
    CuratorFramework observer = TestZooKeeper.client(server.getConnectString());
    resources.add(observer);
    await()
        .atMost(DEADLINE)
        .until(() -> observer.checkExists().forPath("/vulcan/scraper/scrapers/secure") != null);

    for (String path : List.of("/vulcan/scraper/scrapers", "/vulcan/scraper/scrapers/secure")) {
      List<ACL> acl = observer.getACL().forPath(path);
      assertThat(acl)
          .extracting(a -> a.getId().getScheme() + ":" + a.getPerms())
          .containsExactlyInAnyOrder("digest:" + ZooDefs.Perms.ALL, "world:" + ZooDefs.Perms.READ);
    }
    // Peers read the pool without credentials; nobody else can register in it.
    assertThat(observer.getChildren().forPath("/vulcan/scraper/scrapers"))
        .containsExactly("secure");
    assertThatThrownBy(() -> observer.create().forPath("/vulcan/scraper/scrapers/intruder"))
        .isInstanceOf(KeeperException.NoAuthException.class);
  }

  @Test
  void startsOnceAndClosesIdempotently() throws Exception {
    TestingServer server = server();
    ZooKeeperPool pool = ZooKeeperPool.builder().connectString(server.getConnectString()).build();
    pool.start();

    assertThatThrownBy(pool::start).isInstanceOf(IllegalStateException.class);
    pool.close();
    pool.close();
    assertThatThrownBy(pool::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void buildersRejectBadSettingsNamingTheValue() {
    assertThatThrownBy(() -> ZooKeeperPool.builder().weight(0))
        .hasMessage("weight must be positive and finite: 0.0");
    assertThatThrownBy(() -> ZooKeeperPool.builder().id("a/b"))
        .hasMessage("id must be a ZooKeeper node name: \"a/b\"");
    assertThatThrownBy(() -> ZooKeeperPool.builder().root("vulcan"))
        .hasMessage("root must be an absolute ZooKeeper path: \"vulcan\"");
    assertThatThrownBy(() -> ZooKeeperPool.builder().build())
        .hasMessageContaining("exactly one of client(...) and connectString(...)");
    assertThatThrownBy(() -> ZooKeeperPool.builder().sessionTimeout(Duration.ZERO))
        .hasMessage("session timeout must be between 1 ms and 24 days: PT0S");
  }
}
