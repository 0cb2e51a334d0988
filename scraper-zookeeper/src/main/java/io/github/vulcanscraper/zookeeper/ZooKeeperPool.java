package io.github.vulcanscraper.zookeeper;

import io.github.vulcanscraper.api.Member;
import io.github.vulcanscraper.api.Pool;
import io.github.vulcanscraper.api.SnapshotListener;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.core.http.Secret;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.apache.curator.framework.recipes.cache.CuratorCache;
import org.apache.curator.framework.recipes.cache.CuratorCacheListener;
import org.apache.curator.framework.recipes.nodes.PersistentNode;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.apache.curator.utils.PathUtils;
import org.apache.zookeeper.CreateMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Pool} of scraper nodes kept in ZooKeeper: each node holds an ephemeral node {@code
 * <root>/scraper/scrapers/<id>} and every node watches that folder.
 *
 * <pre>{@code
 * ZooKeeperPool pool = ZooKeeperPool.builder()
 *     .client(curator)                 // a started CuratorFramework, or connectString("zk:2181")
 *     .id("scraper-1")                 // default: a random UUID
 *     .host("scraper-1.example.com")
 *     .weight(2)
 *     .build();
 * ZooKeeperJobWatcher jobs = ZooKeeperJobWatcher.builder().client(curator).build();
 * TargetWatcher mine = ConsistentHashTargeter.builder(JobTargets.of(jobs), pool).build();
 * Scraper scraper = Scraper.builder(mine, writer).build();
 * pool.start();
 * jobs.start();
 * scraper.start();
 * ...
 * pool.deregister();   // a graceful leave: the peers take over at once...
 * Thread.sleep(2000);  // ...while this node keeps scraping its last assignment for a grace,
 * scraper.close();     // then stops
 * jobs.close();
 * pool.close();
 * }</pre>
 *
 * <h2>Registration</h2>
 *
 * <p>{@link #start()} registers this node with an ephemeral node whose data is a JSON object
 * ({@code host}, {@code version}, {@code weight}). Curator's {@link PersistentNode} recipe keeps it
 * there: it is recreated after a reconnect and after a session expiry.
 *
 * <h2>Snapshots</h2>
 *
 * <p>Every subscription gets the complete member set once the folder has been read, then again on
 * every change (an unchanged set is not delivered twice). Members are parsed from each node's data;
 * data that is not this JSON (a node of another implementation) gives weight 1 and no attributes.
 * While this node is registered the set always contains it, even in the moment between a session
 * expiry and its re-registration: a live node never computes an assignment that leaves itself out,
 * so an expiry can cause a brief double scrape (the same slots, which downstream deduplicates) but
 * never a gap, and a snapshot is never empty.
 *
 * <h2>Connection states</h2>
 *
 * <ul>
 *   <li>{@code SUSPENDED} (the connection dropped; the session may still be alive): nothing new is
 *       delivered, the last member set stays in force and scraping continues on the last
 *       assignment.
 *   <li>{@code LOST} (the session expired, or the store was unreachable for a whole session
 *       timeout): still nothing new is delivered and scraping continues on the last assignment; if
 *       the whole ensemble is down nobody else can take over. Peers see this node leave once the
 *       server expires its session. When a session is established again the node re-registers and a
 *       fresh snapshot, read anew from the store, follows.
 *   <li>{@code RECONNECTED}: the folder is read again and the current set delivered if it changed.
 * </ul>
 *
 * <p>A node therefore never stops scraping only because the store is unreachable.
 *
 * <h2>Leaving</h2>
 *
 * <p>{@link #deregister()} deletes this node's ephemeral node at once (peers take over without
 * waiting for the session timeout) and freezes the member set this node delivers, so it keeps
 * scraping its last assignment while the peers take over; {@link #close()} deregisters too, then
 * stops watching. A graceful leave is: {@code deregister()}, a short grace (peers see the deletion
 * within milliseconds, and start scraping on the next slot of each target), then stop the scraper
 * and {@code close()} the pool.
 *
 * <p>Lifecycle as in Curator: {@link #start()} once, {@link #close()} idempotent. Thread-safe.
 */
public final class ZooKeeperPool implements Pool, Closeable {
  private static final Logger log = LoggerFactory.getLogger(ZooKeeperPool.class);

  private final AtomicReference<State> state = new AtomicReference<>(State.LATENT);
  private final AtomicBoolean registered = new AtomicBoolean(true);
  private final CuratorFramework client;
  private final boolean ownsClient;
  private final Duration deregisterTimeout;
  private final String folder;
  private final Member self;
  private final PersistentNode node;
  private final CuratorCache cache;
  private final SnapshotHub<Set<Member>> hub;
  private final ConnectionStateListener connectionListener = (c, s) -> connectionStateChanged(s);
  private volatile boolean initialized;

  private ZooKeeperPool(Builder builder) {
    builder.client.validate();
    Layout layout = builder.client.layout();
    this.client = builder.client.newOrGivenClient();
    this.ownsClient = builder.client.ownsClient();
    this.deregisterTimeout = builder.deregisterTimeout;
    this.folder = layout.scrapers();
    this.self = Member.of(builder.id, builder.weight, builder.attributes);
    byte[] data = MemberData.encode(builder.weight, builder.attributes);
    this.node =
        new PersistentNode(
            client, CreateMode.EPHEMERAL, false, layout.scraper(self.id()), data, true);
    this.cache =
        CuratorCache.builder(client, folder)
            .withExceptionHandler(e -> log.warn("error watching the scraper pool {}", folder, e))
            .build();
    this.hub = new SnapshotHub<>("vulcan-zookeeper-pool-" + self.id(), List::of);
  }

  /**
   * A new builder.
   *
   * @return a builder; set exactly one of {@link Builder#client} and {@link Builder#connectString}
   */
  public static Builder builder() {
    return new Builder();
  }

  /** This node's member id. */
  @Override
  public String id() {
    return self.id();
  }

  /**
   * This node as a member: its id, weight and attributes, as its peers see it.
   *
   * @return this node's member, fixed at build time
   */
  public Member member() {
    return self;
  }

  /**
   * Registers this node and starts watching the pool; returns at once (both happen in the
   * background, and are retried until the store is reachable). A pool that owns its client starts
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
      throw new IllegalStateException("the CuratorFramework must be started before the pool");
    }
    client.getConnectionStateListenable().addListener(connectionListener);
    cache
        .listenable()
        .addListener(
            CuratorCacheListener.builder()
                .forAll((type, oldData, data) -> refresh())
                .forInitialized(
                    () -> {
                      initialized = true;
                      refresh();
                    })
                .build());
    node.start();
    cache.start();
  }

  /**
   * Subscribes to the member set: the full set once the pool has been read, then every change. May
   * be called before {@link #start()}; after {@link #close()} nothing is delivered.
   */
  @Override
  public Subscription watch(SnapshotListener<Set<Member>> listener) {
    return hub.watch(listener);
  }

  /**
   * Leaves the pool now, without closing: deletes this node's ephemeral node so peers take over its
   * targets at once, and from then on delivers nothing new, so this node keeps scraping its last
   * assignment during the hand-off grace. Blocks until the store confirms the deletion or for at
   * most the deregister timeout (default 5 s), for example while the store is unreachable (the node
   * then disappears when the session ends). Idempotent; registration cannot resume.
   *
   * @return true when the store confirmed the deletion (or the pool was never started)
   */
  public boolean deregister() {
    if (!registered.compareAndSet(true, false)) {
      return true;
    }
    CompletableFuture<Void> deletion =
        CompletableFuture.runAsync(
            () -> {
              try {
                node.close();
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    try {
      deletion.get(deregisterTimeout.toMillis(), TimeUnit.MILLISECONDS);
      log.info("scraper {} left the pool {}", self.id(), folder);
      return true;
    } catch (TimeoutException | ExecutionException e) {
      log.warn(
          "scraper {} could not delete its node in {}; it disappears when its session ends",
          self.id(),
          deregisterTimeout,
          e instanceof ExecutionException ? e.getCause() : null);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * True until {@link #deregister()} or {@link #close()}.
   *
   * @return whether this node still means to be registered; its ephemeral node may be missing for a
   *     moment, as after a session expiry
   */
  public boolean isRegistered() {
    return registered.get();
  }

  /**
   * Deregisters (see {@link #deregister()}), stops watching the pool and stops deliveries; a pool
   * that owns its client closes it. Idempotent.
   */
  @Override
  public void close() {
    State previous = state.getAndSet(State.CLOSED);
    if (previous == State.CLOSED) {
      return;
    }
    if (previous == State.STARTED) {
      deregister();
      cache.close();
      client.getConnectionStateListenable().removeListener(connectionListener);
    }
    hub.close();
    if (ownsClient && previous == State.STARTED) {
      client.close();
    }
  }

  private void refresh() {
    if (!initialized || !registered.get() || state.get() != State.STARTED) {
      return;
    }
    Map<String, Member> members = new LinkedHashMap<>();
    cache.stream()
        .forEach(
            child -> {
              String id = Layout.childName(folder, child.getPath());
              if (id != null) {
                members.put(id, MemberData.decode(id, child.getData()));
              }
            });
    members.put(self.id(), self);
    SortedSet<Member> snapshot = Collections.unmodifiableSortedSet(new TreeSet<>(members.values()));
    hub.publish(snapshot);
  }

  private void connectionStateChanged(ConnectionState newState) {
    switch (newState) {
      case SUSPENDED:
        log.warn(
            "scraper {}: ZooKeeper connection suspended; scraping continues on the last assignment",
            self.id());
        break;
      case LOST:
        log.warn(
            "scraper {}: ZooKeeper session lost; scraping continues on the last assignment and the"
                + " node re-registers when a session is established",
            self.id());
        break;
      case RECONNECTED:
        log.info(
            "scraper {}: ZooKeeper reconnected; re-registering and re-reading the pool", self.id());
        break;
      default:
        break;
    }
  }

  @Override
  public String toString() {
    return "ZooKeeperPool{id=" + self.id() + ", folder=" + folder + ", state=" + state.get() + "}";
  }

  /** Builds a {@link ZooKeeperPool}. Not thread-safe. */
  public static final class Builder {
    private final ClientSettings client = new ClientSettings();
    private String id = UUID.randomUUID().toString();
    private double weight = 1.0;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private Duration deregisterTimeout = Duration.ofSeconds(5);

    private Builder() {}

    /**
     * Uses this client, which the host starts before {@link #start()} and closes after.
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
     * Builds a client of the pool's own for this connect string ({@code host:port,...}); the pool
     * starts it in {@link #start()} and closes it in {@link #close()}.
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
     * The session timeout of the pool's own client; default 15 s. It bounds how long the peers keep
     * counting a node that died without deregistering.
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
     * The connection timeout of the pool's own client; default 5 s.
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
     * Authenticates the pool's own client with this ZooKeeper digest identity, and creates the
     * scrapers folder and this node's ephemeral node with all rights for it and read rights for
     * everyone. Only with {@link #connectString}; configure your own client's authorization and
     * {@code ACLProvider} yourself. Folders created on the way ({@code <root>}, {@code
     * <root>/scraper}) get the same ACL, so give the pool and the job store one identity, or create
     * the folders beforehand.
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
     * The root of the layout; default {@code /vulcan}. Members register under {@code
     * <root>/scraper/scrapers}.
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
     * This node's id, unique in the pool; default a random UUID.
     *
     * @param id the id, also the name of this node's ephemeral node
     * @return this builder
     * @throws IllegalArgumentException when {@code id} is not a valid ZooKeeper node name: empty,
     *     {@code .}, {@code ..}, or holding {@code /} or a character ZooKeeper refuses
     */
    public Builder id(String id) {
      Objects.requireNonNull(id, "id");
      if (id.isEmpty() || id.indexOf('/') >= 0 || id.equals(".") || id.equals("..")) {
        throw new IllegalArgumentException("id must be a ZooKeeper node name: \"" + id + "\"");
      }
      PathUtils.validatePath("/" + id);
      this.id = id;
      return this;
    }

    /**
     * This node's weight in the consistent hash; default 1.
     *
     * @param weight the weight, relative to the other members'; positive and finite
     * @return this builder
     * @throws IllegalArgumentException when {@code weight} is not positive and finite
     */
    public Builder weight(double weight) {
      if (!(weight > 0) || Double.isInfinite(weight)) {
        throw new IllegalArgumentException("weight must be positive and finite: " + weight);
      }
      this.weight = weight;
      return this;
    }

    /**
     * The {@code host} attribute peers see; default none.
     *
     * @param host this node's host name or address, for display; not null
     * @return this builder
     */
    public Builder host(String host) {
      attributes.put("host", Objects.requireNonNull(host, "host"));
      return this;
    }

    /**
     * The {@code version} attribute peers see; default none.
     *
     * @param version this node's software version, for display; not null
     * @return this builder
     */
    public Builder version(String version) {
      attributes.put("version", Objects.requireNonNull(version, "version"));
      return this;
    }

    /**
     * How long {@link #deregister()} waits for the store to confirm the deletion; positive; default
     * 5 s.
     *
     * @param timeout the wait; positive
     * @return this builder
     * @throws IllegalArgumentException when {@code timeout} is zero or negative
     */
    public Builder deregisterTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("deregister timeout must be > 0: " + timeout);
      }
      this.deregisterTimeout = timeout;
      return this;
    }

    /**
     * Builds the pool, not yet started.
     *
     * @return the pool; call {@link ZooKeeperPool#start()} to register and watch
     * @throws IllegalStateException unless exactly one of {@link #client} and {@link
     *     #connectString} was set
     */
    public ZooKeeperPool build() {
      return new ZooKeeperPool(this);
    }
  }
}
