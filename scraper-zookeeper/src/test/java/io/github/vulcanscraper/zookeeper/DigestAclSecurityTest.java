package io.github.vulcanscraper.zookeeper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.core.http.Secret;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.ZooDefs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With digest ACLs, a client without the credentials (anonymous, or another digest identity) can
 * read jobs and the pool but can neither change nor delete a job, nor remove or overwrite another
 * node's registration: ZooKeeper answers NoAuth, through {@link JobStore} and through raw Curator.
 */
final class DigestAclSecurityTest {
  private static final JobName NODE = JobName.of("node");
  private static final String JOB_PATH = "/secure/scraper/jobs/node";
  private static final String MEMBER_PATH = "/secure/scraper/scrapers/a";

  private final List<AutoCloseable> resources = new ArrayList<>();
  private TestingServer server;

  @BeforeEach
  void setUp() throws Exception {
    server = TestZooKeeper.server();
    resources.add(server);
    JobStore admin =
        JobStore.builder()
            .connectString(server.getConnectString())
            .digest("vulcan", Secret.of("s3cret"))
            .root("/secure")
            .parser(new TestJobParser())
            .build();
    resources.add(admin);
    admin.start();
    admin.set(NODE, TestJobParser.yaml("node", "h1:9100"));
    ZooKeeperPool pool =
        ZooKeeperPool.builder()
            .connectString(server.getConnectString())
            .digest("vulcan", Secret.of("s3cret"))
            .root("/secure")
            .id("a")
            .build();
    resources.add(pool);
    pool.start();
  }

  @AfterEach
  void tearDown() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  private CuratorFramework client(String scheme, String credentials) {
    CuratorFrameworkFactory.Builder b =
        CuratorFrameworkFactory.builder()
            .connectString(server.getConnectString())
            .retryPolicy(new RetryOneTime(100))
            .connectionTimeoutMs(5_000)
            .sessionTimeoutMs(5_000);
    if (!scheme.isEmpty()) {
      b.authorization(scheme, credentials.getBytes(StandardCharsets.UTF_8));
    }
    CuratorFramework c = b.build();
    resources.add(c);
    c.start();
    return c;
  }

  private CuratorFramework anonymous() {
    return client("", "");
  }

  private List<CuratorFramework> outsiders() {
    return List.of(anonymous(), client("digest", "vulcan:wrong"), client("digest", "eve:s3cret"));
  }

  @Test
  void aClientWithoutTheCredentialsCannotChangeOrDeleteAJob() throws Exception {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> anonymous().checkExists().forPath(MEMBER_PATH) != null);
    for (CuratorFramework outsider : outsiders()) {
      JobStore store =
          JobStore.builder().client(outsider).root("/secure").parser(new TestJobParser()).build();
      store.start();
      assertThat(store.get(NODE)).isPresent();
      assertThatThrownBy(() -> store.set(NODE, TestJobParser.yaml("node", "evil:1")))
          .isInstanceOf(JobStoreException.class)
          .hasMessageContaining("not authorized")
          .hasMessageNotContaining("s3cret");
      assertThatThrownBy(() -> store.delete(NODE))
          .isInstanceOf(JobStoreException.class)
          .hasMessageContaining("not authorized");
      assertThatThrownBy(() -> outsider.setData().forPath(JOB_PATH, "x".getBytes()))
          .isInstanceOf(KeeperException.NoAuthException.class);
      assertThatThrownBy(() -> outsider.delete().forPath(JOB_PATH))
          .isInstanceOf(KeeperException.NoAuthException.class);
      assertThatThrownBy(() -> outsider.create().forPath("/secure/scraper/jobs/evil", new byte[0]))
          .isInstanceOf(KeeperException.NoAuthException.class);
      assertThatThrownBy(
              () -> outsider.setACL().withACL(ZooDefs.Ids.OPEN_ACL_UNSAFE).forPath(JOB_PATH))
          .isInstanceOf(KeeperException.NoAuthException.class);
    }
    assertThat(new String(anonymous().getData().forPath(JOB_PATH), StandardCharsets.UTF_8))
        .contains("h1:9100");
  }

  @Test
  void aClientWithoutTheCredentialsCannotRemoveOrOverwriteANodesRegistration() throws Exception {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> anonymous().checkExists().forPath(MEMBER_PATH) != null);
    for (CuratorFramework outsider : outsiders()) {
      assertThatThrownBy(() -> outsider.delete().forPath(MEMBER_PATH))
          .isInstanceOf(KeeperException.NoAuthException.class);
      assertThatThrownBy(() -> outsider.setData().forPath(MEMBER_PATH, "{}".getBytes()))
          .isInstanceOf(KeeperException.NoAuthException.class);
      assertThatThrownBy(() -> outsider.delete().forPath("/secure/scraper/scrapers"))
          .isInstanceOf(KeeperException.class);
    }
    assertThat(anonymous().getChildren().forPath("/secure/scraper/scrapers")).containsExactly("a");
  }
}
