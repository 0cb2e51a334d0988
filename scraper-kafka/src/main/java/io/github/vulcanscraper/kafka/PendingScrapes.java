package io.github.vulcanscraper.kafka;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The writer's bounded hand-over between the threads that write scrapes and the one thread that
 * passes them to the Kafka producer.
 *
 * <p>A scrape is pending from {@link #offer} until its delivery succeeds, fails or it is dropped.
 * Pending scrapes are either <em>queued</em> here or <em>in flight</em> in the producer. At most
 * half of each bound (count and bytes) is in flight at once, so that during an outage the other
 * half stays queued where the oldest can still be dropped: the producer cannot give a record back.
 * When a new scrape would pass a bound, the oldest queued scrapes are dropped to make room; when
 * nothing is queued, the new scrape itself is dropped.
 *
 * <p>The sender is woken as rarely as it can be. Once it has emptied the queue it pauses (up to the
 * gather pause) before taking again, and the scrapes written meanwhile wait for it, so a node
 * writing a hundred scrapes a second wakes its sender ten times a second rather than a hundred
 * times (each wake-up of a parked thread costs tens of microseconds of CPU on a virtual machine).
 * An idle sender is woken by the next scrape at once; a queue holding half of a bound, and {@link
 * #close}, end a pause early. A landing wakes the sender only when it waits for room in flight.
 *
 * <p>Thread-safe: one lock guards the queue and the counts; futures complete outside it.
 */
final class PendingScrapes {
  /** One encoded scrape on its way to Kafka. */
  static final class Entry {
    final String key;
    final byte[] keyBytes;
    final byte[] value;
    final long timestampMillis;
    final long createdNanos = System.nanoTime();
    final CompletableFuture<Void> future = new CompletableFuture<>();

    Entry(String key, byte[] keyBytes, byte[] value, long timestampMillis) {
      this.key = key;
      this.keyBytes = keyBytes;
      this.value = value;
      this.timestampMillis = timestampMillis;
    }

    long size() {
      return keyBytes.length + value.length;
    }
  }

  private final int maxScrapes;
  private final long maxBytes;
  private final int maxInFlight;
  private final long maxInFlightBytes;
  private final long gatherPauseNanos;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Entry> queue = new ArrayDeque<>();
  private final Set<Entry> inFlight = Collections.newSetFromMap(new IdentityHashMap<>());
  private long queuedBytes;
  private long inFlightBytes;
  private boolean closed;
  private SenderState sender = SenderState.WORKING;
  private boolean sentSincePause;

  /** What the sender thread is doing, so that only what it waits for wakes it. */
  enum SenderState {
    /** Sending, or about to take the next entry. */
    WORKING,
    /** Waiting for a landing: the queue's head does not fit in flight. */
    WAITING_FOR_ROOM,
    /** Letting scrapes gather after it emptied the queue. */
    PAUSED,
    /** Waiting for the first scrape after a pause that gathered none. */
    IDLE
  }

  /**
   * @param gatherPause how long the sender waits after emptying the queue before taking again; zero
   *     wakes it for every scrape
   */
  PendingScrapes(int maxScrapes, long maxBytes, Duration gatherPause) {
    this.maxScrapes = maxScrapes;
    this.maxBytes = maxBytes;
    this.maxInFlight = Math.max(1, maxScrapes / 2);
    this.maxInFlightBytes = Math.max(1, maxBytes / 2);
    this.gatherPauseNanos = gatherPause.toNanos();
  }

  /**
   * Queues an entry, dropping the oldest queued ones (or this one) to stay within the bounds.
   *
   * @param dropped receives each dropped entry, outside the lock
   * @return false when the queue is closed and the entry was not taken
   */
  boolean offer(Entry e, Consumer<Entry> dropped) {
    List<Entry> evicted = new ArrayList<>(0);
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      long size = e.size();
      while (!queue.isEmpty() && overBounds(size)) {
        Entry oldest = queue.pollFirst();
        queuedBytes -= oldest.size();
        evicted.add(oldest);
      }
      if (overBounds(size)) {
        evicted.add(e);
      } else {
        queue.addLast(e);
        queuedBytes += size;
        if (sender == SenderState.IDLE
            || (sender == SenderState.PAUSED
                && (queue.size() >= maxInFlight || queuedBytes >= maxInFlightBytes))) {
          changed.signalAll();
        }
      }
    } finally {
      lock.unlock();
    }
    evicted.forEach(dropped);
    return true;
  }

  private boolean overBounds(long size) {
    return queue.size() + inFlight.size() + 1 > maxScrapes
        || queuedBytes + inFlightBytes + size > maxBytes;
  }

  /**
   * Waits until the oldest queued entry may go in flight, moves it there and returns it; returns
   * {@code null} once the queue is closed and empty. After the sender emptied the queue, waits out
   * the gather pause first (see the class comment).
   */
  @Nullable Entry takeForSending() throws InterruptedException {
    lock.lock();
    try {
      while (true) {
        Entry head = queue.peekFirst();
        if (head != null && mayFly(head)) {
          queue.pollFirst();
          queuedBytes -= head.size();
          inFlight.add(head);
          inFlightBytes += head.size();
          sentSincePause = true;
          return head;
        }
        if (head == null && closed) {
          return null;
        }
        awaitChange(head == null);
      }
    } finally {
      lock.unlock();
    }
  }

  private boolean mayFly(Entry head) {
    return inFlight.isEmpty()
        || (inFlight.size() < maxInFlight && inFlightBytes + head.size() <= maxInFlightBytes);
  }

  private void awaitChange(boolean queueEmpty) throws InterruptedException {
    try {
      if (!queueEmpty) {
        sender = SenderState.WAITING_FOR_ROOM;
        changed.await();
      } else if (sentSincePause && gatherPauseNanos > 0) {
        sentSincePause = false;
        sender = SenderState.PAUSED;
        changed.awaitNanos(gatherPauseNanos);
      } else {
        sender = SenderState.IDLE;
        changed.await();
      }
    } finally {
      sender = SenderState.WORKING;
    }
  }

  /** What the sender does now; for tests. */
  SenderState senderState() {
    lock.lock();
    try {
      return sender;
    } finally {
      lock.unlock();
    }
  }

  /** Ends an entry's flight (delivered or failed); wakes the sender if it waits for room. */
  void landed(Entry e) {
    lock.lock();
    try {
      if (inFlight.remove(e)) {
        inFlightBytes -= e.size();
        if (sender == SenderState.WAITING_FOR_ROOM) {
          changed.signalAll();
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Puts an in-flight entry the producer refused before taking it (no metadata yet) back at the
   * head of the queue, to be sent again first. Returns false when the queue is closed.
   */
  boolean requeue(Entry e) {
    lock.lock();
    try {
      if (!inFlight.remove(e)) {
        return false;
      }
      inFlightBytes -= e.size();
      if (closed) {
        return false;
      }
      queue.addFirst(e);
      queuedBytes += e.size();
      changed.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Refuses new entries; the sender drains what is queued, then {@link #takeForSending} ends. */
  void close() {
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Removes and returns every queued entry (after the sender stopped). */
  List<Entry> drainQueued() {
    lock.lock();
    try {
      List<Entry> rest = new ArrayList<>(queue);
      queue.clear();
      queuedBytes = 0;
      return rest;
    } finally {
      lock.unlock();
    }
  }

  /** Waits up to {@code timeout} for the entries pending now to complete; true when they did. */
  boolean awaitCurrent(Duration timeout) {
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    lock.lock();
    try {
      queue.forEach(e -> futures.add(e.future));
      inFlight.forEach(e -> futures.add(e.future));
    } finally {
      lock.unlock();
    }
    try {
      CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0]))
          .exceptionally(t -> null)
          .get(Math.max(0, timeout.toNanos()), TimeUnit.NANOSECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Queued plus in-flight scrapes. */
  int count() {
    lock.lock();
    try {
      return queue.size() + inFlight.size();
    } finally {
      lock.unlock();
    }
  }

  /** Queued plus in-flight bytes (keys and values). */
  long bytes() {
    lock.lock();
    try {
      return queuedBytes + inFlightBytes;
    } finally {
      lock.unlock();
    }
  }
}
