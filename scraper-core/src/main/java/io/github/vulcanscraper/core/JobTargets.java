package io.github.vulcanscraper.core;

import io.github.vulcanscraper.api.Job;
import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.api.JobWatcher;
import io.github.vulcanscraper.api.SnapshotListener;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.api.TargetWatcher;
import io.github.vulcanscraper.api.Targeter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The targets of all the jobs of a {@link JobWatcher}, as one {@link TargetWatcher}: a full
 * snapshot, the union of every job's latest targets, after the job list arrives and whenever a job
 * or its targets change. A job delivered again as an equal instance keeps its subscription (its
 * discovery keeps running); a changed or removed job's subscription is closed.
 *
 * <pre>{@code
 * TargetWatcher all = JobTargets.of(jobWatcher);
 * }</pre>
 *
 * <p>Should two jobs deliver targets with the same key, the first job in the job list wins.
 * Thread-safe.
 */
public final class JobTargets implements TargetWatcher {
  private static final Logger log = LoggerFactory.getLogger(JobTargets.class);

  private final JobWatcher jobs;

  private JobTargets(JobWatcher jobs) {
    this.jobs = jobs;
  }

  /**
   * The targets of the jobs {@code jobs} delivers.
   *
   * @param jobs the source of the job list
   * @return a watcher of the jobs' combined targets
   */
  public static JobTargets of(JobWatcher jobs) {
    return new JobTargets(Objects.requireNonNull(jobs, "jobs"));
  }

  @Override
  public Subscription watch(SnapshotListener<List<Targeter>> listener) {
    Union u = new Union(Objects.requireNonNull(listener, "listener"));
    Subscription s =
        jobs.watch(
            new SnapshotListener<>() {
              @Override
              public void onSnapshot(List<Job> snapshot) {
                u.onJobs(snapshot);
              }

              @Override
              public void onError(Exception error) {
                u.onError(error);
              }
            });
    u.jobSubscription(s);
    return u;
  }

  @Override
  public String toString() {
    return "JobTargets{" + jobs + "}";
  }

  /** One subscriber's union of the jobs' targets. */
  private static final class Union implements Subscription {
    private final SnapshotListener<List<Targeter>> listener;
    private final Object lock = new Object();
    private final Map<JobName, Running> running = new LinkedHashMap<>();
    private @Nullable Subscription jobSubscription;
    private boolean haveJobs;
    private boolean closed;

    Union(SnapshotListener<List<Targeter>> listener) {
      this.listener = listener;
    }

    void jobSubscription(Subscription s) {
      synchronized (lock) {
        jobSubscription = s;
        if (closed) {
          s.close();
        }
      }
    }

    /**
     * Takes a new job list. Jobs are subscribed to and unsubscribed from outside the lock: a job
     * may deliver from its own thread while holding its own lock, so calling into a job while
     * holding ours could deadlock. Calls never overlap (the job watcher's contract), so the
     * bookkeeping done under the lock stays consistent across the unlocked part.
     */
    void onJobs(List<Job> jobs) {
      List<Subscription> stale = new ArrayList<>();
      List<Running> fresh = new ArrayList<>();
      synchronized (lock) {
        if (closed) {
          return;
        }
        Map<JobName, Job> next = new LinkedHashMap<>();
        for (Job j : jobs) {
          next.putIfAbsent(j.name(), j);
        }
        Map<JobName, Running> replaced = new LinkedHashMap<>();
        for (Running r : new ArrayList<>(running.values())) {
          Job j = next.get(r.job.name());
          if (j == null || !j.equals(r.job)) {
            running.remove(r.job.name());
            replaced.put(r.job.name(), r);
            if (r.subscription != null) {
              stale.add(r.subscription);
            }
          }
        }
        Map<JobName, Running> ordered = new LinkedHashMap<>();
        for (Job j : next.values()) {
          Running r = running.get(j.name());
          if (r == null) {
            r = new Running(j);
            // A changed job keeps its previous targets until its new version delivers, so a
            // config change is not taken for a removal (no staleness markers, no gap).
            Running previous = replaced.get(j.name());
            if (previous != null) {
              r.targets = previous.targets;
            }
            fresh.add(r);
          }
          ordered.put(j.name(), r);
        }
        running.clear();
        running.putAll(ordered);
        haveJobs = true;
        deliver();
      }
      stale.forEach(Subscription::close);
      for (Running r : fresh) {
        Subscription s = r.job.watch(r);
        boolean keep;
        synchronized (lock) {
          keep = !closed && running.get(r.job.name()) == r;
          if (keep) {
            r.subscription = s;
          }
        }
        if (!keep) {
          s.close();
        }
      }
    }

    void onError(Exception error) {
      synchronized (lock) {
        if (!closed) {
          listener.onError(error);
        }
      }
    }

    private void deliver() {
      if (!haveJobs || closed) {
        return;
      }
      List<Targeter> union = new ArrayList<>();
      Set<String> keys = new HashSet<>();
      for (Running r : running.values()) {
        for (Targeter t : r.targets) {
          if (keys.add(t.key())) {
            union.add(t);
          }
        }
      }
      try {
        listener.onSnapshot(List.copyOf(union));
      } catch (RuntimeException e) {
        log.warn("target listener failed on a snapshot of {} targets", union.size(), e);
      }
    }

    @Override
    public void close() {
      List<Subscription> toClose = new ArrayList<>();
      synchronized (lock) {
        if (closed) {
          return;
        }
        closed = true;
        if (jobSubscription != null) {
          toClose.add(jobSubscription);
        }
        for (Running r : running.values()) {
          if (r.subscription != null) {
            toClose.add(r.subscription);
          }
        }
        running.clear();
      }
      toClose.forEach(Subscription::close);
    }

    /** A watched job and its latest targets. */
    private final class Running implements SnapshotListener<List<Targeter>> {
      final Job job;
      List<Targeter> targets = List.of();
      @Nullable Subscription subscription;

      Running(Job job) {
        this.job = job;
      }

      @Override
      public void onSnapshot(List<Targeter> snapshot) {
        synchronized (lock) {
          targets = List.copyOf(snapshot);
          if (running.get(job.name()) == this) {
            deliver();
          }
        }
      }

      @Override
      public void onError(Exception error) {
        Union.this.onError(error);
      }
    }
  }
}
