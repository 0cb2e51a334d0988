package io.github.vulcanscraper.core.exposition;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.core.internal.ScrapeOrder;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The series of one source's previous body, so that a series written again byte for byte costs a
 * hash and a compare instead of a parse, and comes back as the same {@link Labels} instance: what
 * Prometheus' scrape cache does with the text of each series. Give one cache to every parse of one
 * target's bodies ({@link ExpositionParser#parse(byte[], int, int, SeriesCache)}).
 *
 * <p>The cache holds the series of the last body parsed without error and no others, so it is as
 * large as one scrape; a body that fails to parse leaves it as it was. A series is remembered by
 * its bytes from the metric name to the closing brace; series without labels, and label sets longer
 * than {@value #MAX_KEY_BYTES} bytes, are parsed every time.
 *
 * <p>Not thread-safe: one parse at a time.
 */
public final class SeriesCache {
  static final int MAX_KEY_BYTES = 1024;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long K = 0x9e3779b97f4a7c15L;

  private Table table = new Table(16);
  private @Nullable ExpositionFormat lastFormat;
  private final ScrapeOrder<Series> order = new ScrapeOrder<>();

  /** An empty cache. */
  public SeriesCache() {}

  /**
   * The number of series remembered from the last body parsed without error.
   *
   * @return the series count
   */
  public int size() {
    return order.previousCount();
  }

  /** Starts a parse; a body in another format than the last starts from nothing. */
  void start(ExpositionFormat format) {
    if (format != lastFormat) {
      lastFormat = format;
      table = new Table(16);
      order.clear();
    }
    order.start();
  }

  /** The parse ended without error: its series replace the previous body's. */
  void finish() {
    order.finish();
    int used = order.previousCount();
    if (used != table.size) {
      Table kept = new Table(Math.max(16, Integer.highestOneBit(Math.max(1, used)) * 4));
      for (int i = 0; i < used; i++) {
        kept.add(order.previous(i));
      }
      table = kept;
    }
  }

  /** The parse failed: the previous body's series stay, and what this parse added goes. */
  void abandon() {
    boolean added = false;
    for (int i = 0; i < order.used() && !added; i++) {
      added = order.used(i).born == order.scrape();
    }
    if (added) {
      Table kept = new Table(table.slots.length);
      for (int i = 0; i < order.previousCount(); i++) {
        kept.add(order.previous(i));
      }
      table = kept;
    }
  }

  /**
   * The series after the last one found, if the body at {@code from} (a metric name's start, at
   * most {@code to}) repeats its bytes; else null.
   */
  @Nullable Series next(byte[] buf, int from, int to) {
    Series s = order.next();
    if (s == null) {
      return null;
    }
    int n = s.key.length;
    if (n > to - from || !Arrays.equals(s.key, 0, n, buf, from, from + n)) {
      return null;
    }
    order.useNext(s);
    return s;
  }

  /** The series whose bytes are {@code buf[from, to)} in the previous body, or null. */
  @Nullable Series find(byte[] buf, int from, int to, int hash) {
    Series s = table.find(buf, from, to, hash);
    if (s != null) {
      order.useFound(s);
    }
    return s;
  }

  void add(byte[] buf, int from, int to, int hash, String name, Labels labels) {
    Series s = new Series(Arrays.copyOfRange(buf, from, to), hash, name, labels);
    s.born = order.scrape();
    if (table.add(s)) {
      order.useFound(s);
    }
  }

  /** A hash of {@code buf[from, to)}, eight bytes per multiply. */
  static int hash(byte[] buf, int from, int to) {
    long h = (to - from) * K;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      h = Long.rotateLeft((h ^ (long) LONGS.get(buf, i)) * K, 29);
    }
    long w = 0;
    for (int shift = 0; i < to; i++, shift += 8) {
      w |= (buf[i] & 0xffL) << shift;
    }
    h = (h ^ w) * K;
    return (int) (h >>> 32) ^ (int) h;
  }

  /** One remembered series: its bytes, their hash, its name and labels. */
  static final class Series extends ScrapeOrder.Entry {
    final byte[] key;
    final int hash;
    final String name;
    final Labels labels;
    long born;

    Series(byte[] key, int hash, String name, Labels labels) {
      this.key = key;
      this.hash = hash;
      this.name = name;
      this.labels = labels;
    }
  }

  /** An open-addressing table of series, linear probing, at most half full. */
  private static final class Table {
    Series[] slots;
    int size;

    Table(int capacity) {
      slots = new Series[capacity];
    }

    @Nullable Series find(byte[] buf, int from, int to, int hash) {
      int mask = slots.length - 1;
      for (int i = hash & mask; ; i = (i + 1) & mask) {
        Series s = slots[i];
        if (s == null) {
          return null;
        }
        if (s.hash == hash && Arrays.equals(s.key, 0, s.key.length, buf, from, to)) {
          return s;
        }
      }
    }

    /** False when an equal series is there already. */
    boolean add(Series s) {
      if (2 * (size + 1) > slots.length) {
        Series[] old = slots;
        slots = new Series[old.length * 2];
        for (Series o : old) {
          if (o != null) {
            insert(o);
          }
        }
      }
      if (insert(s)) {
        size++;
        return true;
      }
      return false;
    }

    /** False when an equal series is there already (a body repeating a series). */
    private boolean insert(Series s) {
      int mask = slots.length - 1;
      for (int i = s.hash & mask; ; i = (i + 1) & mask) {
        Series o = slots[i];
        if (o == null) {
          slots[i] = s;
          return true;
        }
        if (o == s || (o.hash == s.hash && Arrays.equals(o.key, s.key))) {
          return false;
        }
      }
    }
  }
}
