package io.github.vulcanscraper.api;

import java.util.Set;

/**
 * The live scraper nodes that share the work, this node among them. Each subscription receives the
 * complete member set first, promptly after {@link #watch}, then again on every change.
 *
 * <p>While the pool cannot reach its store it keeps delivering nothing new: the last snapshot stays
 * in force, so scraping continues on the last assignment. Implementations are thread-safe.
 */
public interface Pool {
  /**
   * This node's member id.
   *
   * @return the id this node registered under, unique in the pool
   */
  String id();

  /**
   * Subscribes to the member set.
   *
   * @param listener receives the live members (this node among them once registered); must not
   *     throw
   * @return the subscription; closing it stops deliveries
   */
  Subscription watch(SnapshotListener<Set<Member>> listener);
}
