package io.github.vulcanscraper.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class ModelTest {
  @Test
  void jobNameRejectsWhatCannotNameAZooKeeperNode() {
    assertThat(JobName.of("node exporter").value()).isEqualTo("node exporter");
    assertThatThrownBy(() -> JobName.of("")).hasMessageContaining("empty");
    assertThatThrownBy(() -> JobName.of("a/b")).hasMessageContaining("a/b");
    assertThatThrownBy(() -> JobName.of("..")).hasMessageContaining("..");
  }

  @Test
  void sampleValidatesItsName() {
    assertThat(Sample.of("http:requests_total", Labels.EMPTY, 1).name())
        .isEqualTo("http:requests_total");
    assertThatThrownBy(() -> Sample.of("9lives", Labels.EMPTY, 1))
        .hasMessageContaining("invalid metric name: \"9lives\"");
  }

  @Test
  void sampleRejectsInvalidNamesAfterValidNamesOfTheSameHashWereAccepted() {
    // Valid metric names are remembered by hash code; an invalid name must never pass for one.
    for (String invalid : new String[] {"9lives", "a-b", "a.b", "\u00e9", "a b", ""}) {
      String valid = validNameInTheSameSlotAs(invalid);
      Sample.of(valid, Labels.EMPTY, 1);
      Sample.of(valid, Labels.EMPTY, 1);

      assertThatThrownBy(() -> Sample.of(invalid, Labels.EMPTY, 1))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("invalid metric name: \"" + invalid + "\"");
    }
  }

  /** A valid metric name whose hash code has the same low byte as {@code name}'s. */
  private static String validNameInTheSameSlotAs(String name) {
    for (int i = 0; ; i++) {
      String candidate = "m:" + i;
      if ((candidate.hashCode() & 0xff) == (name.hashCode() & 0xff)) {
        return candidate;
      }
    }
  }

  @Test
  void staleMarkerIsADistinctNaN() {
    assertThat(Sample.isStaleMarker(Sample.STALE_NAN)).isTrue();
    assertThat(Sample.isStaleMarker(Double.NaN)).isFalse();
    assertThat(Double.isNaN(Sample.STALE_NAN)).isTrue();
  }

  @Test
  void sampleWithoutTimestampSaysSo() {
    Sample s = Sample.of("up", Labels.EMPTY, 1);

    assertThat(s.hasTimestamp()).isFalse();
    assertThat(s.withTimestamp(1000).timestampMillis()).isEqualTo(1000);
  }

  @Test
  void familyCopiesItsSamples() {
    List<Sample> samples = new ArrayList<>(List.of(Sample.of("a_total", Labels.EMPTY, 1)));
    MetricFamily family = MetricFamily.of("a", MetricType.COUNTER, samples);
    samples.clear();

    assertThat(family.samples()).hasSize(1);
    assertThat(family.help()).isEmpty();
  }

  @Test
  void familySamplesAreAnImmutableListWithoutNulls() {
    Sample a = Sample.of("a_total", Labels.EMPTY, 1);
    Sample b = Sample.of("a_total", Labels.of("x", "1"), 2);
    MetricFamily family = MetricFamily.of("a", MetricType.COUNTER, new ArrayList<>(List.of(a, b)));

    assertThat(family.samples()).containsExactly(a, b).isEqualTo(List.of(a, b));
    assertThat(family.samples().hashCode()).isEqualTo(List.of(a, b).hashCode());
    assertThatThrownBy(() -> family.samples().add(a))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> family.samples().set(0, b))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(family.withSamples(family.samples()).samples()).isSameAs(family.samples());
    List<Sample> withNull = new ArrayList<>(List.of(a));
    withNull.add(null);
    assertThatThrownBy(() -> MetricFamily.of("a", MetricType.COUNTER, withNull))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void scrapeCountsSamplesOverFamilies() {
    Scrape scrape =
        Scrape.of(
            1000,
            Labels.of("job", "j"),
            List.of(
                MetricFamily.of("a", MetricType.GAUGE, List.of(Sample.of("a", Labels.EMPTY, 1))),
                MetricFamily.of(
                    "b",
                    MetricType.GAUGE,
                    List.of(
                        Sample.of("b", Labels.of("x", "1"), 1),
                        Sample.of("b", Labels.of("x", "2"), 2)))));

    assertThat(scrape.sampleCount()).isEqualTo(3);
  }

  @Test
  void policyBuilderRejectsNegativeLimits() {
    assertThatThrownBy(() -> ScrapePolicy.builder().sampleLimit(-1))
        .hasMessage("sampleLimit must be >= 0: -1");
    assertThat(ScrapePolicy.DEFAULT.honorTimestamps()).isTrue();
    assertThat(ScrapePolicy.DEFAULT.toBuilder().build()).isEqualTo(ScrapePolicy.DEFAULT);
  }

  @Test
  void memberRejectsNonPositiveWeight() {
    assertThatThrownBy(() -> Member.of("n", 0, java.util.Map.of()))
        .hasMessageContaining("positive");
    assertThat(Member.of("n").weight()).isEqualTo(1.0);
  }
}
