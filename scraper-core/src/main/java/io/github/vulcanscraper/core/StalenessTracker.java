package io.github.vulcanscraper.core;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.MetricType;
import io.github.vulcanscraper.api.Sample;
import io.github.vulcanscraper.core.internal.ScrapeOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Remembers the series of a target's last scrape, to mark the ones that vanish with Prometheus'
 * staleness marker ({@link Sample#STALE_NAN}), and to mark all of them when the target is removed
 * from discovery. Series exposed with their own timestamp are not tracked unless {@code
 * track_timestamps_staleness} is on, as in Prometheus.
 *
 * <p>Design: one map of every tracked series lives as long as the target, and each scrape stamps
 * the entries it sees with its number; the entries left with an older stamp are the vanished ones.
 * A scrape that keeps its series (the common case) therefore allocates nothing here, and the
 * entries, long-lived, stay out of the young generation's way. Lookups go through one reused probe
 * key; with the stable label sets {@link ScrapeProcessor} hands out, equality is by reference.
 *
 * <p>Not thread-safe: one tracker belongs to one worker, whose scrapes never overlap.
 */
final class StalenessTracker {
  private final HashMap<Series, Series> tracked = new HashMap<>();
  private final Series probe = new Series();
  private final ScrapeOrder<Series> order = new ScrapeOrder<>();

  /** Starts a scrape: {@link #record} its families, then {@link #end} it. */
  void begin() {
    order.start();
  }

  /**
   * Records the series of {@code families} as seen in the scrape under way.
   *
   * @return how many of them were not in the previous scrape (series with their own timestamp are
   *     not tracked unless {@code trackTimestamped}, so they count as new every time)
   */
  int record(List<MetricFamily> families, boolean trackTimestamped) {
    int added = 0;
    for (MetricFamily f : families) {
      for (Sample s : f.samples()) {
        boolean track = trackTimestamped || !s.hasTimestamp();
        Series entry = order.next();
        if (entry != null && entry.is(s)) {
          if (track) {
            order.useNext(entry);
          }
        } else {
          entry = tracked.get(probe.set(s.name(), s.labels()));
          if (entry != null) {
            entry.labels =
                s.labels(); // equal, maybe another instance: found by reference next time
          } else {
            added++;
            if (track) {
              entry = new Series().set(s.name(), s.labels());
              tracked.put(entry, entry);
            }
          }
          if (entry != null && track) {
            order.useFound(entry);
          }
        }
        if (entry != null && track && !f.name().equals(entry.family)) {
          entry.family = f.name();
          entry.type = f.type();
        }
      }
    }
    return added;
  }

  /**
   * Ends the scrape: returns {@code families} with a staleness marker added for every series of the
   * previous scrape that the scrape did not record.
   */
  List<MetricFamily> end(List<MetricFamily> families) {
    order.finish();
    int seen = order.previousCount();
    if (seen == tracked.size()) {
      return families;
    }
    List<Series> gone = new ArrayList<>(tracked.size() - seen);
    for (Iterator<Series> it = tracked.keySet().iterator(); it.hasNext(); ) {
      Series s = it.next();
      if (!order.wasUsed(s)) {
        gone.add(s);
        it.remove();
      }
    }
    return withMarkers(families, gone);
  }

  /** One whole scrape: {@link #begin}, {@link #record} and {@link #end}. */
  List<MetricFamily> update(List<MetricFamily> families, boolean trackTimestamped) {
    begin();
    record(families, trackTimestamped);
    return end(families);
  }

  /** Staleness markers for every series of the last scrape; forgets them. */
  List<MetricFamily> markAll() {
    List<MetricFamily> result = withMarkers(List.of(), new ArrayList<>(tracked.keySet()));
    forget();
    return result;
  }

  /** Forgets the last scrape without marking anything (the target moved to another node). */
  void forget() {
    tracked.clear();
    order.clear();
  }

  private static List<MetricFamily> withMarkers(List<MetricFamily> families, List<Series> gone) {
    Map<String, List<Sample>> markers = new LinkedHashMap<>();
    Map<String, MetricType> types = new HashMap<>();
    for (Series s : gone) {
      markers
          .computeIfAbsent(s.family, n -> new ArrayList<>())
          .add(Sample.of(s.name, s.labels, Sample.STALE_NAN));
      types.put(s.family, s.type);
    }
    List<MetricFamily> result = new ArrayList<>(families.size() + markers.size());
    for (MetricFamily f : families) {
      List<Sample> extra = markers.remove(f.name());
      if (extra == null) {
        result.add(f);
      } else {
        List<Sample> all = new ArrayList<>(f.samples());
        all.addAll(extra);
        result.add(f.withSamples(all));
      }
    }
    markers.forEach(
        (name, samples) ->
            result.add(
                MetricFamily.of(name, types.getOrDefault(name, MetricType.UNKNOWN), samples)));
    return result;
  }

  /**
   * A series (a sample name and its labels), the family it was last seen in, and the number of the
   * scrape that last saw it. Equal by name and labels only; the probe instance is reset per lookup.
   */
  private static final class Series extends ScrapeOrder.Entry {
    String name = "";
    Labels labels = Labels.EMPTY;
    int hash;
    String family = "";
    MetricType type = MetricType.UNKNOWN;

    /** True when {@code s} is this series, by reference: the fast path of a repeated scrape. */
    @SuppressWarnings("ReferenceEquality") // the fast path; the map lookup compares values
    boolean is(Sample s) {
      return s.labels() == labels && s.name().equals(name);
    }

    Series set(String name, Labels labels) {
      this.name = name;
      this.labels = labels;
      this.hash = 31 * name.hashCode() + labels.hashCode();
      return this;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      if (!(o instanceof Series)) {
        return false;
      }
      Series s = (Series) o;
      return s.hash == hash && s.name.equals(name) && s.labels.equals(labels);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
