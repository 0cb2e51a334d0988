package io.github.vulcanscraper.core.internal;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The order in which one target's scrape met its series, kept for the next scrape. A target writes
 * its series in the same order every time, so the next series is usually the entry after the last
 * one found: a caller tries {@link #next()} (a compare by reference or of a few bytes) before its
 * hash lookup, and a hit found by hashing moves the cursor after it, so an inserted or removed
 * series costs one lookup and the order picks up again.
 *
 * <p>Each entry also carries the number of the scrape that last used it, so that after a scrape the
 * entries not used are the vanished series ({@link #wasUsed}). One instance per target; not
 * thread-safe.
 *
 * @param <T> the entries
 */
public final class ScrapeOrder<T extends ScrapeOrder.Entry> {
  /**
   * What the order keeps in an entry: the scrape that last used it and its place in that scrape.
   */
  public abstract static class Entry {
    long lastUsed;
    int index = -1;

    /** An entry not used by any scrape yet. */
    protected Entry() {}
  }

  private Entry[] previous = new Entry[0];
  private int previousCount;
  private Entry[] current = new Entry[16];
  private int count;
  private int cursor;
  private long scrape;

  /** An order with no previous scrape. */
  public ScrapeOrder() {}

  /** Starts a scrape. */
  public void start() {
    scrape++;
    clear(current, count);
    count = 0;
    cursor = 0;
  }

  /**
   * The number of the scrape under way, which entries made in it can keep to tell themselves apart.
   *
   * @return the scrape's number, from 1
   */
  public long scrape() {
    return scrape;
  }

  /**
   * The entry after the last one used, in the previous scrape's order; the caller checks that it is
   * the series at hand, then calls {@link #useNext}.
   *
   * @return the expected entry, or null past the previous scrape's end
   */
  @SuppressWarnings("unchecked") // only Ts go in
  public @Nullable T next() {
    return cursor < previousCount ? (T) previous[cursor] : null;
  }

  /**
   * Uses the entry {@link #next()} returned.
   *
   * @param e that entry
   */
  public void useNext(T e) {
    cursor++;
    use(e);
  }

  /**
   * Uses an entry found by other means (a hash lookup, or a new one); the order goes on after it.
   *
   * @param e the entry
   */
  public void useFound(T e) {
    if (e.lastUsed != scrape && e.index >= 0) {
      cursor = e.index + 1;
    }
    use(e);
  }

  private void use(T e) {
    if (e.lastUsed != scrape) {
      e.lastUsed = scrape;
      if (count == current.length) {
        current = Arrays.copyOf(current, count * 2);
      }
      current[count++] = e;
    }
  }

  /**
   * Whether the scrape under way (or the last one, once finished) used this entry.
   *
   * @param e the entry
   * @return true when used
   */
  public boolean wasUsed(T e) {
    return e.lastUsed == scrape;
  }

  /**
   * The number of distinct entries the scrape under way has used.
   *
   * @return the count
   */
  public int used() {
    return count;
  }

  /**
   * The {@code i}-th entry the scrape under way used.
   *
   * @param i from 0 to {@link #used()} - 1
   * @return the entry
   */
  @SuppressWarnings("unchecked") // only Ts go in
  public T used(int i) {
    return (T) current[i];
  }

  /**
   * The number of entries of the previous scrape's order.
   *
   * @return the count
   */
  public int previousCount() {
    return previousCount;
  }

  /**
   * The {@code i}-th entry of the previous scrape's order.
   *
   * @param i from 0 to {@link #previousCount()} - 1
   * @return the entry
   */
  @SuppressWarnings("unchecked") // only Ts go in
  public T previous(int i) {
    return (T) previous[i];
  }

  /**
   * Where this entry stood in the previous scrape's order.
   *
   * @param e the entry
   * @return its index in {@link #previous(int)}, or -1 when the previous scrape did not use it
   */
  public int previousIndex(T e) {
    return e.index;
  }

  /** Ends the scrape: its order becomes the one the next scrape follows. */
  public void finish() {
    Entry[] swap = previous;
    clear(swap, previousCount);
    previous = current;
    previousCount = count;
    current = swap.length >= 16 ? swap : new Entry[16];
    count = 0;
    for (int i = 0; i < previousCount; i++) {
      previous[i].index = i;
    }
  }

  /** Forgets every order: the next scrape starts from nothing. */
  public void clear() {
    clear(previous, previousCount);
    clear(current, count);
    previousCount = 0;
    count = 0;
    cursor = 0;
  }

  /**
   * Empties the first {@code n} slots, without calling {@code Arrays.fill} for an empty range: JFR
   * showed C2's compiled fill, inlined into the scrape path, deoptimizing in the side-by-side, each
   * time at the cost of recompiling the method it was inlined into.
   */
  private static void clear(Entry[] a, int n) {
    if (n > 0) {
      Arrays.fill(a, 0, n, null);
    }
  }
}
