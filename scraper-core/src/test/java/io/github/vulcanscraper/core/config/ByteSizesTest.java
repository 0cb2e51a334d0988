package io.github.vulcanscraper.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

final class ByteSizesTest {
  @Test
  void everyUnitIsAPowerOf1024() {
    assertThat(ByteSizes.parse("15MB")).isEqualTo(15L * 1024 * 1024);
    assertThat(ByteSizes.parse("1KiB")).isEqualTo(1024);
    assertThat(ByteSizes.parse("1KB")).isEqualTo(1024);
    assertThat(ByteSizes.parse("2GiB")).isEqualTo(2L << 30);
    assertThat(ByteSizes.parse("512B")).isEqualTo(512);
    assertThat(ByteSizes.parse("0")).isZero();
  }

  @Test
  void acceptsFractionsAndSums() {
    assertThat(ByteSizes.parse("1.5KB")).isEqualTo(1536);
    assertThat(ByteSizes.parse("1MB512KB")).isEqualTo(1024 * 1024 + 512 * 1024);
  }

  @Test
  void rejectsBareNumbersUnknownUnitsAndNegatives() {
    assertThatThrownBy(() -> ByteSizes.parse("100"))
        .hasMessage("unknown unit \"\" in size \"100\"");
    assertThatThrownBy(() -> ByteSizes.parse("10mb"))
        .hasMessage("unknown unit \"mb\" in size \"10mb\"");
    assertThatThrownBy(() -> ByteSizes.parse("")).hasMessage("invalid size \"\"");
    assertThatThrownBy(() -> ByteSizes.parse("MB")).hasMessage("invalid size \"MB\"");
    assertThatThrownBy(() -> ByteSizes.parse("-1MB")).hasMessageContaining("negative");
    assertThatThrownBy(() -> ByteSizes.parse("9EB")).hasMessageContaining("out of range");
  }
}
