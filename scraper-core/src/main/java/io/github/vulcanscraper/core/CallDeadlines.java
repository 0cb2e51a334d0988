package io.github.vulcanscraper.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import okhttp3.Call;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cancels HTTP calls that outlive their scrape timeout, from one daemon thread that wakes only when
 * a deadline may have passed.
 *
 * <p>OkHttp's own call timeout registers every call with Okio's watchdog thread and, when no other
 * call is under way (the usual case: a scrape takes a few milliseconds every few milliseconds),
 * wakes that thread for each call. Here a call whose deadline is not the earliest one armed costs
 * no wake-up: the thread sleeps until the earliest deadline it knew of, then cancels what expired
 * and sleeps until the earliest deadline left. With one timeout for every target it wakes about
 * once per timeout, whatever the number of scrapes.
 *
 * <p>The same thread closes the scraper's own idle HTTP connections when their keep-alive time ends
 * ({@link Http1Connection}): any action can be armed.
 *
 * <p>Thread-safe.
 */
final class CallDeadlines {
  private static final Logger log = LoggerFactory.getLogger(CallDeadlines.class);

  /** The deadlines of every scrape of this JVM. */
  static final CallDeadlines SHARED = new CallDeadlines("vulcan-scrape-deadlines");

  private final String threadName;
  private final ReentrantLock lock = new ReentrantLock();
  // Guarded by lock.
  private final Set<Armed> armed = new HashSet<>();
  private @Nullable Thread sweeper;
  private long plannedWake = Long.MAX_VALUE; // nanoTime the sweeper sleeps until; MAX: no plan

  CallDeadlines(String threadName) {
    this.threadName = threadName;
  }

  /**
   * Cancels {@code call} after {@code timeoutNanos} unless {@link Armed#close() disarmed} first.
   *
   * @return the armed deadline; close it when the call is done
   */
  Armed arm(Call call, long timeoutNanos) {
    return arm(call::cancel, timeoutNanos);
  }

  /**
   * Runs {@code cancel} on the sweeper thread after {@code timeoutNanos} unless {@link
   * Armed#close() disarmed} first; {@code cancel} must be quick and must not block.
   *
   * @return the armed deadline; close it when what it bounds is done
   */
  Armed arm(Runnable cancel, long timeoutNanos) {
    Armed a = new Armed(cancel, System.nanoTime() + timeoutNanos);
    Thread wake = null;
    lock.lock();
    try {
      armed.add(a);
      if (sweeper == null) {
        sweeper = new Thread(this::sweep, threadName);
        sweeper.setDaemon(true);
        sweeper.start();
      } else if (plannedWake == Long.MAX_VALUE || a.deadline - plannedWake < 0) {
        plannedWake = a.deadline;
        wake = sweeper;
      }
    } finally {
      lock.unlock();
    }
    if (wake != null) {
      LockSupport.unpark(wake);
    }
    return a;
  }

  /** Deadlines armed and not yet closed or expired. */
  int armedCount() {
    lock.lock();
    try {
      return armed.size();
    } finally {
      lock.unlock();
    }
  }

  /** Nanoseconds until the sweeper's planned wake-up; {@code Long.MAX_VALUE} when it has none. */
  long plannedSleepNanos() {
    lock.lock();
    try {
      return plannedWake == Long.MAX_VALUE ? Long.MAX_VALUE : plannedWake - System.nanoTime();
    } finally {
      lock.unlock();
    }
  }

  private void sweep() {
    List<Armed> expired = new ArrayList<>();
    while (true) {
      long sleep;
      lock.lock();
      try {
        long now = System.nanoTime();
        long earliest = Long.MAX_VALUE;
        for (Iterator<Armed> it = armed.iterator(); it.hasNext(); ) {
          Armed a = it.next();
          if (a.deadline - now <= 0) {
            it.remove();
            expired.add(a);
          } else if (earliest == Long.MAX_VALUE || a.deadline - earliest < 0) {
            earliest = a.deadline;
          }
        }
        plannedWake = earliest;
        sleep = earliest == Long.MAX_VALUE ? Long.MAX_VALUE : earliest - now;
      } finally {
        lock.unlock();
      }
      expired.forEach(Armed::expire);
      expired.clear();
      if (sleep == Long.MAX_VALUE) {
        LockSupport.park(this);
      } else {
        LockSupport.parkNanos(this, sleep);
      }
    }
  }

  /** One call's deadline; {@link #close()} disarms it. */
  final class Armed implements AutoCloseable {
    private final Runnable cancel;
    private final long deadline;
    private volatile boolean expired;

    private Armed(Runnable cancel, long deadline) {
      this.cancel = cancel;
      this.deadline = deadline;
    }

    /** True when the deadline passed and the call was cancelled. */
    boolean expired() {
      return expired;
    }

    private void expire() {
      expired = true;
      try {
        cancel.run();
      } catch (RuntimeException e) { // keep the sweeper alive for the other calls
        log.warn("cancelling a timed-out scrape failed", e);
      }
    }

    @Override
    public void close() {
      lock.lock();
      try {
        armed.remove(this);
      } finally {
        lock.unlock();
      }
    }
  }
}
