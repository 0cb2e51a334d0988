package io.github.vulcanscraper.core;

import io.github.vulcanscraper.api.Labels;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import org.jspecify.annotations.Nullable;

/**
 * What {@link ScrapeProcessor} made of each series a target exposed: the series' name and labels
 * after the target labels and metric relabeling, the family it goes to, or that it was dropped.
 * Keyed by the exposed name, labels and family. Entries of series missing from a scrape are
 * forgotten at its end, so the memo holds one scrape's series and no more.
 *
 * <p>Not thread-safe: it belongs to one processor, which serves one worker.
 */
final class SeriesMemo {
  private final HashMap<Entry, Entry> entries = new HashMap<>();
  private final Entry probe = new Entry();
  private long scrapeNumber;
  private int seen;

  // The entries in the order the previous scrape used them, and this scrape's so far: targets
  // expose their series in the same order every time, so the next entry is usually the one after
  // the last, found by comparing references instead of hashing.
  private Entry[] previousOrder = new Entry[0];
  private int previousCount;
  private Entry[] order = new Entry[16];
  private int count;
  private int cursor;

  /** Starts a scrape: entries not used from now until {@link #endScrape()} are then forgotten. */
  void startScrape() {
    scrapeNumber++;
    seen = 0;
    count = 0;
    cursor = 0;
  }

  /** Ends a scrape, forgetting the series it did not expose. */
  void endScrape() {
    Entry[] swap = previousOrder;
    previousOrder = order;
    previousCount = count;
    order = swap.length >= 16 ? swap : new Entry[16];
    for (int i = 0; i < previousCount; i++) {
      previousOrder[i].index = i;
    }
    if (seen == entries.size()) {
      return;
    }
    for (Iterator<Entry> it = entries.keySet().iterator(); it.hasNext(); ) {
      if (it.next().lastUsed != scrapeNumber) {
        it.remove();
      }
    }
  }

  /** The remembered outcome for this exposed series, or {@code null}. */
  @SuppressWarnings("ReferenceEquality") // the fast path; the map lookup below compares values
  @Nullable Entry get(String name, Labels labels, String sourceFamily) {
    if (cursor < previousCount) {
      Entry next = previousOrder[cursor];
      if (next.labels == labels
          && next.name.equals(name)
          && next.sourceFamily.equals(sourceFamily)) {
        cursor++;
        use(next);
        return next;
      }
    }
    Entry e = entries.get(probe.key(name, labels, sourceFamily));
    if (e != null) {
      if (e.lastUsed != scrapeNumber && e.index >= 0) {
        cursor = e.index + 1;
      }
      use(e);
    }
    return e;
  }

  /**
   * Remembers an outcome: {@code outName}, {@code outLabels} and {@code outFamily} are all null
   * when the series is dropped.
   */
  Entry put(
      String name,
      Labels labels,
      String sourceFamily,
      @Nullable String outName,
      @Nullable Labels outLabels,
      @Nullable String outFamily) {
    Entry e = new Entry().key(name, labels, sourceFamily);
    e.outName = outName;
    e.outLabels = outLabels;
    e.outFamily = outFamily;
    e.index = -1;
    entries.put(e, e);
    use(e);
    return e;
  }

  /** How many series are remembered. */
  int size() {
    return entries.size();
  }

  private void use(Entry e) {
    if (e.lastUsed != scrapeNumber) {
      e.lastUsed = scrapeNumber;
      seen++;
      if (count == order.length) {
        order = Arrays.copyOf(order, count * 2);
      }
      order[count++] = e;
    }
  }

  /** One exposed series (the key) and its outcome. */
  static final class Entry {
    private String name = "";
    private Labels labels = Labels.EMPTY;
    private String sourceFamily = "";
    private int hash;
    private @Nullable String outName;
    private @Nullable Labels outLabels;
    private @Nullable String outFamily;
    private long lastUsed;
    private int index = -1;

    private Entry key(String name, Labels labels, String sourceFamily) {
      this.name = name;
      this.labels = labels;
      this.sourceFamily = sourceFamily;
      this.hash = 31 * (31 * name.hashCode() + labels.hashCode()) + sourceFamily.hashCode();
      return this;
    }

    /** True when metric relabeling dropped the series. */
    boolean dropped() {
      return outName == null;
    }

    /** The series' name after relabeling; only when not {@link #dropped()}. */
    String name() {
      return require(outName);
    }

    /** The series' labels, target labels attached; only when not {@link #dropped()}. */
    Labels labels() {
      return require(outLabels);
    }

    /** The name of the family the series goes to; only when not {@link #dropped()}. */
    String family() {
      return require(outFamily);
    }

    private static <T> T require(@Nullable T value) {
      if (value == null) {
        throw new IllegalStateException("the series was dropped");
      }
      return value;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      if (!(o instanceof Entry)) {
        return false;
      }
      Entry e = (Entry) o;
      return e.hash == hash
          && e.name.equals(name)
          && e.sourceFamily.equals(sourceFamily)
          && e.labels.equals(labels);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
