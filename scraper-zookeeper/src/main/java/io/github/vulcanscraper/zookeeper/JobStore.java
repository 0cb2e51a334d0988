package io.github.vulcanscraper.zookeeper;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.core.http.Secret;
import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.Stat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes the job definitions under {@code <root>/scraper/jobs}, one persistent node per
 * job holding a Prometheus configuration document with exactly that one job.
 *
 * <pre>{@code
 * try (JobStore store = JobStore.builder().connectString("zk:2181").build()) {
 *   store.start();
 *   store.set(JobName.of("node"), yaml);        // validated, then compare-and-set
 *   Optional<StoredJob> job = store.get(JobName.of("node"));
 * }
 * }</pre>
 *
 * <p>Writes are validated first: the document must be a valid Prometheus configuration holding one
 * job named as the node ({@link JobParser#standard()}, or a parser of your choice); otherwise
 * {@link InvalidJobException} and nothing is written. Writes are compare-and-set on the node's
 * version, so two concurrent writers never lose an update silently: the loser gets a {@link
 * ConcurrentJobModificationException} and nothing of its write lands.
 *
 * <h2>Access control</h2>
 *
 * <p>With {@link Builder#digest} (and a connect string) the store authenticates as that digest
 * identity and creates the jobs folder and every job with all rights for it and read rights for
 * everyone: watchers read without credentials, only that identity writes. Give the pool the same
 * identity to protect the scrapers folder too. With a client of your own, configure its
 * authorization and {@code ACLProvider} instead.
 *
 * <p>Lifecycle: {@link #start()} once before use, {@link #close()} idempotent. Thread-safe.
 */
public final class JobStore implements Closeable {
  /**
   * The expected version meaning "the job must not exist yet", for {@link #set(JobName, String,
   * int)}.
   */
  public static final int ABSENT = -1;

  /** The most a job document may hold, ZooKeeper's default limit on a node's data less headroom. */
  static final int MAX_BYTES = 1_000_000;

  private static final Logger log = LoggerFactory.getLogger(JobStore.class);

  private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
  private final CuratorFramework client;
  private final boolean ownsClient;
  private final Duration connectionTimeout;
  private final Layout layout;
  private final JobParser parser;

  private JobStore(Builder builder) {
    builder.client.validate();
    this.parser = builder.parser;
    this.layout = builder.client.layout();
    this.connectionTimeout = builder.connectionTimeout;
    this.client = builder.client.newOrGivenClient();
    this.ownsClient = builder.client.ownsClient();
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
   * Makes the store usable. A store that owns its client starts it and waits up to the connection
   * timeout for the first connection.
   *
   * @throws JobStoreException when the store's own client cannot connect in time
   * @throws IllegalStateException if called twice, after {@link #close()}, or when the host's
   *     client was not started
   */
  public void start() throws JobStoreException {
    if (!state.compareAndSet(State.LATENT, State.STARTED)) {
      throw new IllegalStateException("cannot be started more than once");
    }
    if (!ownsClient) {
      if (client.getState() != CuratorFrameworkState.STARTED) {
        state.set(State.CLOSED);
        throw new IllegalStateException("the CuratorFramework must be started before the store");
      }
      return;
    }
    client.start();
    try {
      if (!client.blockUntilConnected((int) connectionTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new JobStoreException(
            "cannot reach ZooKeeper at "
                + client.getZookeeperClient().getCurrentConnectionString()
                + " within "
                + connectionTimeout.toMillis()
                + " ms");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JobStoreException("interrupted while connecting to ZooKeeper", e);
    }
  }

  /**
   * Checks a job definition without writing it: it must parse into one job named {@code name} (with
   * the store's parser, by default {@link JobParser#standard()}).
   *
   * @param name the job's name
   * @param yaml the job document; at most 1,000,000 bytes in UTF-8
   * @throws InvalidJobException naming the field, line and value at fault
   */
  public void validate(JobName name, String yaml) throws InvalidJobException {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(yaml, "yaml");
    if (yaml.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw new InvalidJobException(
          name.value(),
          "the document exceeds " + MAX_BYTES + " bytes, more than a ZooKeeper node holds");
    }
    Jobs.parse(parser, name, yaml);
  }

  /**
   * Creates or replaces a job, whatever its current version: validates, reads the node's version
   * and writes only if that version is still current.
   *
   * @param name the job's name
   * @param yaml the job document; at most 1,000,000 bytes in UTF-8
   * @return the node's new version
   * @throws InvalidJobException when the definition is invalid; nothing is written
   * @throws ConcurrentJobModificationException when the job changed between the read and the write;
   *     nothing is written
   * @throws JobStoreException when the store cannot be reached or denies access
   */
  public int set(JobName name, String yaml) throws InvalidJobException, JobStoreException {
    validate(name, yaml);
    String path = layout.job(name.value());
    Stat stat = call(name, "read", () -> client.checkExists().forPath(path));
    return write(name, yaml, stat == null ? ABSENT : stat.getVersion());
  }

  /**
   * Creates a job ({@code expectedVersion} {@link #ABSENT}) or replaces exactly this version of it
   * (as read with {@link #get}).
   *
   * @param name the job's name
   * @param yaml the job document; at most 1,000,000 bytes in UTF-8
   * @param expectedVersion {@link #ABSENT} to create the job, else the version to replace ({@link
   *     StoredJob#version()})
   * @return the node's new version
   * @throws InvalidJobException when the definition is invalid; nothing is written
   * @throws ConcurrentJobModificationException when the job exists although {@code ABSENT} was
   *     expected, or its version is no longer {@code expectedVersion}, or it was deleted; nothing
   *     is written
   * @throws JobStoreException when the store cannot be reached or denies access
   * @throws IllegalArgumentException when {@code expectedVersion} is below {@link #ABSENT}
   */
  public int set(JobName name, String yaml, int expectedVersion)
      throws InvalidJobException, JobStoreException {
    if (expectedVersion < ABSENT) {
      throw new IllegalArgumentException("expected version must be >= -1: " + expectedVersion);
    }
    validate(name, yaml);
    return write(name, yaml, expectedVersion);
  }

  private int write(JobName name, String yaml, int expectedVersion) throws JobStoreException {
    String path = layout.job(name.value());
    byte[] data = yaml.getBytes(StandardCharsets.UTF_8);
    int version =
        call(
            name,
            "write",
            () -> {
              if (expectedVersion == ABSENT) {
                client
                    .create()
                    .creatingParentsIfNeeded()
                    .withMode(CreateMode.PERSISTENT)
                    .forPath(path, data);
                return 0;
              }
              return client.setData().withVersion(expectedVersion).forPath(path, data).getVersion();
            });
    log.info("job {} written at {} (version {})", name, path, version);
    return version;
  }

  /**
   * Reads a job.
   *
   * @param name the job's name
   * @return the job as stored, or empty when there is no such job
   * @throws JobStoreException when the store cannot be reached or denies access
   */
  public Optional<StoredJob> get(JobName name) throws JobStoreException {
    String path = layout.job(Objects.requireNonNull(name, "name").value());
    return call(
        name,
        "read",
        () -> {
          Stat stat = new Stat();
          try {
            byte[] data = client.getData().storingStatIn(stat).forPath(path);
            String yaml = data == null ? "" : new String(data, StandardCharsets.UTF_8);
            return Optional.of(new StoredJob(name, yaml, stat.getVersion()));
          } catch (KeeperException.NoNodeException e) {
            return Optional.empty();
          }
        });
  }

  /**
   * Lists the jobs' names, sorted; nodes whose name is not a valid job name are left out.
   *
   * @return the names, empty when the jobs folder does not exist yet
   * @throws JobStoreException when the store cannot be reached or denies access
   */
  public List<JobName> list() throws JobStoreException {
    List<String> children =
        call(
            null,
            "list",
            () -> {
              try {
                return client.getChildren().forPath(layout.jobs());
              } catch (KeeperException.NoNodeException e) {
                return List.<String>of();
              }
            });
    List<JobName> names = new ArrayList<>(children.size());
    for (String child : children) {
      try {
        names.add(JobName.of(child));
      } catch (IllegalArgumentException e) {
        log.warn("ignoring node {} in {}: {}", child, layout.jobs(), e.getMessage());
      }
    }
    Collections.sort(names);
    return List.copyOf(names);
  }

  /**
   * Deletes a job, whatever its version.
   *
   * @param name the job's name
   * @return true when the job existed and is deleted, false when there was no such job
   * @throws JobStoreException when the store cannot be reached or denies access
   */
  public boolean delete(JobName name) throws JobStoreException {
    String path = layout.job(Objects.requireNonNull(name, "name").value());
    boolean deleted =
        call(
            name,
            "delete",
            () -> {
              try {
                client.delete().forPath(path);
                return true;
              } catch (KeeperException.NoNodeException e) {
                return false;
              }
            });
    if (deleted) {
      log.info("job {} deleted at {}", name, path);
    }
    return deleted;
  }

  /** Closes the store; a store that owns its client closes it. Idempotent. */
  @Override
  public void close() {
    State previous = state.getAndSet(State.CLOSED);
    if (previous == State.STARTED && ownsClient) {
      client.close();
    }
  }

  @Override
  public String toString() {
    return "JobStore{folder=" + layout.jobs() + ", state=" + state.get() + "}";
  }

  private interface Operation<T> {
    T run() throws Exception;
  }

  private <T> T call(@Nullable JobName name, String verb, Operation<T> operation)
      throws JobStoreException {
    if (state.get() != State.STARTED) {
      throw new IllegalStateException("the job store is " + state.get() + ", not started");
    }
    String what =
        name == null
            ? "the jobs in " + layout.jobs()
            : "job \"" + name + "\" at " + layout.job(name.value());
    try {
      return operation.run();
    } catch (KeeperException.NodeExistsException e) {
      throw new ConcurrentJobModificationException(
          "cannot " + verb + " " + what + ": it was created concurrently; read it and retry", e);
    } catch (KeeperException.BadVersionException e) {
      throw new ConcurrentJobModificationException(
          "cannot " + verb + " " + what + ": it was changed concurrently; read it and retry", e);
    } catch (KeeperException.NoNodeException e) {
      throw new ConcurrentJobModificationException(
          "cannot " + verb + " " + what + ": it was deleted concurrently", e);
    } catch (KeeperException.NoAuthException e) {
      throw new JobStoreException("cannot " + verb + " " + what + ": not authorized", e);
    } catch (KeeperException.ConnectionLossException | KeeperException.SessionExpiredException e) {
      throw new JobStoreException("cannot " + verb + " " + what + ": ZooKeeper unreachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new JobStoreException("interrupted while trying to " + verb + " " + what, e);
    } catch (Exception e) {
      throw new JobStoreException("cannot " + verb + " " + what + ": " + e.getMessage(), e);
    }
  }

  /** Builds a {@link JobStore}. Not thread-safe. */
  public static final class Builder {
    private final ClientSettings client = new ClientSettings();
    private Duration connectionTimeout = ClientSettings.DEFAULT_CONNECTION_TIMEOUT;
    private JobParser parser = JobParser.standard();

    private Builder() {}

    /**
     * Uses this started client, which the host closes after the store.
     *
     * @param client the host's client, configured with the authorization and ACLs it needs; not
     *     null
     * @return this builder
     */
    public Builder client(CuratorFramework client) {
      this.client.client(client);
      return this;
    }

    /**
     * Builds a client of the store's own for this connect string; the store starts it in {@link
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
     * The session timeout of the store's own client; default 15 s.
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
     * The connection timeout of the store's own client, and how long {@link #start()} waits for the
     * first connection; default 5 s.
     *
     * @param timeout the timeout, between 1 ms and 24 days
     * @return this builder
     * @throws IllegalArgumentException when {@code timeout} is out of range
     */
    public Builder connectionTimeout(Duration timeout) {
      client.connectionTimeout(timeout);
      this.connectionTimeout = timeout;
      return this;
    }

    /**
     * Authenticates as this ZooKeeper digest identity and writes the jobs folder and jobs with all
     * rights for it and read rights for everyone. Only with {@link #connectString}. Folders created
     * on the way ({@code <root>}, {@code <root>/scraper}) get the same ACL, so give the pool and
     * the job store one identity, or create the folders beforehand.
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
     * The root of the layout; default {@code /vulcan}. Jobs live under {@code <root>/scraper/jobs}.
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
     * How a job's YAML is validated before it is written: parsed with this parser, into the job the
     * watchers will run. Default: {@link JobParser#standard()}, the configuration loader's checks
     * and the service discovery sections'.
     *
     * @param parser the parser; not null, without side effects
     * @return this builder
     */
    public Builder parser(JobParser parser) {
      this.parser = Objects.requireNonNull(parser, "parser");
      return this;
    }

    /**
     * Builds the store, not yet started.
     *
     * @return the store; call {@link JobStore#start()} before using it
     * @throws IllegalStateException unless exactly one of {@link #client} and {@link
     *     #connectString} was set
     */
    public JobStore build() {
      return new JobStore(this);
    }
  }
}
