package io.github.vulcanscraper.examples.embedding;

import io.github.vulcanscraper.api.Member;
import io.github.vulcanscraper.api.Pool;
import io.github.vulcanscraper.api.SnapshotListener;
import io.github.vulcanscraper.api.Subscription;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A custom {@link Pool}: a fixed member list given at start-up, as vmagent's clustering takes
 * {@code -promscrape.cluster.membersCount} and {@code memberNum}. Every node is started with the
 * same list and its own id; no coordination service is needed, at the price of no automatic
 * take-over when a member dies.
 *
 * <pre>{@code
 * Pool pool = new FixedPool("scraper-1", List.of("scraper-0", "scraper-1", "scraper-2"));
 * TargetWatcher mine = ConsistentHashTargeter.builder(allTargets, pool).build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class FixedPool implements Pool {
  private final String id;
  private final Set<Member> members;

  /**
   * A pool of {@code memberIds}, this node being {@code id}.
   *
   * @param id this node's id, one of {@code memberIds}
   * @param memberIds the ids of every node in the pool, each with weight 1
   * @throws IllegalArgumentException when {@code id} is not among the members
   */
  public FixedPool(String id, List<String> memberIds) {
    if (!memberIds.contains(id)) {
      throw new IllegalArgumentException("node " + id + " is not in the member list " + memberIds);
    }
    Set<Member> set = new LinkedHashSet<>();
    memberIds.forEach(m -> set.add(Member.of(m)));
    this.id = id;
    this.members = Set.copyOf(set);
  }

  @Override
  public String id() {
    return id;
  }

  /** Delivers the fixed member set once; it never changes. */
  @Override
  public Subscription watch(SnapshotListener<Set<Member>> listener) {
    listener.onSnapshot(members);
    return () -> {};
  }
}
