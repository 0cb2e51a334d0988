package io.github.vulcanscraper.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.MetricType;
import io.github.vulcanscraper.api.Sample;
import io.github.vulcanscraper.api.ScrapeException;
import io.github.vulcanscraper.api.ScrapePolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ScrapeProcessorTest {
  private static final Labels TARGET = Labels.of("job", "node", "instance", "host:9100");

  private static List<MetricFamily> one(Sample s) {
    return List.of(MetricFamily.of("m", MetricType.GAUGE, List.of(s)));
  }

  private static Sample only(List<MetricFamily> families) {
    assertThat(families).hasSize(1);
    assertThat(families.get(0).samples()).hasSize(1);
    return families.get(0).samples().get(0);
  }

  @Test
  void attachesTargetLabels() throws ScrapeException {
    Sample s =
        only(
            new ScrapeProcessor(TARGET, ScrapePolicy.DEFAULT)
                .process(one(Sample.of("m", Labels.of("a", "1"), 5))));
    assertThat(s.labels()).isEqualTo(Labels.of("a", "1", "job", "node", "instance", "host:9100"));
  }

  @Test
  void renamesClashingScrapedLabelsToExportedWithoutHonorLabels() throws ScrapeException {
    Sample s =
        only(
            new ScrapeProcessor(TARGET, ScrapePolicy.DEFAULT)
                .process(one(Sample.of("m", Labels.of("job", "app", "exported_job", "x"), 5))));
    assertThat(s.labels())
        .isEqualTo(
            Labels.of(
                "job",
                "node",
                "instance",
                "host:9100",
                "exported_job",
                "x",
                "exported_exported_job",
                "app"));
  }

  @Test
  void keepsScrapedLabelsWithHonorLabels() throws ScrapeException {
    ScrapePolicy honor = ScrapePolicy.builder().honorLabels(true).build();
    Sample s =
        only(
            new ScrapeProcessor(TARGET, honor)
                .process(one(Sample.of("m", Labels.of("job", "app"), 5))));
    assertThat(s.labels()).isEqualTo(Labels.of("job", "app", "instance", "host:9100"));
  }

  @Test
  void dropsExposedTimestampsWithoutHonorTimestamps() throws ScrapeException {
    Sample exposed = Sample.of("m", Labels.EMPTY, 5, 1234L);
    assertThat(
            only(new ScrapeProcessor(TARGET, ScrapePolicy.DEFAULT).process(one(exposed)))
                .timestampMillis())
        .isEqualTo(1234L);
    ScrapePolicy ignore = ScrapePolicy.builder().honorTimestamps(false).build();
    assertThat(only(new ScrapeProcessor(TARGET, ignore).process(one(exposed))).hasTimestamp())
        .isFalse();
  }

  @Test
  void appliesTheMetricRelabelerWithTheNameAsALabel() throws ScrapeException {
    ScrapePolicy policy =
        ScrapePolicy.builder()
            .metricRelabeler(
                l -> "drop_me".equals(l.get("__name__")) ? null : l.with("__name__", "kept"))
            .build();
    List<MetricFamily> out =
        new ScrapeProcessor(TARGET, policy)
            .process(
                List.of(
                    MetricFamily.of(
                        "drop_me",
                        MetricType.GAUGE,
                        List.of(Sample.of("drop_me", Labels.EMPTY, 1))),
                    MetricFamily.of(
                        "m", MetricType.GAUGE, List.of(Sample.of("m", Labels.EMPTY, 2)))));
    assertThat(only(out).name()).isEqualTo("kept");
    assertThat(only(out).labels()).isEqualTo(TARGET);
  }

  @Test
  void failsTheScrapeOverTheSampleLimit() {
    ScrapePolicy policy = ScrapePolicy.builder().sampleLimit(1).build();
    List<MetricFamily> two =
        List.of(
            MetricFamily.of(
                "m",
                MetricType.GAUGE,
                List.of(
                    Sample.of("m", Labels.of("a", "1"), 1),
                    Sample.of("m", Labels.of("a", "2"), 2))));
    assertThatThrownBy(() -> new ScrapeProcessor(TARGET, policy).process(two))
        .isInstanceOfSatisfying(
            ScrapeException.class, e -> assertThat(e.reason()).isEqualTo("sample_limit"))
        .hasMessageContaining("sample_limit exceeded");
  }

  @Test
  void failsTheScrapeOverTheLabelLimits() {
    Sample s = Sample.of("m", Labels.of("a_long_label_name", "a long label value"), 1);
    assertReason(ScrapePolicy.builder().labelLimit(3).build(), s, "label_limit");
    assertReason(
        ScrapePolicy.builder().labelNameLengthLimit(10).build(), s, "label_name_length_limit");
    assertReason(
        ScrapePolicy.builder().labelValueLengthLimit(10).build(), s, "label_value_length_limit");
  }

  @Test
  void handsOutTheSameLabelSetForASeriesScrapeAfterScrape() throws ScrapeException {
    ScrapeProcessor processor = new ScrapeProcessor(TARGET, ScrapePolicy.DEFAULT);
    Sample first = only(processor.process(one(Sample.of("m", Labels.of("a", "1"), 1))));
    Sample second = only(processor.process(one(Sample.of("m", Labels.of("a", "1"), 2))));
    assertThat(second.labels()).isSameAs(first.labels());
    assertThat(second.value()).isEqualTo(2);
    Sample other = only(processor.process(one(Sample.of("m", Labels.of("a", "2"), 3))));
    assertThat(other.labels())
        .isEqualTo(Labels.of("a", "2", "job", "node", "instance", "host:9100"));
  }

  @Test
  void remembersOnlyTheSeriesOfTheLastScrape() throws ScrapeException {
    ScrapeProcessor processor = new ScrapeProcessor(TARGET, ScrapePolicy.DEFAULT);
    for (int i = 0; i < 100; i++) {
      processor.process(one(Sample.of("m", Labels.of("scrape", Integer.toString(i)), i)));
    }
    assertThat(processor.rememberedSeries()).isEqualTo(1);
  }

  @Test
  void aRememberedDropStaysDroppedAndTheKeptSeriesKeepTheirValues() throws ScrapeException {
    int[] calls = {0};
    ScrapePolicy policy =
        ScrapePolicy.builder()
            .metricRelabeler(
                l -> {
                  calls[0]++;
                  return "1".equals(l.get("drop")) ? null : l;
                })
            .build();
    ScrapeProcessor processor = new ScrapeProcessor(TARGET, policy);
    for (int i = 0; i < 3; i++) {
      List<MetricFamily> out =
          processor.process(
              List.of(
                  MetricFamily.of(
                      "m",
                      MetricType.GAUGE,
                      List.of(
                          Sample.of("m", Labels.of("drop", "1"), i),
                          Sample.of("m", Labels.of("drop", "0"), i)))));
      assertThat(only(out).value()).isEqualTo(i);
    }
    assertThat(calls[0]).as("the relabeler runs once per series, not per scrape").isEqualTo(2);
  }

  @Test
  void aSeriesOverALabelLimitFailsEveryScrapeThatExposesIt() {
    ScrapeProcessor processor =
        new ScrapeProcessor(TARGET, ScrapePolicy.builder().labelValueLengthLimit(5).build());
    Sample s = Sample.of("m", Labels.of("a", "too long a value"), 1);
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> processor.process(one(s)))
          .isInstanceOfSatisfying(
              ScrapeException.class,
              e -> assertThat(e.reason()).isEqualTo("label_value_length_limit"));
    }
  }

  @Test
  void theSameSeriesUnderAnotherFamilyIsWorkedOutAgain() throws ScrapeException {
    ScrapeProcessor processor = new ScrapeProcessor(TARGET, ScrapePolicy.DEFAULT);
    Sample s = Sample.of("m_total", Labels.EMPTY, 1);
    List<MetricFamily> asCounter =
        processor.process(List.of(MetricFamily.of("m", MetricType.COUNTER, List.of(s))));
    List<MetricFamily> alone =
        processor.process(List.of(MetricFamily.of("m_total", MetricType.UNKNOWN, List.of(s))));
    assertThat(asCounter.get(0).name()).isEqualTo("m");
    assertThat(alone.get(0).name()).isEqualTo("m_total");
  }

  @Test
  void reorderedSeriesKeepTheirOwnOutcome() throws ScrapeException {
    ScrapeProcessor processor = new ScrapeProcessor(TARGET, ScrapePolicy.DEFAULT);
    Labels one = Labels.of("a", "1");
    Labels two = Labels.of("a", "2");
    List<MetricFamily> first =
        processor.process(
            List.of(
                MetricFamily.of(
                    "m",
                    MetricType.GAUGE,
                    List.of(Sample.of("m", one, 1), Sample.of("m", two, 2)))));
    List<MetricFamily> swapped =
        processor.process(
            List.of(
                MetricFamily.of(
                    "m",
                    MetricType.GAUGE,
                    List.of(Sample.of("m", two, 2), Sample.of("m", one, 1)))));
    assertThat(swapped.get(0).samples().get(0).labels())
        .isSameAs(first.get(0).samples().get(1).labels());
    assertThat(swapped.get(0).samples().get(1).labels())
        .isSameAs(first.get(0).samples().get(0).labels());
    assertThat(swapped.get(0).samples())
        .extracting(s -> s.labels().get("a"))
        .containsExactly("2", "1");
  }

  private static void assertReason(ScrapePolicy policy, Sample s, String reason) {
    assertThatThrownBy(() -> new ScrapeProcessor(TARGET, policy).process(one(s)))
        .isInstanceOfSatisfying(
            ScrapeException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageContaining(reason + " exceeded");
  }
}
