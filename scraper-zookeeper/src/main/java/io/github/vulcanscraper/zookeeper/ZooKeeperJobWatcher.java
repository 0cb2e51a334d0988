package io.github.vulcanscraper.zookeeper;

import io.github.vulcanscraper.api.Job;
import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.api.JobWatcher;
import io.github.vulcanscraper.api.SnapshotListener;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.core.http.Secret;
import java.io.Closeable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.framework.recipes.cache.ChildData;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link JobWatcher} over the jobs folder {@code <root>/scraper/jobs}: one persistent node per
 * job, whose data is a Prometheus configuration document holding that one job.
 *
 * <pre>{@code
 * ZooKeeperJobWatcher jobs = ZooKeeperJobWatcher.builder()
 *     .client(curator)              // a started CuratorFramework, or connectString("zk:2181")
 *     .parser(JobParser.standard()) // the default: config loader + service discovery
 *     .build();
 * jobs.start();
 * Subscription s = jobs.watch(list -> ...);
 * }</pre>
 *
 * <p>Every subscription gets the complete job list (sorted by name) once the folder has been read,
 * then again on every change. A job node whose data changed is parsed again and only that job is
 * replaced; every other job is delivered as the same instance, so its discovery keeps running. A
 * job whose new definition parses to an equal job keeps its instance too. A deleted job disappears.
 *
 * <p>A job whose YAML is invalid keeps its last good version (or stays absent when it never had
 * one): the {@link InvalidJobException} is logged, counted ({@link #errorCount()}) and passed to
 * every subscription's {@link SnapshotListener#onError}; the other jobs are untouched. A new
 * subscription receives the errors of the jobs that are invalid at the time after its first
 * snapshot.
 *
 * <p>Connection states: while the store is unreachable ({@code SUSPENDED}, {@code LOST}) the last
 * job list stays in force; after a reconnect the folder is read again and changes are delivered.
 *
 * <p>Lifecycle as in Curator: {@link #start()} once, {@link #close()} idempotent. Thread-safe.
 */
public final class ZooKeeperJobWatcher implements JobWatcher, Closeable {
  private static final Logger log = LoggerFactory.getLogger(ZooKeeperJobWatcher.class);

  private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
  private final AtomicLong errorCount = new AtomicLong();
  private final CuratorFramework client;
  private final boolean ownsClient;
  private final String folder;
  private final JobParser parser;
  private final int maxJobs;
  private final CuratorCache cache;
  private final SnapshotHub<List<Job>> hub;
  private final Map<String, Definition> definitions = new TreeMap<>(); // guarded by this
  private final Map<String, InvalidJobException> invalid = new ConcurrentSkipListMap<>();
  private boolean initialized; // guarded by this

  /** A job node's last data, and the last good job it gave (null if none). */
  private static final class Definition {
    final byte[] data;
    final @Nullable Job job;

    Definition(byte[] data, @Nullable Job job) {
      this.data = data;
      this.job = job;
    }
  }

  private ZooKeeperJobWatcher(Builder builder) {
    builder.client.validate();
    this.parser = builder.parser;
    this.maxJobs = builder.maxJobs;
    this.client = builder.client.newOrGivenClient();
    this.ownsClient = builder.client.ownsClient();
    this.folder = builder.client.layout().jobs();
    this.cache =
        CuratorCache.builder(client, folder)
            .withExceptionHandler(e -> log.warn("error watching the jobs folder {}", folder, e))
            .build();
    this.hub = new SnapshotHub<>("vulcan-zookeeper-jobs", () -> List.copyOf(invalid.values()));
  }

  /**
   * A new builder.
   *
   * @return a builder; set exactly one of {@link Builder#client} and {@link Builder#connectString}
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts watching the jobs folder; returns at once (the folder is read in the background, and
   * again whenever the store is reachable after it was not). A watcher that owns its client starts
   * it first.
   *
   * @throws IllegalStateException if called twice, after {@link #close()}, or when the host's
   *     client was not started
   */
  public void start() {
    if (!state.compareAndSet(State.LATENT, State.STARTED)) {
      throw new IllegalStateException("cannot be started more than once");
    }
    if (ownsClient) {
      client.start();
    } else if (client.getState() != CuratorFrameworkState.STARTED) {
      state.set(State.CLOSED);
      throw new IllegalStateException("the CuratorFramework must be started before the watcher");
    }
    cache
        .listenable()
        .addListener(
            CuratorCacheListener.builder()
                .forAll(this::event)
                .forInitialized(this::initialized)
                .build());
    cache.start();
  }

  /**
   * Subscribes to the job list: the full list once the folder has been read, then every change. May
   * be called before {@link #start()}; after {@link #close()} nothing is delivered.
   */
  @Override
  public Subscription watch(SnapshotListener<List<Job>> listener) {
    return hub.watch(listener);
  }

  /**
   * How many job definitions were rejected as invalid since {@link #start()}.
   *
   * @return the count, job nodes beyond {@link Builder#maxJobs(int)} included
   */
  public long errorCount() {
    return errorCount.get();
  }

  /** Stops watching and stops deliveries; a watcher that owns its client closes it. Idempotent. */
  @Override
  public void close() {
    State previous = state.getAndSet(State.CLOSED);
    if (previous == State.CLOSED) {
      return;
    }
    cache.close();
    hub.close();
    if (ownsClient && previous == State.STARTED) {
      client.close();
    }
  }

  private synchronized void initialized() {
    initialized = true;
    publish();
    // Errors found while reading the folder the first time follow the first snapshot.
    invalid.values().forEach(hub::error);
  }

  private synchronized void event(
      CuratorCacheListener.Type type, ChildData oldData, ChildData data) {
    if (type == CuratorCacheListener.Type.NODE_DELETED) {
      String name = Layout.childName(folder, oldData.getPath());
      if (name != null && definitions.remove(name) != null) {
        invalid.remove(name);
        log.info("job {} deleted", name);
        publish();
      }
      return;
    }
    String name = Layout.childName(folder, data.getPath());
    if (name != null && update(name, data.getData() == null ? new byte[0] : data.getData())) {
      publish();
    }
  }

  /** Parses a new or changed definition; returns true when the job list changed. */
  private boolean update(String node, byte[] data) {
    Definition previous = definitions.get(node);
    if (previous != null && Arrays.equals(previous.data, data)) {
      return false;
    }
    if (previous == null && definitions.size() >= maxJobs) {
      reject(
          new InvalidJobException(
              node, "the store holds more than " + maxJobs + " jobs; this job is ignored"),
          null);
      return false;
    }
    @Nullable Job last = previous == null ? null : previous.job;
    try {
      Job job = Jobs.parse(parser, name(node), utf8(node, data));
      if (job.equals(last)) {
        job = last;
      }
      definitions.put(node, new Definition(data, job));
      invalid.remove(node);
      return job != last;
    } catch (InvalidJobException e) {
      definitions.put(node, new Definition(data, last));
      reject(e, last);
      return false;
    }
  }

  private void reject(InvalidJobException e, @Nullable Job last) {
    invalid.put(e.job(), e);
    errorCount.incrementAndGet();
    log.warn(
        "{}; {}",
        e.getMessage(),
        last == null ? "the job stays absent" : "the job keeps its last good version");
    if (initialized) {
      hub.error(e);
    }
  }

  private void publish() {
    if (!initialized) {
      return;
    }
    List<Job> jobs = new ArrayList<>(definitions.size());
    for (Definition d : definitions.values()) {
      if (d.job != null) {
        jobs.add(d.job);
      }
    }
    hub.publish(List.copyOf(jobs));
  }

  private static JobName name(String node) throws InvalidJobException {
    try {
      return JobName.of(node);
    } catch (IllegalArgumentException e) {
      throw new InvalidJobException(
          node, "the node's name is not a valid job name: " + e.getMessage());
    }
  }

  private static String utf8(String node, byte[] data) throws InvalidJobException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data))
          .toString();
    } catch (CharacterCodingException e) {
      throw new InvalidJobException(node, "the node's data is not UTF-8 text");
    }
  }

  @Override
  public String toString() {
    return "ZooKeeperJobWatcher{folder=" + folder + ", state=" + state.get() + "}";
  }

  /** Builds a {@link ZooKeeperJobWatcher}. Not thread-safe. */
  public static final class Builder {
    private final ClientSettings client = new ClientSettings();
    private JobParser parser = JobParser.standard();
    private int maxJobs = 10_000;

    private Builder() {}

    /**
     * Uses this client, which the host starts before {@link #start()} and closes after.
     *
     * @param client the host's client, configured with the authorization it needs; not null
     * @return this builder
     */
    public Builder client(CuratorFramework client) {
      this.client.client(client);
      return this;
    }

    /**
     * Builds a client of the watcher's own for this connect string; the watcher starts it in {@link
     * #start()} and closes it in {@link #close()}.
     *
     * @param connectString ZooKeeper's {@code host:port} list, comma-separated, optionally with a
     *     chroot; not blank
     * @return this builder
     * @throws IllegalArgumentException when {@code connectString} is blank
     */
    public Builder connectString(String connectString) {
      client.connectString(connectString);
      return this;
    }

    /**
     * The session timeout of the watcher's own client; default 15 s.
     *
     * @param timeout the requested session timeout, between 1 ms and 24 days; the server may narrow
     *     it
     * @return this builder
     * @throws IllegalArgumentException when {@code timeout} is out of range
     */
    public Builder sessionTimeout(Duration timeout) {
      client.sessionTimeout(timeout);
      return this;
    }

    /**
     * The connection timeout of the watcher's own client; default 5 s.
     *
     * @param timeout the timeout, between 1 ms and 24 days
     * @return this builder
     * @throws IllegalArgumentException when {@code timeout} is out of range
     */
    public Builder connectionTimeout(Duration timeout) {
      client.connectionTimeout(timeout);
      return this;
    }

    /**
     * Authenticates the watcher's own client with this ZooKeeper digest identity (needed only when
     * the jobs are not readable by everyone). Only with {@link #connectString}.
     *
     * @param user the digest user name; not empty, without {@code :}
     * @param password the user's password, read when the client is built; not null
     * @return this builder
     * @throws IllegalArgumentException when {@code user} is empty or holds {@code :}
     */
    public Builder digest(String user, Secret password) {
      client.digest(user, password);
      return this;
    }

    /**
     * The root of the layout; default {@code /vulcan}. Jobs are read from {@code
     * <root>/scraper/jobs}.
     *
     * @param root an absolute ZooKeeper path
     * @return this builder
     * @throws IllegalArgumentException when {@code root} is not a valid absolute path
     */
    public Builder root(String root) {
      client.root(root);
      return this;
    }

    /**
     * The most jobs this watcher takes from the store (default 10,000): a job node beyond it is
     * ignored, counted and reported as an error, so a runaway writer cannot exhaust the node.
     *
     * @param maxJobs the bound; at least 1
     * @return this builder
     * @throws IllegalArgumentException when {@code maxJobs} is below 1
     */
    public Builder maxJobs(int maxJobs) {
      if (maxJobs < 1) {
        throw new IllegalArgumentException("maxJobs must be >= 1: " + maxJobs);
      }
      this.maxJobs = maxJobs;
      return this;
    }

    /**
     * How a job node's YAML becomes a {@link Job}; default {@link JobParser#standard()}: the
     * configuration loader and a {@code ScrapeConfigJob} with the job's service discovery.
     *
     * @param parser the parser; not null, thread-safe, without side effects
     * @return this builder
     */
    public Builder parser(JobParser parser) {
      this.parser = Objects.requireNonNull(parser, "parser");
      return this;
    }

    /**
     * Builds the watcher, not yet started.
     *
     * @return the watcher; call {@link ZooKeeperJobWatcher#start()} to begin watching
     * @throws IllegalStateException unless exactly one of {@link #client} and {@link
     *     #connectString} was set
     */
    public ZooKeeperJobWatcher build() {
      return new ZooKeeperJobWatcher(this);
    }
  }
}
