package io.github.vulcanscraper.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class PendingScrapesTest {
  private final List<String> dropped = new ArrayList<>();

  @Test
  void dropsTheOldestQueuedScrapeWhenTheCountBoundIsReached() throws Exception {
    PendingScrapes p = new PendingScrapes(4, 1 << 20);
    PendingScrapes.Entry first = entry("a", 10);
    p.offer(first, e -> dropped.add(e.key));
    assertThat(take(p)).isSameAs(first); // in flight: the producer holds it

    for (String key : List.of("b", "c", "d", "e", "f")) {
      p.offer(entry(key, 10), e -> dropped.add(e.key));
    }

    assertThat(dropped).containsExactly("b", "c");
    assertThat(p.count()).isEqualTo(4);
    assertThat(first.future).isNotDone();
  }

  @Test
  void dropsByBytesAndRefusesAScrapeLargerThanTheBound() {
    PendingScrapes p = new PendingScrapes(100, 1000);
    p.offer(entry("a", 400), e -> dropped.add(e.key));
    p.offer(entry("b", 400), e -> dropped.add(e.key));
    p.offer(entry("c", 400), e -> dropped.add(e.key));
    p.offer(entry("huge", 2000), e -> dropped.add(e.key));

    assertThat(dropped).containsExactly("a", "b", "c", "huge");
    assertThat(p.bytes()).isZero();
  }

  @Test
  void keepsHalfOfTheBoundOutOfTheProducerSoTheOldestCanStillBeDropped() throws Exception {
    PendingScrapes p = new PendingScrapes(4, 1 << 20);
    for (String key : List.of("a", "b", "c", "d")) {
      p.offer(entry(key, 10), e -> dropped.add(e.key));
    }
    assertThat(take(p).key).isEqualTo("a");
    assertThat(take(p).key).isEqualTo("b");

    Thread t =
        new Thread(
            () -> {
              try {
                p.takeForSending();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    t.start();
    t.join(200); // the third take must wait for a landing: two of four are in flight
    assertThat(t.isAlive()).isTrue();
    t.interrupt();
    t.join();
  }

  @Test
  void requeuedScrapeGoesFirstAndCloseDrainsTheRest() throws Exception {
    PendingScrapes p = new PendingScrapes(10, 1 << 20);
    p.offer(entry("a", 10), e -> dropped.add(e.key));
    p.offer(entry("b", 10), e -> dropped.add(e.key));
    PendingScrapes.Entry a = take(p);

    assertThat(p.requeue(a)).isTrue();
    assertThat(take(p)).isSameAs(a);

    p.close();
    assertThat(p.offer(entry("late", 10), e -> dropped.add(e.key))).isFalse();
    assertThat(p.drainQueued()).extracting(e -> e.key).containsExactly("b");
    p.landed(a);
    assertThat(p.takeForSending()).isNull();
    assertThat(p.awaitCurrent(Duration.ofMillis(10))).isTrue();
  }

  private static PendingScrapes.Entry take(PendingScrapes p) throws InterruptedException {
    return java.util.Objects.requireNonNull(p.takeForSending());
  }

  private static PendingScrapes.Entry entry(String key, int size) {
    return new PendingScrapes.Entry(key, new byte[0], new byte[size], 1L);
  }
}
