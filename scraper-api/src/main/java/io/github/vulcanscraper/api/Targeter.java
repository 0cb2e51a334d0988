package io.github.vulcanscraper.api;

import java.time.Duration;
import java.util.List;

/**
 * One scrape target: a stable key, a schedule and a way to fetch its metrics once.
 *
 * <p>The {@link #key()} identifies the target across snapshots and across nodes: the consistent
 * hash places a target by its key, the schedule is phased by its key and the Kafka record is keyed
 * by it. Two targeters with the same key are the same target; when a new snapshot holds a targeter
 * whose key is known but which is not {@link Object#equals equal} to the running one, the scraper
 * retargets (keeps the schedule's phase, takes the new settings). Implementations therefore
 * implement {@code equals} and {@code hashCode} over their settings.
 *
 * <p>Implementations are immutable and thread-safe; {@link #fetch()} may run on any thread, but
 * never twice at once for the same target.
 */
public interface Targeter {
  /**
   * The stable key of this target, conventionally {@code <job>/<instance>}.
   *
   * @return the key, never empty
   */
  String key();

  /**
   * The job this target belongs to.
   *
   * @return the job's name
   */
  JobName job();

  /**
   * The labels attached to every sample of this target, {@code job} and {@code instance} among
   * them. The default is {@link Labels#EMPTY}.
   *
   * @return the target labels, never null
   */
  default Labels labels() {
    return Labels.EMPTY;
  }

  /**
   * How often the target is scraped; positive.
   *
   * @return the scrape interval, positive
   */
  Duration interval();

  /**
   * How long one fetch may take; positive and at most {@link #interval()}. Defaults to it.
   *
   * @return the fetch timeout, positive and at most {@link #interval()}
   */
  default Duration timeout() {
    return interval();
  }

  /**
   * How the samples of a fetch are labelled, filtered and limited.
   *
   * @return the policy; {@link ScrapePolicy#DEFAULT} unless overridden
   */
  default ScrapePolicy policy() {
    return ScrapePolicy.DEFAULT;
  }

  /**
   * Fetches the target's metrics once, as exposed (before target labels, relabeling and limits).
   *
   * @return the families in exposition order, unlabelled; never null
   * @throws ScrapeException when the target cannot be scraped; its reason is recorded and the
   *     scrape is written with {@code up 0}
   */
  List<MetricFamily> fetch() throws ScrapeException;
}
