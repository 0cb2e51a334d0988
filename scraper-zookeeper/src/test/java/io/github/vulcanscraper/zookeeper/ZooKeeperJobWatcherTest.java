package io.github.vulcanscraper.zookeeper;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vulcanscraper.api.Job;
import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.api.Targeter;
import io.github.vulcanscraper.discovery.ScrapeConfigJob;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.test.TestingServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class ZooKeeperJobWatcherTest {
  private static final Duration DEADLINE = Duration.ofSeconds(15);
  private static final String JOBS = "/vulcan/scraper/jobs";

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

  private ZooKeeperJobWatcher watcher(Recorder<List<Job>> recorder) {
    CuratorFramework own = TestZooKeeper.client(server.getConnectString());
    resources.add(own);
    ZooKeeperJobWatcher watcher =
        ZooKeeperJobWatcher.builder().client(own).parser(new TestJobParser()).build();
    resources.add(watcher);
    watcher.watch(recorder);
    watcher.start();
    return watcher;
  }

  private static @Nullable List<String> describe(@Nullable List<Job> jobs) {
    return jobs == null ? null : jobs.stream().map(Job::toString).collect(Collectors.toList());
  }

  @Test
  void deliversAnEmptyListFirstWhenThereAreNoJobs() {
    Recorder<List<Job>> seen = new Recorder<>();
    watcher(seen);

    await().atMost(DEADLINE).until(() -> seen.last() != null);
    assertThat(seen.snapshots.get(0)).isEmpty();
  }

  @Test
  void jobsSetUpdatedAndDeletedAreSeenByEveryWatcher() throws Exception {
    List<Recorder<List<Job>>> watchers =
        List.of(new Recorder<>(), new Recorder<>(), new Recorder<>());
    watchers.forEach(this::watcher);

    store.set(JobName.of("a"), TestJobParser.yaml("a", "h1:9100"));
    store.set(JobName.of("b"), TestJobParser.yaml("b", "h2:9100"));
    for (Recorder<List<Job>> seen : watchers) {
      await()
          .atMost(DEADLINE)
          .until(() -> List.of("a[h1:9100]", "b[h2:9100]").equals(describe(seen.last())));
    }

    store.set(JobName.of("a"), TestJobParser.yaml("a", "h1:9100", "h3:9100"));
    for (Recorder<List<Job>> seen : watchers) {
      await()
          .atMost(DEADLINE)
          .until(() -> List.of("a[h1:9100, h3:9100]", "b[h2:9100]").equals(describe(seen.last())));
    }

    store.delete(JobName.of("b"));
    for (Recorder<List<Job>> seen : watchers) {
      await()
          .atMost(DEADLINE)
          .until(() -> List.of("a[h1:9100, h3:9100]").equals(describe(seen.last())));
    }
  }

  @Test
  void anUnchangedJobIsDeliveredAsTheSameInstance() throws Exception {
    Recorder<List<Job>> seen = new Recorder<>();
    watcher(seen);
    store.set(JobName.of("a"), TestJobParser.yaml("a", "h1:9100"));
    store.set(JobName.of("b"), TestJobParser.yaml("b", "h2:9100"));
    await().atMost(DEADLINE).until(() -> seen.last() != null && seen.latest().size() == 2);
    Job a = seen.latest().get(0);
    Job b = seen.latest().get(1);

    store.set(JobName.of("b"), TestJobParser.yaml("b", "h2:9100", "h4:9100"));
    await().atMost(DEADLINE).until(() -> !seen.latest().get(1).equals(b));
    assertThat(seen.latest().get(0)).isSameAs(a);

    // A rewrite that parses to an equal job changes nothing, not even the instance.
    int count = seen.snapshots.size();
    Job b2 = seen.latest().get(1);
    store.set(
        JobName.of("b"),
        "# same job, new comment\n" + TestJobParser.yaml("b", "h2:9100", "h4:9100"));
    store.set(JobName.of("c"), TestJobParser.yaml("c", "h5:9100"));
    await().atMost(DEADLINE).until(() -> seen.latest().size() == 3);
    assertThat(seen.snapshots).hasSize(count + 1);
    assertThat(seen.latest().get(0)).isSameAs(a);
    assertThat(seen.latest().get(1)).isSameAs(b2);
  }

  @Test
  void badYamlWrittenPastTheStoreKeepsTheLastGoodJobAndIsReported() throws Exception {
    Recorder<List<Job>> seen = new Recorder<>();
    ZooKeeperJobWatcher watcher = watcher(seen);
    store.set(JobName.of("a"), TestJobParser.yaml("a", "h1:9100"));
    store.set(JobName.of("b"), TestJobParser.yaml("b", "h2:9100"));
    await().atMost(DEADLINE).until(() -> seen.last() != null && seen.latest().size() == 2);
    List<Job> good = seen.latest();

    client.setData().forPath(JOBS + "/a", "scrape_configs: [ {job_name: a\n".getBytes(UTF_8));
    await().atMost(DEADLINE).until(() -> seen.errors.size() == 1);

    assertThat(seen.errors.get(0))
        .isInstanceOf(InvalidJobException.class)
        .hasMessageStartingWith("job \"a\": invalid YAML at line");
    assertThat(((InvalidJobException) seen.errors.get(0)).job()).isEqualTo("a");
    assertThat(watcher.errorCount()).isEqualTo(1);
    // Still the last good list: the change to b below is delivered with a unchanged.
    store.set(JobName.of("b"), TestJobParser.yaml("b", "h9:9100"));
    await()
        .atMost(DEADLINE)
        .until(() -> List.of("a[h1:9100]", "b[h9:9100]").equals(describe(seen.last())));
    assertThat(seen.latest().get(0)).isSameAs(good.get(0));

    // Fixed: the new version replaces the last good one.
    store.set(JobName.of("a"), TestJobParser.yaml("a", "h7:9100"));
    await()
        .atMost(DEADLINE)
        .until(() -> List.of("a[h7:9100]", "b[h9:9100]").equals(describe(seen.last())));
  }

  @Test
  void aBadJobThatWasNeverGoodStaysAbsent() throws Exception {
    Recorder<List<Job>> seen = new Recorder<>();
    ZooKeeperJobWatcher watcher = watcher(seen);
    store.set(JobName.of("a"), TestJobParser.yaml("a", "h1:9100"));
    client
        .create()
        .forPath(JOBS + "/other", TestJobParser.yaml("not-other", "h2:9100").getBytes(UTF_8));

    await().atMost(DEADLINE).until(() -> seen.errors.size() == 1);
    assertThat(seen.errors.get(0))
        .hasMessage("job \"other\": job_name \"not-other\" differs from the node's name \"other\"");
    assertThat(describe(seen.last())).containsExactly("a[h1:9100]");
    assertThat(watcher.errorCount()).isEqualTo(1);
  }

  @Test
  void aNewSubscriptionReceivesTheErrorsStandingAtTheTime() throws Exception {
    Recorder<List<Job>> first = new Recorder<>();
    ZooKeeperJobWatcher watcher = watcher(first);
    client.create().creatingParentsIfNeeded().forPath(JOBS + "/x", new byte[] {(byte) 0xff, 0});
    await().atMost(DEADLINE).until(() -> first.errors.size() == 1);

    Recorder<List<Job>> late = new Recorder<>();
    watcher.watch(late);

    await().atMost(DEADLINE).until(() -> late.errors.size() == 1);
    assertThat(late.snapshots).containsExactly(List.of());
    assertThat(late.errors.get(0)).hasMessage("job \"x\": the node's data is not UTF-8 text");
  }

  @Test
  void aClosedSubscriptionReceivesNothingMore() throws Exception {
    Recorder<List<Job>> kept = new Recorder<>();
    Recorder<List<Job>> dropped = new Recorder<>();
    ZooKeeperJobWatcher watcher = watcher(kept);
    watcher.watch(dropped).close();
    store.set(JobName.of("a"), TestJobParser.yaml("a", "h1:9100"));

    await().atMost(DEADLINE).until(() -> kept.last() != null && kept.latest().size() == 1);
    assertThat(dropped.snapshots).isEmpty();
  }

  @Test
  void keepsTheLastJobsWhileTheStoreIsDownAndCatchesUpAfter() throws Exception {
    Recorder<List<Job>> seen = new Recorder<>();
    watcher(seen);
    store.set(JobName.of("a"), TestJobParser.yaml("a", "h1:9100"));
    await().atMost(DEADLINE).until(() -> List.of("a[h1:9100]").equals(describe(seen.last())));
    int count = seen.snapshots.size();

    server.stop();
    // Past the 2 s session timeout: sessions are lost, and the job list stays as it was.
    await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(6))
        .until(() -> seen.snapshots.size() == count && seen.errors.isEmpty());
    server.restart();

    try (CuratorFramework writer = TestZooKeeper.client(server.getConnectString())) {
      JobStore other = JobStore.builder().client(writer).parser(new TestJobParser()).build();
      other.start();
      other.set(JobName.of("b"), TestJobParser.yaml("b", "h2:9100"));
    }
    await()
        .atMost(DEADLINE)
        .until(() -> List.of("a[h1:9100]", "b[h2:9100]").equals(describe(seen.last())));
  }

  @Test
  void theDefaultParserMakesJobsThatFollowTheirServiceDiscovery() throws Exception {
    CuratorFramework own = TestZooKeeper.client(server.getConnectString());
    resources.add(own);
    ZooKeeperJobWatcher watcher = ZooKeeperJobWatcher.builder().client(own).build();
    resources.add(watcher);
    Recorder<List<Job>> seen = new Recorder<>();
    watcher.watch(seen);
    watcher.start();
    JobStore plain = JobStore.builder().client(client).build();
    plain.start();

    plain.set(
        JobName.of("node"),
        "global:\n  scrape_interval: 15s\nscrape_configs:\n  - job_name: node\n"
            + "    static_configs:\n      - targets: ['127.0.0.1:9100', '127.0.0.1:9101']\n");

    await().atMost(DEADLINE).until(() -> seen.last() != null && seen.latest().size() == 1);
    Job job = seen.latest().get(0);
    assertThat(job).isInstanceOf(ScrapeConfigJob.class);
    assertThat(job.name()).isEqualTo(JobName.of("node"));
    Recorder<List<Targeter>> targets = new Recorder<>();
    try (Subscription s = job.watch(targets)) {
      await().atMost(DEADLINE).until(() -> targets.last() != null);
      assertThat(targets.latest())
          .extracting(Targeter::key)
          .containsExactly("node/127.0.0.1:9100", "node/127.0.0.1:9101");
      assertThat(targets.latest()).allSatisfy(t -> assertThat(t.interval()).hasSeconds(15));
    }
  }

  @Test
  void ignoresJobsBeyondItsLimitAndReportsThem() throws Exception {
    CuratorFramework own = TestZooKeeper.client(server.getConnectString());
    resources.add(own);
    ZooKeeperJobWatcher watcher =
        ZooKeeperJobWatcher.builder().client(own).parser(new TestJobParser()).maxJobs(2).build();
    resources.add(watcher);
    Recorder<List<Job>> seen = new Recorder<>();
    watcher.watch(seen);
    watcher.start();

    store.set(JobName.of("a"), TestJobParser.yaml("a", "h1:9100"));
    store.set(JobName.of("b"), TestJobParser.yaml("b", "h2:9100"));
    store.set(JobName.of("c"), TestJobParser.yaml("c", "h3:9100"));

    await().atMost(DEADLINE).until(() -> watcher.errorCount() == 1);
    await().atMost(DEADLINE).until(() -> seen.last() != null && seen.latest().size() == 2);
    assertThat(describe(seen.latest())).containsExactly("a[h1:9100]", "b[h2:9100]");
    assertThat(seen.errors)
        .singleElement()
        .satisfies(e -> assertThat(e).hasMessageContaining("more than 2 jobs"));
  }
}
