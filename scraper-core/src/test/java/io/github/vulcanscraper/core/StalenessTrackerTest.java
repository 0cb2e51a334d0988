package io.github.vulcanscraper.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.MetricType;
import io.github.vulcanscraper.api.Sample;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class StalenessTrackerTest {
  private static List<MetricFamily> gauge(String name, Sample... samples) {
    return List.of(MetricFamily.of(name, MetricType.GAUGE, List.of(samples)));
  }

  private static Sample series(String instance, double value) {
    return Sample.of("up", Labels.of("instance", instance), value);
  }

  private static List<Sample> markers(List<MetricFamily> families) {
    List<Sample> out = new ArrayList<>();
    for (MetricFamily f : families) {
      for (Sample s : f.samples()) {
        if (Sample.isStaleMarker(s.value())) {
          out.add(s);
        }
      }
    }
    return out;
  }

  @Test
  void aScrapeWithTheSameSeriesIsReturnedAsItIs() {
    StalenessTracker tracker = new StalenessTracker();
    tracker.update(gauge("up", series("a", 1), series("b", 1)), false);
    List<MetricFamily> next = gauge("up", series("a", 2), series("b", 2));
    assertThat(tracker.update(next, false)).isSameAs(next);
  }

  @Test
  void aVanishedSeriesGetsOneMarkerInItsFamily() {
    StalenessTracker tracker = new StalenessTracker();
    tracker.update(gauge("up", series("a", 1), series("b", 1)), false);
    List<MetricFamily> out = tracker.update(gauge("up", series("a", 2)), false);
    assertThat(out).hasSize(1);
    assertThat(out.get(0).samples()).hasSize(2);
    assertThat(markers(out)).extracting(s -> s.labels().get("instance")).containsExactly("b");
    assertThat(markers(tracker.update(gauge("up", series("a", 3)), false))).isEmpty();
  }

  @Test
  void aVanishedFamilyComesBackAsAFamilyOfMarkers() {
    StalenessTracker tracker = new StalenessTracker();
    List<MetricFamily> both = new ArrayList<>(gauge("up", series("a", 1)));
    both.addAll(gauge("temp", Sample.of("temp", Labels.EMPTY, 20)));
    tracker.update(both, false);
    List<MetricFamily> out = tracker.update(gauge("up", series("a", 1)), false);
    assertThat(out).extracting(MetricFamily::name).containsExactly("up", "temp");
    assertThat(out.get(1).type()).isEqualTo(MetricType.GAUGE);
    assertThat(markers(out)).extracting(Sample::name).containsExactly("temp");
  }

  @Test
  void countsTheSeriesNotInThePreviousScrape() {
    StalenessTracker tracker = new StalenessTracker();
    tracker.begin();
    assertThat(tracker.record(gauge("up", series("a", 1)), false)).isEqualTo(1);
    tracker.end(List.of());
    tracker.begin();
    assertThat(tracker.record(gauge("up", series("a", 1), series("b", 1)), false)).isEqualTo(1);
    // Untracked series (their own timestamp) count as new every time.
    Sample stamped = Sample.of("m", Labels.EMPTY, 1, 1_000);
    assertThat(tracker.record(gauge("m", stamped), false)).isEqualTo(1);
    tracker.end(List.of());
    tracker.begin();
    assertThat(tracker.record(gauge("m", stamped), false)).isEqualTo(1);
  }

  @Test
  void keepsTheLabelsInstanceOfTheLatestScrape() {
    StalenessTracker tracker = new StalenessTracker();
    tracker.update(gauge("up", series("a", 1)), false);
    Sample again = series("a", 2); // equal labels, another instance (the processor started over)

    assertThat(scrape(tracker, gauge("up", again), 0)).hasSize(1);

    assertThat(markers(tracker.markAll()))
        .singleElement()
        .satisfies(m -> assertThat(m.labels()).isSameAs(again.labels()));
  }

  private static List<MetricFamily> scrape(
      StalenessTracker tracker, List<MetricFamily> families, int expectedNew) {
    tracker.begin();
    assertThat(tracker.record(families, false)).as("new series").isEqualTo(expectedNew);
    return tracker.end(families);
  }

  @Test
  void timestampedSeriesAreTrackedOnlyWhenAskedTo() {
    StalenessTracker tracker = new StalenessTracker();
    Sample stamped = Sample.of("m", Labels.EMPTY, 1, 1_000);
    tracker.update(gauge("m", stamped), false);
    assertThat(markers(tracker.update(List.of(), false))).isEmpty();
    tracker.update(gauge("m", stamped), true);
    assertThat(markers(tracker.update(List.of(), true))).hasSize(1);
  }

  @Test
  void markAllMarksEverySeriesOnceAndForgetsThem() {
    StalenessTracker tracker = new StalenessTracker();
    tracker.update(gauge("up", series("a", 1), series("b", 1)), false);
    assertThat(markers(tracker.markAll())).hasSize(2);
    assertThat(tracker.markAll()).isEmpty();
  }

  @Test
  void forgetLeavesNothingToMark() {
    StalenessTracker tracker = new StalenessTracker();
    tracker.update(gauge("up", series("a", 1)), false);
    tracker.forget();
    assertThat(markers(tracker.update(List.of(), false))).isEmpty();
  }

  @Test
  void aSeriesSeenTwiceInOneScrapeIsNotMarked() {
    StalenessTracker tracker = new StalenessTracker();
    tracker.update(gauge("up", series("a", 1), series("a", 1), series("b", 1)), false);
    List<MetricFamily> out = tracker.update(gauge("up", series("a", 1), series("a", 1)), false);
    assertThat(markers(out)).extracting(s -> s.labels().get("instance")).containsExactly("b");
  }

  @Test
  void seriesMovedInsertedOrRemovedAnywhereAreFoundByValue() {
    StalenessTracker tracker = new StalenessTracker();
    Sample a = series("a", 1);
    Sample b = series("b", 1);
    Sample c = series("c", 1);
    Sample x = series("x", 1);
    tracker.update(gauge("up", a, b, c), false);
    assertThat(markers(scrape(tracker, gauge("up", a, x, b, c), 1))).isEmpty();
    assertThat(markers(scrape(tracker, gauge("up", c, b, x, a), 0))).isEmpty();
    // Equal but not the same instances: found by value.
    List<MetricFamily> out = scrape(tracker, gauge("up", series("c", 2), series("a", 2)), 0);
    assertThat(markers(out))
        .extracting(s -> s.labels().get("instance"))
        .containsExactlyInAnyOrder("b", "x");
  }

  @Test
  void aSeriesThatTakesItsOwnTimestampGoesStale() {
    StalenessTracker tracker = new StalenessTracker();
    Labels labels = Labels.of("instance", "a");
    tracker.update(gauge("up", Sample.of("up", labels, 1)), false);
    List<MetricFamily> out = tracker.update(gauge("up", Sample.of("up", labels, 1, 1_000)), false);
    assertThat(markers(out)).hasSize(1);
  }
}
