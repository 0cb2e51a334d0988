package io.github.vulcanscraper.core;

import io.github.vulcanscraper.api.Targeter;
import java.util.AbstractList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.RandomAccess;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of the targets this node owns that also says which other targets are alive on other
 * nodes. {@link ConsistentHashTargeter} delivers these; a {@link Scraper} uses {@link
 * #isOwnedElsewhere} to tell a target that left this node because ownership moved (no staleness
 * markers: the new owner continues its series) from one that left discovery (staleness markers).
 *
 * <p>A plain {@code List<Targeter>} from any other watcher is read as "nothing alive elsewhere".
 * Equality is that of a {@link List} (the owned targets, in order). Immutable and thread-safe.
 */
public final class OwnedTargets extends AbstractList<Targeter> implements RandomAccess {
  private final List<Targeter> owned;
  private final List<Targeter> all;
  private volatile @Nullable Set<String> elsewhere;

  private OwnedTargets(List<Targeter> owned, List<Targeter> all, @Nullable Set<String> elsewhere) {
    this.owned = owned;
    this.all = all;
    this.elsewhere = elsewhere;
  }

  /**
   * A snapshot.
   *
   * @param owned the targets this node scrapes, copied
   * @param elsewhere the keys of the targets that exist and are scraped by other nodes, copied
   * @return the snapshot
   */
  public static OwnedTargets of(List<Targeter> owned, Set<String> elsewhere) {
    return new OwnedTargets(List.copyOf(owned), List.of(), Set.copyOf(elsewhere));
  }

  /**
   * A snapshot whose keys owned elsewhere are those of {@code all} not in {@code owned}, computed
   * on first use (a scraper asks only when a target leaves). Takes {@code owned} over without a
   * copy: the caller must not change it afterwards.
   */
  static OwnedTargets split(List<Targeter> owned, List<Targeter> all) {
    return new OwnedTargets(Collections.unmodifiableList(owned), all, null);
  }

  /**
   * True when the target with this key still exists and another node owns it.
   *
   * @param key a target's {@link Targeter#key() key}
   * @return whether another node scrapes the target
   */
  public boolean isOwnedElsewhere(String key) {
    return elsewhere().contains(key);
  }

  /**
   * The keys of the targets other nodes own; immutable.
   *
   * @return the keys, empty when no target is owned elsewhere
   */
  public Set<String> elsewhere() {
    Set<String> e = elsewhere;
    if (e == null) {
      Set<String> keys = new HashSet<>(all.size() * 2);
      for (Targeter t : all) {
        keys.add(t.key());
      }
      for (Targeter t : owned) {
        keys.remove(t.key());
      }
      e = Collections.unmodifiableSet(keys);
      elsewhere = e;
    }
    return e;
  }

  @Override
  public Targeter get(int index) {
    return owned.get(index);
  }

  @Override
  public int size() {
    return owned.size();
  }
}
