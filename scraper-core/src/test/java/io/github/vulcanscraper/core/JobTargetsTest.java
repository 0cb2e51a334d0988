package io.github.vulcanscraper.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vulcanscraper.api.Job;
import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.api.JobWatcher;
import io.github.vulcanscraper.api.SnapshotListener;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.api.Targeter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

final class JobTargetsTest {
  private static final Duration TEN = Duration.ofSeconds(10);

  /** A job watcher whose list the test sets. */
  private static final class SettableJobs implements JobWatcher {
    final List<SnapshotListener<List<Job>>> listeners = new CopyOnWriteArrayList<>();
    volatile List<Job> jobs;

    SettableJobs(List<Job> jobs) {
      this.jobs = jobs;
    }

    void set(List<Job> next) {
      jobs = next;
      listeners.forEach(l -> l.onSnapshot(next));
    }

    @Override
    public Subscription watch(SnapshotListener<List<Job>> listener) {
      listeners.add(listener);
      listener.onSnapshot(jobs);
      return () -> listeners.remove(listener);
    }
  }

  /** A job whose targets the test sets, counting its open subscriptions. */
  private static final class LiveJob implements Job {
    final JobName name;
    final SettableTargets targets;
    final AtomicInteger open = new AtomicInteger();

    LiveJob(String name, List<FakeTargeter> initial) {
      this.name = JobName.of(name);
      this.targets = new SettableTargets(initial);
    }

    @Override
    public JobName name() {
      return name;
    }

    @Override
    public Subscription watch(SnapshotListener<List<Targeter>> listener) {
      open.incrementAndGet();
      Subscription s = targets.watch(listener);
      return () -> {
        open.decrementAndGet();
        s.close();
      };
    }
  }

  private static List<String> keys(List<Targeter> targets) {
    return targets.stream().map(Targeter::key).sorted().collect(Collectors.toList());
  }

  @Test
  void deliversTheUnionOfAllJobsAndFollowsChanges() {
    LiveJob a = new LiveJob("a", List.of(new FakeTargeter("a1", TEN)));
    StaticJob b = StaticJob.of(JobName.of("b"), List.of(new FakeTargeter("b1", TEN)));
    SettableJobs jobs = new SettableJobs(List.of(a, b));
    List<List<Targeter>> seen = new ArrayList<>();
    Subscription s = JobTargets.of(jobs).watch(seen::add);
    assertThat(keys(seen.get(seen.size() - 1))).containsExactly("test/a1", "test/b1");

    a.targets.set(List.of(new FakeTargeter("a1", TEN), new FakeTargeter("a2", TEN)));
    assertThat(keys(seen.get(seen.size() - 1))).containsExactly("test/a1", "test/a2", "test/b1");

    jobs.set(List.of(a));
    assertThat(keys(seen.get(seen.size() - 1))).containsExactly("test/a1", "test/a2");

    s.close();
    a.targets.set(List.of());
    assertThat(keys(seen.get(seen.size() - 1))).hasSize(2);
    assertThat(a.open).hasValue(0);
  }

  @Test
  void keepsTheSubscriptionOfAnUnchangedJob() {
    LiveJob a = new LiveJob("a", List.of(new FakeTargeter("a1", TEN)));
    SettableJobs jobs = new SettableJobs(List.of(a));
    JobTargets.of(jobs).watch(t -> {});
    jobs.set(List.of(a, StaticJob.of(JobName.of("b"), List.of())));
    jobs.set(List.of(a));
    assertThat(a.open).hasValue(1);
  }

  @Test
  void staticJobsRejectDuplicateKeysAndCompareBySettings() {
    FakeTargeter t = new FakeTargeter("x", TEN);
    assertThatThrownBy(() -> StaticJob.of(JobName.of("j"), List.of(t, t)))
        .hasMessage("duplicate target key in job j: test/x");
    assertThat(StaticJob.of(JobName.of("j"), List.of(t)))
        .isEqualTo(StaticJob.of(JobName.of("j"), List.of(new FakeTargeter("x", TEN))))
        .isNotEqualTo(
            StaticJob.of(JobName.of("j"), List.of(t.withInterval(Duration.ofSeconds(5)))));
  }
}
