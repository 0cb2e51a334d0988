package io.github.vulcanscraper.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

final class HashingTest {
  @Test
  void hashesAreTheSameOnEveryJvm() {
    // Pinned: nodes of one pool must agree, so a change here moves every target of a pool.
    assertThat(Hashing.hash64("")).isEqualTo(3854192178756780324L);
    assertThat(Hashing.hash64("a")).isEqualTo(3984035948292600025L);
    assertThat(Hashing.hash64("job/host-1:9100")).isEqualTo(-3453610855663555236L);
    assertThat(Hashing.hash64("ünïcødé/ключ")).isEqualTo(-4155336106194161223L);
  }

  @Test
  void everyCodeUnitAndTheLengthCount() {
    Set<Long> seen = new HashSet<>();
    String base = "job/http://10.0.0.1:9100/metrics";
    for (int i = 0; i < base.length(); i++) {
      char[] c = base.toCharArray();
      c[i]++;
      seen.add(Hashing.hash64(new String(c)));
    }
    seen.add(Hashing.hash64(base));
    seen.add(Hashing.hash64(base + "\0"));
    seen.add(Hashing.hash64("\0" + base));
    assertThat(seen).hasSize(base.length() + 3);
  }

  @Test
  void sequentialKeysSpreadEvenlyOverTheHighBits() {
    int[] buckets = new int[16];
    int n = 160_000;
    for (int i = 0; i < n; i++) {
      buckets[(int) (Hashing.hash64("job/host-" + i + ":9100") >>> 60)]++;
    }
    for (int b : buckets) {
      assertThat(b).isBetween(n / 16 * 95 / 100, n / 16 * 105 / 100);
    }
  }
}
