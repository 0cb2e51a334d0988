package io.github.vulcanscraper.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vulcanscraper.api.Labels;
import org.junit.jupiter.api.Test;

final class LabelsSetTest {
  private final LabelsSet set = new LabelsSet(1);

  @Test
  void addsEachSetOnceByEquality() {
    assertThat(set.add(Labels.of("a", "1"))).isTrue();
    assertThat(set.add(Labels.of("a", "2"))).isTrue();
    assertThat(set.add(Labels.EMPTY)).isTrue();

    assertThat(set.add(Labels.of("a", "1"))).isFalse();
    assertThat(set.add(Labels.of("a", "2", "b", ""))).isFalse();
    assertThat(set.add(Labels.EMPTY)).isFalse();
  }

  @Test
  void keepsEverySetAsItGrows() {
    for (int i = 0; i < 5_000; i++) {
      assertThat(set.add(Labels.of("i", Integer.toString(i)))).isTrue();
    }
    for (int i = 0; i < 5_000; i++) {
      assertThat(set.add(Labels.of("i", Integer.toString(i)))).as("i=%s", i).isFalse();
    }
    assertThat(set.size()).isEqualTo(5_000);
  }
}
