package io.github.vulcanscraper.core;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.core.internal.ScrapeOrder;
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
  private final ScrapeOrder<Entry> order = new ScrapeOrder<>();

  /** Starts a scrape: entries not used from now until {@link #endScrape()} are then forgotten. */
  void startScrape() {
    order.start();
  }

  /** Ends a scrape, forgetting the series it did not expose. */
  void endScrape() {
    order.finish();
    if (order.previousCount() == entries.size()) {
      return;
    }
    for (Iterator<Entry> it = entries.keySet().iterator(); it.hasNext(); ) {
      if (!order.wasUsed(it.next())) {
        it.remove();
      }
    }
  }

  /** The remembered outcome for this exposed series, or {@code null}. */
  @SuppressWarnings("ReferenceEquality") // the fast path; the map lookup below compares values
  @Nullable Entry get(String name, Labels labels, String sourceFamily) {
    Entry next = order.next();
    if (next != null
        && next.labels == labels
        && next.name.equals(name)
        && next.sourceFamily.equals(sourceFamily)) {
      order.useNext(next);
      return next;
    }
    Entry e = entries.get(probe.key(name, labels, sourceFamily));
    if (e != null) {
      // Equal labels in another instance (the parser's cache started over): keep the new one, so
      // the next scrape's compare by reference finds it again. The hash and equality are unchanged.
      e.labels = labels;
      order.useFound(e);
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
    entries.put(e, e);
    order.useFound(e);
    return e;
  }

  /** How many series are remembered. */
  int size() {
    return entries.size();
  }

  /** One exposed series (the key) and its outcome. */
  static final class Entry extends ScrapeOrder.Entry {
    private String name = "";
    private Labels labels = Labels.EMPTY;
    private String sourceFamily = "";
    private int hash;
    private @Nullable String outName;
    private @Nullable Labels outLabels;
    private @Nullable String outFamily;

    private Entry key(String name, Labels labels, String sourceFamily) {
      this.name = name;
      this.labels = labels;
      this.sourceFamily = sourceFamily;
      this.hash = 31 * (31 * name.hashCode() + labels.hashCode()) + sourceFamily.hashCode();
      return this;
    }

    /** The exposed labels this entry was last found by. */
    Labels exposedLabels() {
      return labels;
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
