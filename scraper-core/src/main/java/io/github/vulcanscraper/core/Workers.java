package io.github.vulcanscraper.core;

import io.github.vulcanscraper.api.Targeter;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The running workers of a scraper, by target key, and their reconciliation with each snapshot:
 * start the new keys, stop the removed ones, retarget the changed ones (a targeter not {@code
 * equals} to the running one). A removed key that the snapshot says another node owns ({@link
 * OwnedTargets#isOwnedElsewhere}) is stopped without staleness markers; any other removal marks the
 * target's series stale.
 *
 * <p>Not thread-safe: the scraper calls it under its lock.
 */
final class Workers {
  private final ScrapeContext ctx;
  private final Map<String, Worker> byKey = new HashMap<>();

  Workers(ScrapeContext ctx) {
    this.ctx = ctx;
  }

  void reconcile(List<Targeter> snapshot) {
    Map<String, Targeter> next = new HashMap<>(snapshot.size() * 2);
    for (Targeter t : snapshot) {
      next.put(t.key(), t);
    }
    OwnedTargets owned = snapshot instanceof OwnedTargets ? (OwnedTargets) snapshot : null;
    for (Iterator<Map.Entry<String, Worker>> it = byKey.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Worker> e = it.next();
      if (!next.containsKey(e.getKey())) {
        boolean handedOff = owned != null && owned.isOwnedElsewhere(e.getKey());
        e.getValue().stop(!handedOff);
        it.remove();
      }
    }
    for (Targeter t : next.values()) {
      Worker w = byKey.get(t.key());
      if (w == null) {
        w = new Worker(t, ctx);
        byKey.put(t.key(), w);
        w.start();
      } else if (!w.target().equals(t)) {
        w.retarget(t);
      }
    }
    ctx.metrics.targetsOwned(byKey.size());
  }

  /** Stops every worker without staleness markers (the scraper closes; others take over). */
  void stopAll() {
    for (Worker w : byKey.values()) {
      w.stop(false);
    }
    byKey.clear();
    ctx.metrics.targetsOwned(0);
  }

  int size() {
    return byKey.size();
  }
}
