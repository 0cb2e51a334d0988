package io.github.vulcanscraper.core.config;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.api.Labels;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One target after target relabeling, as Prometheus builds it from a scrape config and a discovered
 * label set (see {@link TargetLabels}): the URL to scrape, the schedule and the labels every sample
 * of the target gets.
 *
 * <p>Immutable and thread-safe.
 */
public final class ScrapeTarget {
  private final JobName job;
  private final Labels labels;
  private final Labels discoveredLabels;
  private final URI url;
  private final Duration interval;
  private final Duration timeout;
  private final String instance;

  ScrapeTarget(
      JobName job,
      Labels labels,
      Labels discoveredLabels,
      URI url,
      Duration interval,
      Duration timeout,
      String instance) {
    this.job = job;
    this.instance = instance;
    this.labels = labels;
    this.discoveredLabels = discoveredLabels;
    this.url = url;
    this.interval = interval;
    this.timeout = timeout;
  }

  /**
   * The scrape config's job name (the {@code job} label may have been relabeled).
   *
   * @return the job name
   */
  public JobName job() {
    return job;
  }

  /**
   * The target's labels: everything left after relabeling except the labels starting with {@code
   * __}; {@code job} and {@code instance} among them.
   *
   * @return the final labels
   */
  public Labels labels() {
    return labels;
  }

  /**
   * The labels before relabeling, with {@code __meta_*}, {@code __address__} and the defaults.
   *
   * @return the discovered labels
   */
  public Labels discoveredLabels() {
    return discoveredLabels;
  }

  /**
   * The {@code instance} label: the target's identity within its job.
   *
   * @return the instance, never empty
   */
  public String instance() {
    return instance;
  }

  /**
   * The URL to scrape: {@code <__scheme__>://<__address__><__metrics_path__>?<params>}.
   *
   * @return the URL
   */
  public URI url() {
    return url;
  }

  /**
   * How often to scrape; from {@code __scrape_interval__}.
   *
   * @return the interval, positive
   */
  public Duration interval() {
    return interval;
  }

  /**
   * How long a scrape may take; from {@code __scrape_timeout__}; at most the interval.
   *
   * @return the timeout, positive
   */
  public Duration timeout() {
    return timeout;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof ScrapeTarget)) {
      return false;
    }
    ScrapeTarget t = (ScrapeTarget) o;
    return job.equals(t.job)
        && labels.equals(t.labels)
        && discoveredLabels.equals(t.discoveredLabels)
        && url.equals(t.url)
        && interval.equals(t.interval)
        && timeout.equals(t.timeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(job, labels, discoveredLabels, url, interval, timeout);
  }

  @Override
  public String toString() {
    return "ScrapeTarget{url="
        + Redaction.url(url)
        + ", labels="
        + labels
        + ", interval="
        + Durations.format(interval)
        + ", timeout="
        + Durations.format(timeout)
        + "}";
  }
}
