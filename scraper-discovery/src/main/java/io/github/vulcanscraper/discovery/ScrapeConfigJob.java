package io.github.vulcanscraper.discovery;

import io.github.vulcanscraper.api.Job;
import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.api.SnapshotListener;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.api.Targeter;
import io.github.vulcanscraper.core.config.ScrapeConfig;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Job} whose targets follow the service discovery of one Prometheus scrape config, as
 * Prometheus builds them: its discoverers' groups are merged, each target relabeled by {@code
 * relabel_configs} into an {@link io.github.vulcanscraper.core.HTTPTarget} with the job's URL,
 * labels, interval, timeout, scrape policy ({@code honor_labels}, limits, {@code
 * metric_relabel_configs}), HTTP client settings, body size limit and compression.
 *
 * <p>Each {@link #watch} starts the discoverers for that subscription. The first snapshot goes out
 * once every discoverer has answered once (a discoverer that failed counts as answered, with no
 * targets); after that, every change goes out as a full, key-sorted snapshot with at most one
 * targeter per key. A discoverer's failure keeps its last good targets and goes to {@link
 * SnapshotListener#onError}. A target that is invalid after relabeling (no address, a bad
 * interval...) is left out and logged; two targets with the same {@code job/instance} key keep the
 * first. Past {@code target_limit}, every target stays in the snapshot but fails each scrape with
 * {@code target_limit exceeded}, as in Prometheus.
 *
 * <p>Immutable and thread-safe. Two jobs are equal when their scrape configs and discovery options
 * are.
 *
 * <pre>{@code
 * PrometheusConfig config = PrometheusConfig.load(Path.of("prometheus.yml"));
 * List<ScrapeConfigJob> jobs = JobFactory.DEFAULT.jobs(config);
 * try (Subscription s = jobs.get(0).watch(targets -> scraper.update(targets))) {
 *   ...
 * }
 * }</pre>
 */
public final class ScrapeConfigJob implements Job {
  private final ScrapeConfig config;
  private final List<String> dnsServers;
  private final List<Discoverer> discoverers;

  ScrapeConfigJob(ScrapeConfig config, List<String> dnsServers) {
    this.config = Objects.requireNonNull(config, "config");
    this.dnsServers = List.copyOf(dnsServers);
    this.discoverers = SdConfigs.discoverers(config, this.dnsServers);
  }

  /**
   * The job of this scrape config, with the system's DNS resolvers.
   *
   * @param config the scrape config, as the configuration loader read it
   * @return the job, its discoverers made but not started
   * @throws IllegalArgumentException when a discovery section is not valid
   */
  public static ScrapeConfigJob of(ScrapeConfig config) {
    return new ScrapeConfigJob(config, List.of());
  }

  @Override
  public JobName name() {
    return config.jobName();
  }

  /**
   * The scrape config.
   *
   * @return the scrape config the job was made from
   */
  public ScrapeConfig config() {
    return config;
  }

  /**
   * The discoverers of the config's discovery sections, static ones first.
   *
   * @return the discoverers, unmodifiable; empty when the config has no discovery section
   */
  public List<Discoverer> discoverers() {
    return discoverers;
  }

  @Override
  public Subscription watch(SnapshotListener<List<Targeter>> listener) {
    return JobRun.start(this, listener);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScrapeConfigJob
        && config.equals(((ScrapeConfigJob) o).config)
        && dnsServers.equals(((ScrapeConfigJob) o).dnsServers);
  }

  @Override
  public int hashCode() {
    return config.hashCode() * 31 + dnsServers.hashCode();
  }

  @Override
  public String toString() {
    return "ScrapeConfigJob{" + config.jobName() + ", discoverers=" + discoverers + "}";
  }
}
