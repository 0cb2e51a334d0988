package io.github.vulcanscraper.core;

import java.time.Duration;
import java.util.PriorityQueue;

/** A scheduler whose time moves only when a test says so; due tasks run on the test's thread. */
final class FakeScheduler implements Scheduler {
  private final PriorityQueue<Task> queue =
      new PriorityQueue<>(
          (a, b) -> a.at != b.at ? Long.compare(a.at, b.at) : Long.compare(a.seq, b.seq));
  private long now;
  private long seq;

  FakeScheduler(long startMillis) {
    this.now = startMillis;
  }

  @Override
  public synchronized long currentTimeMillis() {
    return now;
  }

  @Override
  public synchronized Cancellable schedule(long epochMillis, Runnable task) {
    Task t = new Task(Math.max(epochMillis, now), seq++, task);
    queue.add(t);
    return () -> {
      synchronized (this) {
        queue.remove(t);
      }
    };
  }

  /** Moves time forward by {@code d}, running every task that comes due, in time order. */
  void advance(Duration d) {
    advanceTo(currentTimeMillis() + d.toMillis());
  }

  /** Moves time to {@code target}, running every task that comes due, in time order. */
  void advanceTo(long target) {
    while (true) {
      Task next;
      synchronized (this) {
        next = queue.peek();
        if (next == null || next.at > target) {
          now = Math.max(now, target);
          return;
        }
        queue.poll();
        now = next.at;
      }
      next.task.run();
    }
  }

  private static final class Task {
    final long at;
    final long seq;
    final Runnable task;

    Task(long at, long seq, Runnable task) {
      this.at = at;
      this.seq = seq;
      this.task = task;
    }
  }
}
