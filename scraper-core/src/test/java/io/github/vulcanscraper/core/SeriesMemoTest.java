package io.github.vulcanscraper.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vulcanscraper.api.Labels;
import org.junit.jupiter.api.Test;

final class SeriesMemoTest {
  private final SeriesMemo memo = new SeriesMemo();
  private final Labels out = Labels.of("job", "j", "mode", "idle");

  @Test
  void findsASeriesAgainByItsLabelsInstanceOrByEqualLabels() {
    Labels exposed = Labels.of("mode", "idle");
    memo.startScrape();
    SeriesMemo.Entry put = memo.put("cpu", exposed, "cpu", "cpu", out, "cpu");
    memo.endScrape();

    memo.startScrape();
    assertThat(memo.get("cpu", exposed, "cpu")).isSameAs(put);
    memo.endScrape();
    memo.startScrape();
    assertThat(memo.get("cpu", Labels.of("mode", "idle"), "cpu")).isSameAs(put);
    assertThat(memo.get("cpu", Labels.of("mode", "user"), "cpu")).isNull();
    memo.endScrape();
  }

  @Test
  void keepsTheLabelsInstanceOfTheLatestScrapeSoTheNextFindsItByReference() {
    memo.startScrape();
    memo.put("cpu", Labels.of("mode", "idle"), "cpu", "cpu", out, "cpu");
    memo.endScrape();
    Labels restarted = Labels.of("mode", "idle"); // the parser's cache started over

    memo.startScrape();
    SeriesMemo.Entry found = java.util.Objects.requireNonNull(memo.get("cpu", restarted, "cpu"));
    memo.endScrape();

    assertThat(found.exposedLabels()).isSameAs(restarted);
    assertThat(memo.size()).isEqualTo(1);
  }

  @Test
  void forgetsTheSeriesAScrapeDidNotExpose() {
    memo.startScrape();
    memo.put("a", Labels.EMPTY, "a", "a", Labels.EMPTY, "a");
    memo.put("b", Labels.EMPTY, "b", "b", Labels.EMPTY, "b");
    memo.endScrape();

    memo.startScrape();
    assertThat(memo.get("b", Labels.EMPTY, "b")).isNotNull();
    memo.endScrape();

    assertThat(memo.size()).isEqualTo(1);
    memo.startScrape();
    assertThat(memo.get("a", Labels.EMPTY, "a")).isNull();
    memo.endScrape();
  }
}
