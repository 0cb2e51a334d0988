package io.github.vulcanscraper.discovery;

import io.github.vulcanscraper.api.SnapshotListener;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.core.discovery.TargetGroup;
import java.util.List;

/**
 * Targets written into the config ({@code static_configs}): a fixed list of groups, delivered once
 * per subscription, promptly, and never changed. Immutable and thread-safe.
 *
 * <pre>{@code
 * Discoverer d = StaticDiscovery.of(List.of(
 *     TargetGroup.of("0", List.of(Labels.of("__address__", "localhost:9100")), Labels.EMPTY)));
 * }</pre>
 */
public final class StaticDiscovery implements Discoverer {
  private final List<TargetGroup> groups;

  private StaticDiscovery(List<TargetGroup> groups) {
    this.groups = List.copyOf(groups);
  }

  /**
   * A discoverer of these groups. As in Prometheus, the groups of a scrape config's {@code
   * static_configs} are usually sourced by their index ("0", "1", ...).
   *
   * @param groups the groups, copied; no nulls
   * @return the discoverer, immutable
   */
  public static StaticDiscovery of(List<TargetGroup> groups) {
    return new StaticDiscovery(groups);
  }

  /**
   * The groups.
   *
   * @return the groups, in the order given, unmodifiable
   */
  public List<TargetGroup> groups() {
    return groups;
  }

  /** Delivers the groups once, on a discovery thread, soon after this call. */
  @Override
  public Subscription watch(SnapshotListener<List<TargetGroup>> listener) {
    Publisher<TargetGroup> publisher = new Publisher<>("static", listener);
    DiscoveryExecutor.SHARED.execute(() -> publisher.publish(groups));
    return publisher::close;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StaticDiscovery && groups.equals(((StaticDiscovery) o).groups);
  }

  @Override
  public int hashCode() {
    return groups.hashCode();
  }

  @Override
  public String toString() {
    return "StaticDiscovery" + groups;
  }
}
