package io.github.vulcanscraper.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.Member;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.MetricType;
import io.github.vulcanscraper.api.Sample;
import io.github.vulcanscraper.api.ScrapeException;
import io.github.vulcanscraper.api.ScrapePolicy;
import io.github.vulcanscraper.api.TargetWatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Scheduling, hand-off and staleness with a fake clock: time moves, nothing sleeps. */
final class ScraperSchedulingTest {
  private static final long START = 1_700_000_000_123L;
  private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

  private final FakeScheduler clock = new FakeScheduler(START);
  private final RecordingWriter writer = new RecordingWriter();

  private Scraper scraper(TargetWatcher targets, RecordingWriter into) {
    return Scraper.builder(targets, into).scheduler(clock).executor(Runnable::run).build();
  }

  private static List<FakeTargeter> targets(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> new FakeTargeter("host-" + i, TEN_SECONDS))
        .collect(Collectors.toList());
  }

  @Test
  void scrapesOnSlotsAlignedToTheKeysPhase() {
    List<FakeTargeter> targets = targets(5);
    try (Scraper s = scraper(new SettableTargets(targets), writer)) {
      s.start();
      clock.advance(Duration.ofSeconds(60));
    }
    for (FakeTargeter t : targets) {
      List<Long> slots = writer.slots(t.key());
      assertThat(slots).hasSize(6);
      long offset = Slots.offset(t.key(), 10_000);
      for (int i = 0; i < slots.size(); i++) {
        assertThat(Math.floorMod(slots.get(i), 10_000L)).isEqualTo(offset);
        assertThat(slots.get(i)).isGreaterThan(START);
        if (i > 0) {
          assertThat(slots.get(i) - slots.get(i - 1)).isEqualTo(10_000);
        }
      }
    }
  }

  @Test
  void writesTheSyntheticSeriesWithTheTargetLabels() {
    FakeTargeter t = new FakeTargeter("a", TEN_SECONDS);
    try (Scraper s = scraper(new SettableTargets(List.of(t)), writer)) {
      s.start();
      clock.advance(TEN_SECONDS);
    }
    RecordingWriter.Written r = writer.records(t.key()).get(0);
    assertThat(r.value("up")).isEqualTo(1.0);
    assertThat(r.value("scrape_samples_scraped")).isEqualTo(1.0);
    assertThat(r.value("scrape_samples_post_metric_relabeling")).isEqualTo(1.0);
    assertThat(r.value("scrape_series_added")).isEqualTo(1.0);
    assertThat(r.value("scrape_duration_seconds")).isNotNull();
    assertThat(r.samples()).allSatisfy(x -> assertThat(x.labels()).isEqualTo(t.labels()));
    assertThat(r.scrape.timestampMillis()).isEqualTo(writer.slots(t.key()).get(0));
  }

  @Test
  void retargetingKeepsThePhase() {
    FakeTargeter t = new FakeTargeter("a", TEN_SECONDS);
    SettableTargets targets = new SettableTargets(List.of(t));
    try (Scraper s = scraper(targets, writer)) {
      s.start();
      clock.advance(Duration.ofSeconds(30));
      targets.set(List.of(t.withInterval(Duration.ofSeconds(20))));
      long changedAt = clock.currentTimeMillis();
      clock.advance(Duration.ofSeconds(60));
      List<Long> after =
          writer.slots(t.key()).stream().filter(x -> x > changedAt).collect(Collectors.toList());
      assertThat(after).hasSize(3);
      assertThat(after)
          .allSatisfy(
              x -> assertThat(Math.floorMod(x, 20_000L)).isEqualTo(Slots.offset(t.key(), 20_000)));
    }
  }

  @Test
  void twoScrapersHandTargetsOverWithoutAMissedOrDoubledSlot() {
    List<FakeTargeter> all = targets(60);
    SettableTargets source = new SettableTargets(all);
    Set<Member> ab = Set.of(Member.of("a"), Member.of("b"));
    Set<Member> abc = Set.of(Member.of("a"), Member.of("b"), Member.of("c"));
    Set<Member> ac = Set.of(Member.of("a"), Member.of("c"));
    SettablePool poolA = new SettablePool("a", ab);
    SettablePool poolB = new SettablePool("b", ab);
    SettablePool poolC = new SettablePool("c", abc);
    RecordingWriter wa = new RecordingWriter();
    RecordingWriter wb = new RecordingWriter();
    RecordingWriter wc = new RecordingWriter();
    Scraper a = scraper(ConsistentHashTargeter.builder(source, poolA).build(), wa);
    Scraper b = scraper(ConsistentHashTargeter.builder(source, poolB).build(), wb);
    Scraper c = scraper(ConsistentHashTargeter.builder(source, poolC).build(), wc);
    a.start();
    b.start();
    clock.advance(Duration.ofMillis(35_500));

    c.start(); // c joins: it takes about a third of the targets from a and b
    poolA.set(abc);
    poolB.set(abc);
    clock.advance(Duration.ofMillis(30_250));

    poolA.set(ac); // b leaves: a and c take its targets
    poolC.set(ac);
    b.close();
    clock.advance(Duration.ofSeconds(30));
    long end = clock.currentTimeMillis();
    a.close();
    c.close();

    assertThat(wc.records()).isNotEmpty();
    for (FakeTargeter t : all) {
      List<Long> slots = new ArrayList<>();
      slots.addAll(wa.slots(t.key()));
      slots.addAll(wb.slots(t.key()));
      slots.addAll(wc.slots(t.key()));
      slots.sort(null);
      List<Long> expected = new ArrayList<>();
      for (long x = Slots.next(START, 10_000, Slots.offset(t.key(), 10_000));
          x <= end;
          x += 10_000) {
        expected.add(x);
      }
      assertThat(slots).as(t.key()).isEqualTo(expected);
    }
    for (RecordingWriter w : List.of(wa, wb, wc)) {
      assertThat(w.records()).allSatisfy(r -> assertThat(r.staleMarkers()).isEmpty());
    }
  }

  @Test
  void marksEverySeriesStaleWhenATargetLeavesDiscovery() {
    List<FakeTargeter> all = targets(20);
    SettableTargets source = new SettableTargets(all);
    SettablePool pool = new SettablePool("a", Set.of(Member.of("a")));
    try (Scraper s = scraper(ConsistentHashTargeter.builder(source, pool).build(), writer)) {
      s.start();
      clock.advance(Duration.ofSeconds(20));
      FakeTargeter removed = all.get(3);
      List<FakeTargeter> rest = new ArrayList<>(all);
      rest.remove(removed);
      source.set(rest);
      List<RecordingWriter.Written> records = writer.records(removed.key());
      RecordingWriter.Written last = records.get(records.size() - 1);
      assertThat(last.samples())
          .allSatisfy(x -> assertThat(Sample.isStaleMarker(x.value())).isTrue());
      assertThat(last.samples().stream().map(Sample::name))
          .containsExactlyInAnyOrder(
              "g",
              "up",
              "scrape_duration_seconds",
              "scrape_samples_scraped",
              "scrape_samples_post_metric_relabeling",
              "scrape_series_added");
      assertThat(last.scrape.timestampMillis())
          .isGreaterThan(records.get(records.size() - 2).scrape.timestampMillis());
      int before = records.size();
      clock.advance(Duration.ofSeconds(30));
      assertThat(writer.records(removed.key())).hasSize(before);
      assertThat(s.targetCount()).isEqualTo(19);
    }
  }

  @Test
  void marksVanishedSeriesStaleOnTheNextScrape() {
    FakeTargeter t = new FakeTargeter("a", TEN_SECONDS);
    t.exposes.set(
        List.of(
            MetricFamily.of(
                "g",
                MetricType.GAUGE,
                List.of(
                    Sample.of("g", Labels.of("k", "1"), 1),
                    Sample.of("g", Labels.of("k", "2"), 2)))));
    try (Scraper s = scraper(new SettableTargets(List.of(t)), writer)) {
      s.start();
      clock.advance(TEN_SECONDS);
      t.exposes.set(
          List.of(
              MetricFamily.of(
                  "g", MetricType.GAUGE, List.of(Sample.of("g", Labels.of("k", "1"), 1)))));
      clock.advance(TEN_SECONDS);
    }
    List<RecordingWriter.Written> records = writer.records(t.key());
    assertThat(records).hasSize(2);
    assertThat(records.get(0).staleMarkers()).isEmpty();
    assertThat(records.get(1).staleMarkers())
        .singleElement()
        .satisfies(x -> assertThat(x.labels().get("k")).isEqualTo("2"));
    assertThat(records.get(1).value("scrape_series_added")).isEqualTo(0.0);
    assertThat(records.get(1).scrape.families().stream().filter(f -> f.name().equals("g")))
        .hasSize(1);
  }

  @Test
  void aFailedScrapeWritesUpZeroAndOtherTargetsKeepTheirSchedule() {
    List<FakeTargeter> targets = targets(3);
    FakeTargeter failing = targets.get(1);
    try (Scraper s = scraper(new SettableTargets(targets), writer)) {
      s.start();
      clock.advance(TEN_SECONDS);
      failing.fails.set(new ScrapeException("timeout", "took longer than 10s"));
      clock.advance(Duration.ofSeconds(30));
      assertThat(s.metrics().scrapesFailed("timeout")).isEqualTo(3);
      assertThat(s.metrics().scrapesSucceeded()).isEqualTo(3 + 3 + 1 + 1 + 1);
      assertThat(s.metrics().toString())
          .contains("vulcan_scraper_scrape_failures_total{reason=\"timeout\"} 3")
          .contains("vulcan_scraper_scrapes_total{result=\"failure\"} 3")
          .contains("vulcan_scraper_targets_owned 3");
    }
    List<RecordingWriter.Written> failed = writer.records(failing.key());
    assertThat(failed).hasSize(4);
    assertThat(failed.get(1).value("up")).isEqualTo(0.0);
    assertThat(failed.get(1).value("scrape_samples_scraped")).isEqualTo(0.0);
    assertThat(failed.get(1).staleMarkers())
        .singleElement()
        .satisfies(x -> assertThat(x.name()).isEqualTo("g"));
    assertThat(failed.get(2).value("g")).isNull();
    for (FakeTargeter t : List.of(targets.get(0), targets.get(2))) {
      assertThat(writer.slots(t.key())).hasSize(4);
      assertThat(writer.records(t.key())).allSatisfy(r -> assertThat(r.value("up")).isEqualTo(1.0));
    }
  }

  @Test
  void aScrapeOverTheSampleLimitIsRejectedWhole() {
    FakeTargeter t = new FakeTargeter("a", TEN_SECONDS);
    SettableTargets source = new SettableTargets(List.of(t));
    try (Scraper s = scraper(source, writer)) {
      s.start();
      clock.advance(TEN_SECONDS);
      t.exposes.set(
          List.of(
              MetricFamily.of(
                  "g",
                  MetricType.GAUGE,
                  List.of(
                      Sample.of("g", Labels.of("k", "1"), 1),
                      Sample.of("g", Labels.of("k", "2"), 2)))));
      source.set(List.of(t.withPolicy(ScrapePolicy.builder().sampleLimit(1).build())));
      clock.advance(TEN_SECONDS);
      assertThat(s.metrics().scrapesFailed("sample_limit")).isEqualTo(1);
    }
    RecordingWriter.Written rejected = writer.records(t.key()).get(1);
    assertThat(rejected.value("up")).isEqualTo(0.0);
    assertThat(rejected.value("scrape_samples_scraped")).isEqualTo(2.0);
    assertThat(rejected.value("scrape_samples_post_metric_relabeling")).isEqualTo(0.0);
    assertThat(rejected.staleMarkers())
        .singleElement()
        .satisfies(x -> assertThat(x.name()).isEqualTo("g"));
    assertThat(rejected.samples())
        .noneMatch(x -> x.name().equals("g") && !Sample.isStaleMarker(x.value()));
  }

  @Test
  void tellsTheListenerOfEveryScrapeInPairs() {
    List<String> events = new ArrayList<>();
    FakeTargeter t = new FakeTargeter("a", TEN_SECONDS);
    ScrapeListener listener =
        new ScrapeListener() {
          @Override
          public void scrapeStarted(String key, long slotMillis) {
            events.add("started " + key);
          }

          @Override
          public void scrapeSucceeded(String key, long slotMillis, Duration d, int samples) {
            events.add("succeeded " + key + " " + samples);
          }

          @Override
          public void scrapeFailed(String key, long slotMillis, Duration d, ScrapeException e) {
            events.add("failed " + key + " " + e.reason());
            throw new IllegalStateException("a listener that throws changes nothing");
          }
        };
    try (Scraper s =
        Scraper.builder(new SettableTargets(List.of(t)), writer)
            .scheduler(clock)
            .executor(Runnable::run)
            .listener(listener)
            .build()) {
      s.start();
      clock.advance(TEN_SECONDS);
      t.fails.set(new ScrapeException("http_status", "HTTP 500"));
      clock.advance(TEN_SECONDS);
    }
    assertThat(events)
        .containsExactly(
            "started test/a", "succeeded test/a 1", "started test/a", "failed test/a http_status");
    assertThat(writer.records()).hasSize(2);
  }

  @Test
  void startsOnceAndClosesIdempotently() {
    Scraper s = scraper(new SettableTargets(targets(2)), writer);
    s.start();
    assertThatThrownBy(s::start).isInstanceOf(IllegalStateException.class);
    clock.advance(TEN_SECONDS);
    s.close();
    s.close();
    assertThat(writer.flushed).isTrue();
    int written = writer.records().size();
    clock.advance(Duration.ofSeconds(60));
    assertThat(writer.records()).hasSize(written);
    assertThat(s.targetCount()).isZero();
    assertThatThrownBy(s::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void keepsEachKeysSlotsWhenAPlainListDropsAndReaddsIt() {
    Map<Long, Integer> seen = new TreeMap<>();
    FakeTargeter t = new FakeTargeter("a", TEN_SECONDS);
    SettableTargets source = new SettableTargets(List.of(t));
    try (Scraper s = scraper(source, writer)) {
      s.start();
      clock.advance(Duration.ofSeconds(25));
      source.set(List.of());
      source.set(List.of(t));
      clock.advance(Duration.ofSeconds(25));
    }
    writer.slots(t.key()).forEach(x -> seen.merge(x, 1, Integer::sum));
    assertThat(seen).hasSize(5);
    assertThat(seen.values()).containsOnly(1);
    assertThat(seen.keySet())
        .allSatisfy(
            x -> assertThat(Math.floorMod(x, 10_000L)).isEqualTo(Slots.offset(t.key(), 10_000)));
  }
}
