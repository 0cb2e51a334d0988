package io.github.vulcanscraper.core;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scraper's own fetch threads: at most {@code maxThreads}, started when a task finds none idle,
 * ended after {@code keepAlive} idle.
 *
 * <p>A task goes to the thread that went idle <em>last</em>. At a node's usual load (a scrape every
 * few milliseconds, each done in one or two) one or two threads then run every scrape with their
 * caches warm, and the others stay parked until a burst needs them. A {@link
 * java.util.concurrent.ThreadPoolExecutor} hands each task to the thread idle the longest, so every
 * scrape ran on a cold thread in turn. Tasks that find every thread busy wait in arrival order.
 *
 * <p>Thread-safe.
 */
final class FetchPool implements Executor, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FetchPool.class);

  private final int maxThreads;
  private final long keepAliveNanos;
  private final String namePrefix;
  private final ReentrantLock lock = new ReentrantLock();
  // Guarded by lock.
  private final ArrayDeque<Runnable> backlog = new ArrayDeque<>();
  private final ArrayDeque<Fetcher> idle = new ArrayDeque<>(); // a stack: the head went idle last
  private final Set<Fetcher> running = new HashSet<>();
  private boolean closed;
  private int started; // threads started, for their names

  FetchPool(int maxThreads, Duration keepAlive, String namePrefix) {
    if (maxThreads < 1) {
      throw new IllegalArgumentException("maxThreads must be > 0: " + maxThreads);
    }
    this.maxThreads = maxThreads;
    this.keepAliveNanos = keepAlive.toNanos();
    this.namePrefix = namePrefix;
  }

  /**
   * Runs {@code task} on the thread that went idle last, on a new thread when none is idle and
   * fewer than {@code maxThreads} run, or later, after the tasks already waiting.
   *
   * @throws RejectedExecutionException after {@link #close()}
   */
  @Override
  public void execute(Runnable task) {
    Fetcher handedTo;
    lock.lock();
    try {
      if (closed) {
        throw new RejectedExecutionException("the fetch pool is closed");
      }
      handedTo = idle.pollFirst();
      if (handedTo != null) {
        handedTo.next = task;
      } else if (running.size() < maxThreads) {
        Fetcher f = new Fetcher(task);
        running.add(f);
        f.thread.start();
        return;
      } else {
        backlog.addLast(task);
        return;
      }
    } finally {
      lock.unlock();
    }
    LockSupport.unpark(handedTo.thread);
  }

  /** Refuses new tasks, drops the waiting ones, and interrupts the running ones. Idempotent. */
  @Override
  public void close() {
    lock.lock();
    try {
      closed = true;
      backlog.clear();
      idle.clear();
      for (Fetcher f : running) {
        f.thread.interrupt();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Threads alive now, idle or not. */
  int threadCount() {
    lock.lock();
    try {
      return running.size();
    } finally {
      lock.unlock();
    }
  }

  /** Threads parked waiting for a task. */
  int idleCount() {
    lock.lock();
    try {
      return idle.size();
    } finally {
      lock.unlock();
    }
  }

  /** One pool thread and the task handed to it while it was idle. */
  private final class Fetcher implements Runnable {
    final Thread thread;
    @Nullable Runnable next; // guarded by lock

    Fetcher(Runnable first) {
      this.next = first;
      this.thread = new Thread(this, namePrefix + ++started); // under lock, from execute()
      thread.setDaemon(true);
    }

    @Override
    public void run() {
      try {
        Runnable task;
        while ((task = nextTask()) != null) {
          try {
            task.run();
          } catch (RuntimeException e) {
            log.error("a fetch task failed", e);
          }
        }
      } finally { // also when a task threw an Error
        lock.lock();
        try {
          running.remove(this);
        } finally {
          lock.unlock();
        }
      }
    }

    /**
     * The next task: handed over, from the backlog, or waited for. Null when this thread ends; it
     * then has left {@code running} already, so a task arriving meanwhile starts a new thread.
     */
    private @Nullable Runnable nextTask() {
      lock.lock();
      try {
        Thread.interrupted(); // an interrupt of the last task ends with it; close() sets closed
        Runnable task = takeHandedOrWaiting();
        if (task != null || closed) {
          return endUnless(task);
        }
        idle.push(this);
        long deadline = System.nanoTime() + keepAliveNanos;
        while (true) {
          long left = deadline - System.nanoTime();
          if (next != null || closed || left <= 0) {
            idle.remove(this);
            return endUnless(takeHandedOrWaiting());
          }
          lock.unlock();
          try {
            LockSupport.parkNanos(this, left);
          } finally {
            lock.lock();
          }
        }
      } finally {
        lock.unlock();
      }
    }

    private @Nullable Runnable takeHandedOrWaiting() {
      Runnable task = next;
      next = null;
      return task != null ? task : backlog.pollFirst();
    }

    private @Nullable Runnable endUnless(@Nullable Runnable task) {
      if (task == null || closed) {
        running.remove(this);
        return null;
      }
      return task;
    }
  }

  @Override
  public String toString() {
    return "FetchPool{" + namePrefix + "*, max " + maxThreads + "}";
  }
}
