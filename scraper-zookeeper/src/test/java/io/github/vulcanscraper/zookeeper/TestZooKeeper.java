package io.github.vulcanscraper.zookeeper;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryForever;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.curator.test.TestingServer;

/**
 * Real in-process ZooKeeper for tests, on 127.0.0.1 with a 200 ms tick so that sessions of 2 s are
 * allowed and expire promptly.
 */
final class TestZooKeeper {
  static final int TICK_MS = 200;
  static final Duration SESSION_TIMEOUT = Duration.ofSeconds(2);

  private TestZooKeeper() {}

  static InstanceSpec spec(int serverId) {
    return new InstanceSpec(
        null,
        -1,
        -1,
        -1,
        true,
        serverId,
        TICK_MS,
        -1,
        Map.of("clientPortAddress", "127.0.0.1", "maxSessionTimeout", "20000"),
        "127.0.0.1");
  }

  /** A started single server. */
  static TestingServer server() throws Exception {
    return new TestingServer(spec(-1), true);
  }

  /** A started ensemble of this many servers. */
  static TestingCluster cluster(int size) throws Exception {
    List<InstanceSpec> specs = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      specs.add(spec(i));
    }
    TestingCluster cluster = new TestingCluster(specs);
    cluster.start();
    return cluster;
  }

  /** A started client with a 2 s session that retries forever (the store may be down a while). */
  static CuratorFramework client(String connectString) {
    return client(connectString, SESSION_TIMEOUT);
  }

  /** A started client with this session timeout that retries forever. */
  static CuratorFramework client(String connectString, Duration sessionTimeout) {
    CuratorFramework client =
        CuratorFrameworkFactory.builder()
            .connectString(connectString)
            .sessionTimeoutMs((int) sessionTimeout.toMillis())
            .connectionTimeoutMs(1_000)
            .retryPolicy(new RetryForever(100))
            .build();
    client.start();
    return client;
  }
}
