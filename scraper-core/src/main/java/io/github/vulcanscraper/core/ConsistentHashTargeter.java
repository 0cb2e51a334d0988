package io.github.vulcanscraper.core;

import io.github.vulcanscraper.api.Member;
import io.github.vulcanscraper.api.Pool;
import io.github.vulcanscraper.api.SnapshotListener;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.api.TargetWatcher;
import io.github.vulcanscraper.api.Targeter;
import io.github.vulcanscraper.core.internal.Hashing;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TargetWatcher} that keeps, of another watcher's targets, those a consistent hash over a
 * {@link Pool}'s members gives to this node ({@link Pool#id()}).
 *
 * <p>Placement is rendezvous hashing: a target's owner depends only on its {@link Targeter#key()}
 * and the member set, never on the other targets, so nodes that briefly see different target lists
 * still agree on every target they both see; when a member joins it takes about {@code 1/(n+1)} of
 * the targets, all of them from the others, and nothing else moves. With a replication factor R the
 * R best-placed members each scrape the target (their writes are the same series at the same slot
 * timestamps). Members are weighted by {@link Member#weight()}.
 *
 * <p>Each subscription delivers an {@link OwnedTargets} snapshot once both the targets and the
 * members are known, then whenever either changes the owned set or the set of targets owned
 * elsewhere. A node absent from the member set (not registered yet, or deregistered for a graceful
 * leave) is placed as if it were a member of weight 1: it keeps scraping its share until it is
 * closed; the overlap with the node that takes over writes the same series and timestamps.
 *
 * <pre>{@code
 * TargetWatcher mine = ConsistentHashTargeter.builder(allTargets, pool).replicas(1).build();
 * Scraper scraper = Scraper.builder(mine, writer).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class ConsistentHashTargeter implements TargetWatcher {
  private static final Logger log = LoggerFactory.getLogger(ConsistentHashTargeter.class);

  private final TargetWatcher targets;
  private final Pool pool;
  private final int replicas;

  private ConsistentHashTargeter(Builder b) {
    this.targets = b.targets;
    this.pool = b.pool;
    this.replicas = b.replicas;
  }

  /**
   * A builder filtering {@code targets} by the members of {@code pool}.
   *
   * @param targets the source of all targets, each node seeing the same
   * @param pool the member set this node belongs to
   * @return a new builder
   */
  public static Builder builder(TargetWatcher targets, Pool pool) {
    return new Builder(targets, pool);
  }

  /**
   * The replication factor: how many members scrape each target.
   *
   * @return the replication factor, at least 1
   */
  public int replicas() {
    return replicas;
  }

  @Override
  public Subscription watch(SnapshotListener<List<Targeter>> listener) {
    Objects.requireNonNull(listener, "listener");
    HashSubscription s = new HashSubscription(listener);
    s.start();
    return s;
  }

  /**
   * Splits {@code all} into the targets {@code self} owns and the keys owned elsewhere.
   *
   * @param all the targets, unique by key
   * @param members the live members; {@code self} is added (weight 1) when absent
   */
  static OwnedTargets assign(List<Targeter> all, Set<Member> members, String self, int replicas) {
    Set<Member> placed = members;
    if (members.stream().noneMatch(m -> m.id().equals(self))) {
      placed = new HashSet<>(members);
      placed.add(Member.of(self));
    }
    Rendezvous hash = new Rendezvous(placed);
    int me = hash.indexOf(self);
    List<Targeter> owned = new ArrayList<>();
    for (Targeter t : all) {
      if (hash.owns(keyHash(t), me, replicas)) {
        owned.add(t);
      }
    }
    return OwnedTargets.split(owned, all);
  }

  private static long keyHash(Targeter t) {
    return t instanceof HTTPTarget ? ((HTTPTarget) t).keyHash() : Hashing.hash64(t.key());
  }

  @Override
  public String toString() {
    return "ConsistentHashTargeter{pool=" + pool.id() + ", replicas=" + replicas + "}";
  }

  /** One subscriber's view: the latest targets and members, and what it last delivered. */
  private final class HashSubscription implements Subscription {
    private final SnapshotListener<List<Targeter>> listener;
    private final Object lock = new Object();
    private @Nullable List<Targeter> latestTargets;
    private @Nullable Set<Member> latestMembers;
    private @Nullable OwnedTargets delivered;
    private @Nullable List<Targeter> deliveredFrom;
    private boolean closed;
    private @Nullable Subscription targetSubscription;
    private @Nullable Subscription poolSubscription;

    HashSubscription(SnapshotListener<List<Targeter>> listener) {
      this.listener = listener;
    }

    void start() {
      Subscription t = targets.watch(new Forward<>(this::onTargets));
      Subscription p = pool.watch(new Forward<>(this::onMembers));
      synchronized (lock) {
        targetSubscription = t;
        poolSubscription = p;
        if (closed) {
          t.close();
          p.close();
        }
      }
    }

    private void onTargets(List<Targeter> snapshot) {
      synchronized (lock) {
        latestTargets = List.copyOf(snapshot);
        update();
      }
    }

    private void onMembers(Set<Member> snapshot) {
      synchronized (lock) {
        latestMembers = Set.copyOf(snapshot);
        update();
      }
    }

    private void update() {
      if (closed || latestTargets == null || latestMembers == null) {
        return;
      }
      OwnedTargets next = assign(latestTargets, latestMembers, pool.id(), replicas);
      if (delivered != null && delivered.equals(next) && latestTargets.equals(deliveredFrom)) {
        return;
      }
      delivered = next;
      deliveredFrom = latestTargets;
      try {
        listener.onSnapshot(next);
      } catch (RuntimeException e) {
        log.warn("target listener failed on a snapshot of {} targets", next.size(), e);
      }
    }

    private void onError(Exception error) {
      synchronized (lock) {
        if (!closed) {
          listener.onError(error);
        }
      }
    }

    @Override
    public void close() {
      @Nullable Subscription t;
      @Nullable Subscription p;
      synchronized (lock) {
        closed = true;
        t = targetSubscription;
        p = poolSubscription;
      }
      if (t != null) {
        t.close();
      }
      if (p != null) {
        p.close();
      }
    }

    /** Routes one upstream watcher's snapshots and errors to this subscription. */
    private final class Forward<T> implements SnapshotListener<T> {
      private final java.util.function.Consumer<T> onSnapshot;

      Forward(java.util.function.Consumer<T> onSnapshot) {
        this.onSnapshot = onSnapshot;
      }

      @Override
      public void onSnapshot(T snapshot) {
        onSnapshot.accept(snapshot);
      }

      @Override
      public void onError(Exception error) {
        HashSubscription.this.onError(error);
      }
    }
  }

  /** Builds a {@link ConsistentHashTargeter}. Not thread-safe. */
  public static final class Builder {
    private final TargetWatcher targets;
    private final Pool pool;
    private int replicas = 1;

    private Builder(TargetWatcher targets, Pool pool) {
      this.targets = Objects.requireNonNull(targets, "targets");
      this.pool = Objects.requireNonNull(pool, "pool");
    }

    /**
     * Sets the replication factor R: each target is scraped by the R members that rank it highest
     * (all members when there are fewer). Default 1.
     *
     * @param replicas the number of members scraping each target; >= 1
     * @return this builder
     * @throws IllegalArgumentException when {@code replicas < 1}
     */
    public Builder replicas(int replicas) {
      if (replicas < 1) {
        throw new IllegalArgumentException("replicas must be >= 1: " + replicas);
      }
      this.replicas = replicas;
      return this;
    }

    /**
     * The targeter.
     *
     * @return a new, immutable targeter; its subscriptions watch the targets and the pool
     */
    public ConsistentHashTargeter build() {
      return new ConsistentHashTargeter(this);
    }
  }
}
