package io.github.vulcanscraper.discovery;

import io.github.vulcanscraper.api.SnapshotListener;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.core.discovery.TargetGroup;
import java.util.List;

/**
 * A service discovery mechanism: it finds the target groups of one discovery config (a {@code
 * dns_sd_config}, a {@code consul_sd_config}, ...) and follows them as they change.
 *
 * <p>Each {@link #watch} starts one independent discovery run that belongs to its subscription: the
 * run queries its backend, hands the listener the complete list of groups once the first answer is
 * in, then again on every change, and stops when the subscription is closed. Nothing runs before
 * {@code watch} and nothing after {@code close}; a discoverer itself holds no resources, so it need
 * not be closed and may be watched any number of times.
 *
 * <p>When the backend fails (a DNS timeout, Consul down, an unreadable file, a malformed answer),
 * the last good groups stay in force, the failure goes to {@link SnapshotListener#onError} (and is
 * logged), and the run retries with backoff: first after one second, doubling, never later than the
 * mechanism's refresh interval. A run whose very first attempt fails reports the error and delivers
 * no snapshot until an attempt succeeds.
 *
 * <p>Implementations are immutable and thread-safe. Listener calls for one subscription never
 * overlap; a snapshot equal to the previous one is not delivered again.
 *
 * <pre>{@code
 * Discoverer dns = DnsDiscovery.builder().names("_node._tcp.example.com").build();
 * try (Subscription s = dns.watch(groups -> System.out.println(groups))) {
 *   ...
 * }
 * }</pre>
 */
public interface Discoverer {
  /**
   * Starts a discovery run for this listener.
   *
   * @param listener receives the full list of groups, ordered by source within the mechanism
   * @return the subscription; closing it stops the run and cancels what is under way
   */
  Subscription watch(SnapshotListener<List<TargetGroup>> listener);
}
