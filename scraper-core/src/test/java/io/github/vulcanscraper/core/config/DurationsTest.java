package io.github.vulcanscraper.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

final class DurationsTest {
  @Test
  void parsesUnitsFromLargestToSmallest() {
    assertThat(Durations.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(Durations.parse("0s")).isEqualTo(Duration.ZERO);
    assertThat(Durations.parse("0")).isEqualTo(Duration.ZERO);
    assertThat(Durations.parse("1y2w3d4h5m6s7ms"))
        .isEqualTo(
            Duration.ofDays(365 + 14 + 3).plusHours(4).plusMinutes(5).plusSeconds(6).plusMillis(7));
    assertThat(Durations.parse("1500ms")).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void rejectsWhatPrometheusRejects() {
    assertThatThrownBy(() -> Durations.parse("")).hasMessage("empty duration string");
    assertThatThrownBy(() -> Durations.parse("30"))
        .hasMessage("not a valid duration string: \"30\"");
    assertThatThrownBy(() -> Durations.parse("1s1m"))
        .hasMessage("not a valid duration string: \"1s1m\"");
    assertThatThrownBy(() -> Durations.parse("1m1m"))
        .hasMessage("not a valid duration string: \"1m1m\"");
    assertThatThrownBy(() -> Durations.parse("-1s"))
        .hasMessage("not a valid duration string: \"-1s\"");
    assertThatThrownBy(() -> Durations.parse("1.5s")).hasMessageContaining("1.5s");
    assertThatThrownBy(() -> Durations.parse("5min"))
        .hasMessage("unknown unit \"min\" in duration \"5min\"");
    assertThatThrownBy(() -> Durations.parse("300y")).hasMessage("duration out of range: \"300y\"");
  }

  @Test
  void formatsAsPrometheusPrints() {
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(Durations.format(Duration.ofDays(90))).isEqualTo("90d");
    assertThat(Durations.format(Duration.ofDays(14))).isEqualTo("2w");
    assertThat(Durations.format(Duration.ofDays(365))).isEqualTo("1y");
    assertThat(Durations.format(Duration.ofMillis(1500))).isEqualTo("1s500ms");
    assertThat(Durations.format(Duration.ofHours(25))).isEqualTo("1d1h");
  }

  @Test
  void formatThenParseIsTheIdentityOnMilliseconds() {
    for (long ms : new long[] {1, 999, 60_000, 86_400_000L * 8, 31_536_000_000L + 1}) {
      Duration d = Duration.ofMillis(ms);
      assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }
  }
}
