package io.github.vulcanscraper.discovery;

import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon threads shared by every discovery run for its refreshes and retries. A refresh holds a
 * thread at most for its timeout (a DNS query, an HTTP SD request), so a few threads serve many
 * runs.
 */
final class DiscoveryExecutor {
  static final ScheduledThreadPoolExecutor SHARED = create();

  private DiscoveryExecutor() {}

  private static ScheduledThreadPoolExecutor create() {
    AtomicInteger n = new AtomicInteger();
    ThreadFactory threads =
        r -> {
          Thread t = new Thread(r, "vulcan-discovery-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        };
    int size = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(size, threads);
    e.setRemoveOnCancelPolicy(true);
    return e;
  }
}
