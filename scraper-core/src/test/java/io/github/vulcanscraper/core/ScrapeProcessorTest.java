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

  private static void assertReason(ScrapePolicy policy, Sample s, String reason) {
    assertThatThrownBy(() -> new ScrapeProcessor(TARGET, policy).process(one(s)))
        .isInstanceOfSatisfying(
            ScrapeException.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageContaining(reason + " exceeded");
  }
}
