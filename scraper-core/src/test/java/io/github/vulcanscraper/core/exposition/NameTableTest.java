package io.github.vulcanscraper.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

final class NameTableTest {
  private static String read(NameTable table, String s) {
    byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
    int h = 0;
    for (byte x : b) {
      h = 31 * h + (x & 0xff);
    }
    return table.ascii(b, 0, b.length, h);
  }

  @Test
  void returnsTheSameStringForTheSameBytes() {
    NameTable table = new NameTable(16, 64);

    String first = read(table, "handler");

    assertThat(read(table, "handler")).isEqualTo("handler").isSameAs(first);
  }

  @Test
  void returnsPinnedStringsThemselvesEvenAfterStartingAgain() {
    String le = "le";
    NameTable table = new NameTable(16, 64, le, "quantile");

    assertThat(read(table, "le")).isSameAs(le);
    for (int i = 0; i < 100; i++) {
      read(table, "name_" + i);
    }

    assertThat(read(table, "le")).isSameAs(le);
    assertThat(read(table, "name_99")).isEqualTo("name_99");
  }
}
