package io.github.vulcanscraper.discovery;

import io.github.vulcanscraper.core.config.PrometheusConfig;
import io.github.vulcanscraper.core.config.ScrapeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Makes {@link ScrapeConfigJob}s from scrape configs, with options that apply to all of them.
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * JobFactory jobs = JobFactory.builder().dnsServer("10.0.0.53:53").build();
 * List<ScrapeConfigJob> all = jobs.jobs(PrometheusConfig.load(Path.of("prometheus.yml")));
 * }</pre>
 */
public final class JobFactory {
  /** Jobs that use the system's DNS resolvers. */
  public static final JobFactory DEFAULT = builder().build();

  private final List<String> dnsServers;

  private JobFactory(Builder b) {
    this.dnsServers = List.copyOf(b.dnsServers);
  }

  /**
   * A builder with the defaults.
   *
   * @return a new builder: no DNS servers, so the system's resolvers
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The DNS servers asked by DNS discovery instead of the system's; may be empty.
   *
   * @return the servers as {@code HOST:PORT}, in the order given, unmodifiable
   */
  public List<String> dnsServers() {
    return dnsServers;
  }

  /**
   * The job of one scrape config.
   *
   * @param config the scrape config, as the configuration loader read it
   * @return the job, its discoverers made but not started
   * @throws IllegalArgumentException when a discovery section is not valid
   */
  public ScrapeConfigJob job(ScrapeConfig config) {
    return new ScrapeConfigJob(config, dnsServers);
  }

  /**
   * The jobs of every scrape config of a configuration, in its order.
   *
   * @param config the configuration, as the configuration loader read it
   * @return the jobs, unmodifiable; empty when the configuration has no scrape config
   * @throws IllegalArgumentException when a discovery section is not valid
   */
  public List<ScrapeConfigJob> jobs(PrometheusConfig config) {
    List<ScrapeConfigJob> jobs = new ArrayList<>();
    for (ScrapeConfig c : config.scrapeConfigs()) {
      jobs.add(job(c));
    }
    return List.copyOf(jobs);
  }

  @Override
  public String toString() {
    return "JobFactory{dnsServers=" + dnsServers + "}";
  }

  /** Builds a {@link JobFactory}. Not thread-safe. */
  public static final class Builder {
    private final List<String> dnsServers = new ArrayList<>();

    private Builder() {}

    /**
     * Adds a DNS server, {@code HOST:PORT}, for DNS discovery to ask instead of the system's
     * resolvers (the command line's {@code --dns-server}).
     *
     * @param hostPort the server's address, an IPv6 host in brackets
     * @return this builder
     * @throws IllegalArgumentException when it is not {@code HOST:PORT}
     */
    public Builder dnsServer(String hostPort) {
      HostPort.parse(Objects.requireNonNull(hostPort, "hostPort"));
      dnsServers.add(hostPort);
      return this;
    }

    /**
     * The factory.
     *
     * @return the factory, immutable
     */
    public JobFactory build() {
      return new JobFactory(this);
    }
  }
}
