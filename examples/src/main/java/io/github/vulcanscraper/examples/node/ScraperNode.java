package io.github.vulcanscraper.examples.node;

import io.github.vulcanscraper.api.Member;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.api.Writer;
import io.github.vulcanscraper.core.ConsistentHashTargeter;
import io.github.vulcanscraper.core.JobTargets;
import io.github.vulcanscraper.core.ScrapeListener;
import io.github.vulcanscraper.core.Scraper;
import io.github.vulcanscraper.core.ScraperMetrics;
import io.github.vulcanscraper.discovery.JobFactory;
import io.github.vulcanscraper.zookeeper.JobParser;
import io.github.vulcanscraper.zookeeper.ZooKeeperJobWatcher;
import io.github.vulcanscraper.zookeeper.ZooKeeperPool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One scraper node of a pool, assembled from the library's parts: a ZooKeeper session shared by a
 * {@link ZooKeeperPool} (this node's membership) and a {@link ZooKeeperJobWatcher} (the jobs), the
 * union of the jobs' targets ({@link JobTargets}), this node's share of them ({@link
 * ConsistentHashTargeter}), and a {@link Scraper} writing to the given {@link Writer}.
 *
 * <pre>{@code
 * try (KafkaWriter writer = KafkaWriter.builder().bootstrapServers("kafka:9092").topic("metrics").build();
 *     ScraperNode node = ScraperNode.builder().zooKeeper("zk:2181").writer(writer).build()) {
 *   node.start();
 *   ... // until shutdown
 * }
 * }</pre>
 *
 * <p>{@link #close()} leaves gracefully: it deregisters first, keeps scraping for the hand-off
 * grace while the peers take the node's targets over, then stops the scraper and the ZooKeeper
 * session. The writer is the caller's: it is flushed by the scraper but not closed. Lifecycle as in
 * Curator: {@link #start()} once, {@link #close()} idempotent. Thread-safe.
 */
public final class ScraperNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ScraperNode.class);

  private enum State {
    LATENT,
    STARTED,
    CLOSED
  }

  private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
  private final CuratorFramework client;
  private final ZooKeeperPool pool;
  private final ZooKeeperJobWatcher jobs;
  private final Scraper scraper;
  private final Duration handOffGrace;
  private volatile Set<Member> members = Set.of();
  private @Nullable Subscription membersSubscription;

  private ScraperNode(Builder b) {
    this.handOffGrace = b.handOffGrace;
    this.client =
        CuratorFrameworkFactory.builder()
            .connectString(Objects.requireNonNull(b.zooKeeper, "zooKeeper connect string"))
            .sessionTimeoutMs((int) b.sessionTimeout.toMillis())
            .connectionTimeoutMs((int) Math.min(b.sessionTimeout.toMillis(), 15_000))
            .retryPolicy(new ExponentialBackoffRetry(200, 10, 5_000))
            .build();
    this.pool = ZooKeeperPool.builder().client(client).root(b.root).id(b.id).build();
    JobFactory.Builder factory = JobFactory.builder();
    b.dnsServers.forEach(factory::dnsServer);
    this.jobs =
        ZooKeeperJobWatcher.builder()
            .client(client)
            .root(b.root)
            .parser(JobParser.standard(factory.build()))
            .build();
    ConsistentHashTargeter mine = ConsistentHashTargeter.builder(JobTargets.of(jobs), pool).build();
    this.scraper =
        Scraper.builder(mine, Objects.requireNonNull(b.writer, "writer"))
            .fetchConcurrency(b.fetchConcurrency)
            .listener(b.listener)
            .build();
  }

  /**
   * A builder; {@link Builder#zooKeeper} and {@link Builder#writer} are required.
   *
   * @return a new builder with the defaults of its setters
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Connects to ZooKeeper, registers in the pool, watches the jobs and starts scraping this node's
   * share. Returns at once; the first assignment follows as soon as the pool and the jobs are read.
   *
   * @throws IllegalStateException when called twice
   */
  public void start() {
    if (!state.compareAndSet(State.LATENT, State.STARTED)) {
      throw new IllegalStateException("cannot start a node that is " + state.get());
    }
    client.start();
    pool.start();
    jobs.start();
    membersSubscription = pool.watch(snapshot -> members = snapshot);
    scraper.start();
    log.info("scraper node {} started", pool.id());
  }

  /**
   * This node's id in the pool.
   *
   * @return the id set with {@link Builder#id}, or the random one
   */
  public String id() {
    return pool.id();
  }

  /**
   * The live members of the pool as this node last saw them.
   *
   * @return the members, unmodifiable; empty until the pool was first read
   */
  public Set<Member> members() {
    return members;
  }

  /**
   * The number of targets this node scrapes now.
   *
   * @return the count of this node's share at this moment
   */
  public int targetCount() {
    return scraper.targetCount();
  }

  /**
   * This node's scraper self-metrics.
   *
   * @return the scraper's metrics, updated live
   */
  public ScraperMetrics metrics() {
    return scraper.metrics();
  }

  /**
   * The number of job definitions in the store that failed to parse so far.
   *
   * @return the count since {@link #start()}
   */
  public long jobErrors() {
    return jobs.errorCount();
  }

  /**
   * Leaves the pool gracefully: deregisters, keeps scraping for the hand-off grace so the peers
   * take over on their next slots, then stops scraping and closes the ZooKeeper session.
   * Idempotent.
   */
  @Override
  public void close() {
    State previous = state.getAndSet(State.CLOSED);
    if (previous == State.CLOSED) {
      return;
    }
    List<Runnable> steps = new ArrayList<>();
    if (previous == State.STARTED) {
      steps.add(this::deregisterAndWait);
    }
    steps.add(scraper::close);
    steps.add(
        () -> {
          Subscription s = membersSubscription;
          if (s != null) {
            s.close();
          }
        });
    steps.add(jobs::close);
    steps.add(pool::close);
    steps.add(client::close);
    for (Runnable step : steps) {
      try {
        step.run();
      } catch (RuntimeException e) {
        log.warn("error while closing scraper node {}", pool.id(), e);
      }
    }
    log.info("scraper node {} stopped", pool.id());
  }

  private void deregisterAndWait() {
    if (!pool.deregister()) {
      return;
    }
    long deadline = System.nanoTime() + handOffGrace.toNanos();
    // The peers see the deletion within milliseconds and take the targets over on their next
    // slots; this node keeps scraping meanwhile, so no slot is missed.
    while (System.nanoTime() < deadline) {
      try {
        Thread.sleep(Math.max(1, Math.min(100, (deadline - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  @Override
  public String toString() {
    return "ScraperNode{" + pool.id() + ", " + state.get() + "}";
  }

  /** Builds a {@link ScraperNode}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private @Nullable String zooKeeper;
    private String root = "/vulcan";
    private String id = UUID.randomUUID().toString();
    private Duration sessionTimeout = Duration.ofSeconds(15);
    private Duration handOffGrace = Duration.ofSeconds(2);
    private @Nullable Writer writer;
    private int fetchConcurrency = Math.min(64, 8 * Runtime.getRuntime().availableProcessors());
    private ScrapeListener listener = ScrapeListener.NONE;
    private final List<String> dnsServers = new ArrayList<>();

    private Builder() {}

    /**
     * The ZooKeeper connect string, e.g. {@code zk1:2181,zk2:2181}. Required.
     *
     * @param connectString ZooKeeper's {@code host:port} list, comma-separated; not blank
     * @return this builder
     * @throws IllegalArgumentException when {@code connectString} is null or blank
     */
    public Builder zooKeeper(String connectString) {
      if (connectString == null || connectString.isBlank()) {
        throw new IllegalArgumentException("ZooKeeper connect string must not be empty");
      }
      this.zooKeeper = connectString;
      return this;
    }

    /**
     * The root of the layout; default {@code /vulcan}.
     *
     * @param root an absolute ZooKeeper path, shared by the nodes and the job store of one pool
     * @return this builder
     * @throws IllegalArgumentException when {@code root} does not start with {@code /}
     */
    public Builder root(String root) {
      if (root == null || !root.startsWith("/")) {
        throw new IllegalArgumentException("root must start with '/': " + root);
      }
      this.root = root;
      return this;
    }

    /**
     * This node's id in the pool; default a random UUID.
     *
     * @param id the id, unique in the pool
     * @return this builder
     * @throws IllegalArgumentException when {@code id} is null, empty or holds {@code /}
     */
    public Builder id(String id) {
      if (id == null || id.isEmpty() || id.contains("/")) {
        throw new IllegalArgumentException("node id must be non-empty without '/': " + id);
      }
      this.id = id;
      return this;
    }

    /**
     * The ZooKeeper session timeout; default 15 s. A crashed node's targets move after it.
     *
     * @param timeout the requested session timeout; positive; the server may narrow it
     * @return this builder
     * @throws IllegalArgumentException when {@code timeout} is zero or negative
     */
    public Builder sessionTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("session timeout must be > 0: " + timeout);
      }
      this.sessionTimeout = timeout;
      return this;
    }

    /**
     * How long {@link #close()} keeps scraping after deregistering; default 2 s.
     *
     * @param grace the grace; zero stops scraping at once after deregistering
     * @return this builder
     * @throws IllegalArgumentException when {@code grace} is negative
     */
    public Builder handOffGrace(Duration grace) {
      if (grace.isNegative()) {
        throw new IllegalArgumentException("hand-off grace must be >= 0: " + grace);
      }
      this.handOffGrace = grace;
      return this;
    }

    /**
     * Where every scrape goes. Required; flushed on close, not closed.
     *
     * @param writer the writer, owned by the caller; not null
     * @return this builder
     */
    public Builder writer(Writer writer) {
      this.writer = Objects.requireNonNull(writer, "writer");
      return this;
    }

    /**
     * Fetches running at once; default 8 per core, at most 64.
     *
     * @param threads how many scrapes may fetch at once; at least 1
     * @return this builder
     * @throws IllegalArgumentException when {@code threads} is below 1
     */
    public Builder fetchConcurrency(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("fetch concurrency must be >= 1: " + threads);
      }
      this.fetchConcurrency = threads;
      return this;
    }

    /**
     * Observes every scrape; default none.
     *
     * @param listener the listener; not null, fast and never throwing
     * @return this builder
     */
    public Builder listener(ScrapeListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * A DNS server ({@code HOST:PORT}) for dns_sd_configs instead of the system's resolver.
     *
     * @param hostPort the server's address, checked by {@link #build()}
     * @return this builder
     */
    public Builder dnsServer(String hostPort) {
      this.dnsServers.add(Objects.requireNonNull(hostPort, "hostPort"));
      return this;
    }

    /**
     * The node.
     *
     * @return the node, not yet started
     * @throws IllegalStateException without a ZooKeeper connect string or a writer
     * @throws IllegalArgumentException when a DNS server is not {@code HOST:PORT}, or the pool
     *     rejects the root or the id
     */
    public ScraperNode build() {
      if (zooKeeper == null) {
        throw new IllegalStateException("a ZooKeeper connect string is required");
      }
      if (writer == null) {
        throw new IllegalStateException("a writer is required");
      }
      return new ScraperNode(this);
    }
  }
}
