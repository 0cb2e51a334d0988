package io.github.vulcanscraper.zookeeper;

import io.github.vulcanscraper.api.Job;
import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.api.JobWatcher;
import io.github.vulcanscraper.api.SnapshotListener;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.api.TargetWatcher;
import io.github.vulcanscraper.api.Targeter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The union of the targets of a job watcher's jobs, for the end-to-end test. A stand-in for core's
 * {@code JobTargets}, which at the time of writing calls {@code Job.watch} while holding its lock:
 * with a {@code ScrapeConfigJob}, whose discovery thread delivers while holding the job run's lock,
 * the two threads deadlock. This one subscribes to and closes jobs outside its lock.
 */
final class JobUnion implements TargetWatcher {
  private final JobWatcher jobs;

  JobUnion(JobWatcher jobs) {
    this.jobs = jobs;
  }

  @Override
  public Subscription watch(SnapshotListener<List<Targeter>> listener) {
    Union union = new Union();
    return jobs.watch(list -> union.onJobs(list, listener));
  }

  /** One subscription's state. */
  private static final class Union {
    private final Object lock = new Object();
    private final Map<JobName, Job> running = new HashMap<>();
    private final Map<JobName, Subscription> subscriptions = new HashMap<>();
    private final Map<JobName, List<Targeter>> targets = new TreeMap<>();

    private void onJobs(List<Job> list, SnapshotListener<List<Targeter>> listener) {
      List<Subscription> stale = new ArrayList<>();
      List<Job> fresh = new ArrayList<>();
      synchronized (lock) {
        Map<JobName, Job> next = new HashMap<>();
        list.forEach(j -> next.put(j.name(), j));
        for (JobName name : new ArrayList<>(running.keySet())) {
          if (next.get(name) != running.get(name)) {
            running.remove(name);
            targets.remove(name);
            Subscription s = subscriptions.remove(name);
            if (s != null) {
              stale.add(s);
            }
          }
        }
        for (Job j : list) {
          if (!running.containsKey(j.name())) {
            running.put(j.name(), j);
            fresh.add(j);
          }
        }
        deliver(listener);
      }
      stale.forEach(Subscription::close);
      for (Job j : fresh) {
        Subscription s =
            j.watch(
                snapshot -> {
                  synchronized (lock) {
                    if (running.get(j.name()) == j) {
                      targets.put(j.name(), List.copyOf(snapshot));
                      deliver(listener);
                    }
                  }
                });
        synchronized (lock) {
          subscriptions.put(j.name(), s);
        }
      }
    }

    private void deliver(SnapshotListener<List<Targeter>> listener) {
      List<Targeter> all = new ArrayList<>();
      targets.values().forEach(all::addAll);
      listener.onSnapshot(List.copyOf(all));
    }
  }
}
