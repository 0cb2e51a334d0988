package io.github.vulcanscraper.discovery;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.ScrapePolicy;
import io.github.vulcanscraper.api.SnapshotListener;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.api.Targeter;
import io.github.vulcanscraper.core.HTTPTarget;
import io.github.vulcanscraper.core.config.ScrapeConfig;
import io.github.vulcanscraper.core.config.ScrapeTarget;
import io.github.vulcanscraper.core.config.TargetLabels;
import io.github.vulcanscraper.core.discovery.TargetGroup;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One subscription to a {@link ScrapeConfigJob}: its discoverers' runs, the targets built from each
 * one's latest groups, and the merged snapshot. Targets are rebuilt only for the discoverer whose
 * groups changed. State is guarded by this run's monitor.
 */
final class JobRun implements Subscription {
  private static final Logger log = LoggerFactory.getLogger(JobRun.class);

  private final ScrapeConfig config;
  private final ScrapePolicy policy;
  private final String acceptHeader;
  private final Publisher<Targeter> publisher;
  private final List<@Nullable List<HTTPTarget>> built;
  private final boolean[] answered;
  private final List<Subscription> runs = new ArrayList<>();

  private JobRun(ScrapeConfigJob job, SnapshotListener<List<Targeter>> listener) {
    this.config = job.config();
    this.policy = config.scrapePolicy();
    this.acceptHeader = AcceptHeaders.of(config.scrapeProtocols());
    this.publisher = new Publisher<>("job " + config.jobName(), listener);
    int n = job.discoverers().size();
    this.built = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      built.add(null);
    }
    this.answered = new boolean[n];
  }

  static JobRun start(ScrapeConfigJob job, SnapshotListener<List<Targeter>> listener) {
    JobRun run = new JobRun(job, listener);
    List<Discoverer> discoverers = job.discoverers();
    if (discoverers.isEmpty()) {
      DiscoveryExecutor.SHARED.execute(() -> run.publisher.publish(List.of()));
      return run;
    }
    for (int i = 0; i < discoverers.size(); i++) {
      int index = i;
      Subscription s =
          discoverers
              .get(i)
              .watch(
                  new SnapshotListener<List<TargetGroup>>() {
                    @Override
                    public void onSnapshot(List<TargetGroup> groups) {
                      run.groups(index, groups);
                    }

                    @Override
                    public void onError(Exception error) {
                      run.failed(index, error);
                    }
                  });
      synchronized (run) {
        run.runs.add(s);
      }
    }
    return run;
  }

  private synchronized void groups(int index, List<TargetGroup> groups) {
    built.set(index, build(groups));
    answered[index] = true;
    publishIfReady();
  }

  private synchronized void failed(int index, Exception error) {
    publisher.fail(error);
    answered[index] = true;
    publishIfReady();
  }

  private List<HTTPTarget> build(List<TargetGroup> groups) {
    List<HTTPTarget> targets = new ArrayList<>();
    for (TargetGroup group : groups) {
      for (ScrapeTarget t : TargetLabels.fromGroup(config, group, this::invalid)) {
        try {
          targets.add(
              HTTPTarget.builder()
                  .url(t.url())
                  .job(config.jobName())
                  .labels(t.labels())
                  .interval(t.interval())
                  .timeout(t.timeout())
                  .policy(policy)
                  .httpClientConfig(config.httpClient())
                  .bodySizeLimit(config.bodySizeLimit())
                  .enableCompression(config.enableCompression())
                  .acceptHeader(acceptHeader)
                  .build());
        } catch (IllegalArgumentException | IllegalStateException e) {
          invalid(t.discoveredLabels(), e);
        }
      }
    }
    return targets;
  }

  private void invalid(Labels target, RuntimeException e) {
    log.warn("job {}: dropping target {}: {}", config.jobName(), target, e.getMessage());
  }

  private void publishIfReady() {
    for (boolean a : answered) {
      if (!a) {
        return;
      }
    }
    Map<String, Targeter> byKey = new LinkedHashMap<>();
    int duplicates = 0;
    for (List<HTTPTarget> targets : built) {
      if (targets == null) {
        continue;
      }
      for (HTTPTarget t : targets) {
        if (byKey.putIfAbsent(t.key(), t) != null) {
          duplicates++;
        }
      }
    }
    if (duplicates > 0) {
      log.debug(
          "job {}: {} targets with a key seen before were left out", config.jobName(), duplicates);
    }
    List<Targeter> snapshot = new ArrayList<>(byKey.values());
    snapshot.sort(Comparator.comparing(Targeter::key));
    int limit = config.targetLimit();
    if (limit > 0 && snapshot.size() > limit) {
      int count = snapshot.size();
      snapshot.replaceAll(t -> new TargetLimitExceeded(t, count, limit));
      publisher.fail(
          new IllegalStateException(
              "job "
                  + config.jobName()
                  + ": target_limit exceeded (number of targets: "
                  + count
                  + ", limit: "
                  + limit
                  + ")"));
    }
    publisher.publish(snapshot);
  }

  @Override
  public void close() {
    publisher.close();
    List<Subscription> all;
    synchronized (this) {
      all = new ArrayList<>(runs);
    }
    all.forEach(Subscription::close);
  }
}
