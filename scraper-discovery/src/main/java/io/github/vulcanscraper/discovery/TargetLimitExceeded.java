package io.github.vulcanscraper.discovery;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.ScrapeException;
import io.github.vulcanscraper.api.ScrapePolicy;
import io.github.vulcanscraper.api.Targeter;
import java.time.Duration;
import java.util.List;

/**
 * A target of a job over its {@code target_limit}: it keeps its place, key and schedule, but every
 * fetch fails, so it is written {@code up 0} with the reason, as Prometheus marks such targets
 * failed without scraping them.
 */
final class TargetLimitExceeded implements Targeter {
  private final Targeter target;
  private final String message;

  TargetLimitExceeded(Targeter target, int count, int limit) {
    this.target = target;
    this.message = "target_limit exceeded (number of targets: " + count + ", limit: " + limit + ")";
  }

  @Override
  public String key() {
    return target.key();
  }

  @Override
  public JobName job() {
    return target.job();
  }

  @Override
  public Labels labels() {
    return target.labels();
  }

  @Override
  public Duration interval() {
    return target.interval();
  }

  @Override
  public Duration timeout() {
    return target.timeout();
  }

  @Override
  public ScrapePolicy policy() {
    return target.policy();
  }

  @Override
  public List<MetricFamily> fetch() throws ScrapeException {
    throw new ScrapeException("target_limit", message);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TargetLimitExceeded
        && target.equals(((TargetLimitExceeded) o).target)
        && message.equals(((TargetLimitExceeded) o).message);
  }

  @Override
  public int hashCode() {
    return target.hashCode() * 31 + message.hashCode();
  }

  @Override
  public String toString() {
    return "TargetLimitExceeded{" + target + ", " + message + "}";
  }
}
