package io.github.vulcanscraper.core;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.MetricType;
import io.github.vulcanscraper.api.Sample;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers the series of a target's last scrape, to mark the ones that vanish with Prometheus'
 * staleness marker ({@link Sample#STALE_NAN}), and to mark all of them when the target is removed
 * from discovery. Series exposed with their own timestamp are not tracked unless {@code
 * track_timestamps_staleness} is on, as in Prometheus.
 *
 * <p>Not thread-safe: one tracker belongs to one worker, whose scrapes never overlap.
 */
final class StalenessTracker {
  private Map<Series, FamilyRef> previous = Map.of();

  /** How many series of {@code families} were not in the previous scrape. */
  int countNew(List<MetricFamily> families) {
    int n = 0;
    for (MetricFamily f : families) {
      for (Sample s : f.samples()) {
        if (!previous.containsKey(new Series(s.name(), s.labels()))) {
          n++;
        }
      }
    }
    return n;
  }

  /**
   * Records {@code families} as the current scrape and returns them with a staleness marker added
   * for every series of the previous scrape that is gone.
   */
  List<MetricFamily> update(List<MetricFamily> families, boolean trackTimestamped) {
    Map<Series, FamilyRef> current = new HashMap<>(Math.max(16, previous.size() * 2));
    for (MetricFamily f : families) {
      FamilyRef ref = new FamilyRef(f.name(), f.type());
      for (Sample s : f.samples()) {
        if (trackTimestamped || !s.hasTimestamp()) {
          current.put(new Series(s.name(), s.labels()), ref);
        }
      }
    }
    Map<Series, FamilyRef> gone = new HashMap<>();
    for (Map.Entry<Series, FamilyRef> e : previous.entrySet()) {
      if (!current.containsKey(e.getKey())) {
        gone.put(e.getKey(), e.getValue());
      }
    }
    previous = current;
    return gone.isEmpty() ? families : withMarkers(families, gone);
  }

  /** Staleness markers for every series of the last scrape; forgets them. */
  List<MetricFamily> markAll() {
    List<MetricFamily> result = withMarkers(List.of(), previous);
    previous = Map.of();
    return result;
  }

  /** Forgets the last scrape without marking anything (the target moved to another node). */
  void forget() {
    previous = Map.of();
  }

  private static List<MetricFamily> withMarkers(
      List<MetricFamily> families, Map<Series, FamilyRef> gone) {
    Map<String, List<Sample>> markers = new LinkedHashMap<>();
    Map<String, MetricType> types = new HashMap<>();
    for (Map.Entry<Series, FamilyRef> e : gone.entrySet()) {
      FamilyRef ref = e.getValue();
      markers
          .computeIfAbsent(ref.name, n -> new ArrayList<>())
          .add(Sample.of(e.getKey().name, e.getKey().labels, Sample.STALE_NAN));
      types.put(ref.name, ref.type);
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

  /** A series: a sample name and its labels. */
  private static final class Series {
    final String name;
    final Labels labels;
    final int hash;

    Series(String name, Labels labels) {
      this.name = name;
      this.labels = labels;
      this.hash = 31 * name.hashCode() + labels.hashCode();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Series
          && ((Series) o).hash == hash
          && ((Series) o).name.equals(name)
          && ((Series) o).labels.equals(labels);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** The family a tracked series belongs to. */
  private static final class FamilyRef {
    final String name;
    final MetricType type;

    FamilyRef(String name, MetricType type) {
      this.name = name;
      this.type = type;
    }
  }
}
