package io.github.vulcanscraper.core;

import io.github.vulcanscraper.api.Job;
import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.api.SnapshotListener;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.api.Targeter;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link Job} with a fixed list of targets. Watching it delivers the list once, on the calling
 * thread, before {@link #watch} returns. Two static jobs are equal when their names and targets
 * are.
 *
 * <pre>{@code
 * Job job = StaticJob.of(JobName.of("node"), List.of(target1, target2));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class StaticJob implements Job {
  private final JobName name;
  private final List<Targeter> targets;

  private StaticJob(JobName name, List<Targeter> targets) {
    this.name = Objects.requireNonNull(name, "name");
    this.targets = List.copyOf(targets);
    Set<String> keys = new HashSet<>();
    for (Targeter t : this.targets) {
      if (!keys.add(t.key())) {
        throw new IllegalArgumentException("duplicate target key in job " + name + ": " + t.key());
      }
    }
  }

  /**
   * A job with these targets.
   *
   * @param name the job's name
   * @param targets the targets; copied
   * @return the job, whose watchers get the same list on subscription and never again
   * @throws IllegalArgumentException when two targets have the same key
   */
  public static StaticJob of(JobName name, List<? extends Targeter> targets) {
    return new StaticJob(name, List.copyOf(targets));
  }

  @Override
  public JobName name() {
    return name;
  }

  /**
   * The job's targets; immutable.
   *
   * @return the targets, in the order given
   */
  public List<Targeter> targets() {
    return targets;
  }

  @Override
  public Subscription watch(SnapshotListener<List<Targeter>> listener) {
    listener.onSnapshot(targets);
    return () -> {};
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StaticJob
        && ((StaticJob) o).name.equals(name)
        && ((StaticJob) o).targets.equals(targets);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + targets.hashCode();
  }

  @Override
  public String toString() {
    return "StaticJob{" + name + ", " + targets.size() + " targets}";
  }
}
