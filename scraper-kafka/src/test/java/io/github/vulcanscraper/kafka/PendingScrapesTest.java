package io.github.vulcanscraper.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

final class PendingScrapesTest {
  private final List<String> dropped = new ArrayList<>();

  @Test
  void dropsTheOldestQueuedScrapeWhenTheCountBoundIsReached() throws Exception {
    PendingScrapes p = new PendingScrapes(4, 1 << 20, Duration.ZERO);
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
    PendingScrapes p = new PendingScrapes(100, 1000, Duration.ZERO);
    p.offer(entry("a", 400), e -> dropped.add(e.key));
    p.offer(entry("b", 400), e -> dropped.add(e.key));
    p.offer(entry("c", 400), e -> dropped.add(e.key));
    p.offer(entry("huge", 2000), e -> dropped.add(e.key));

    assertThat(dropped).containsExactly("a", "b", "c", "huge");
    assertThat(p.bytes()).isZero();
  }

  @Test
  void keepsHalfOfTheBoundOutOfTheProducerSoTheOldestCanStillBeDropped() throws Exception {
    PendingScrapes p = new PendingScrapes(4, 1 << 20, Duration.ZERO);
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
    PendingScrapes p = new PendingScrapes(10, 1 << 20, Duration.ZERO);
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

  @Test
  void anIdleSenderIsWokenByTheNextScrape() throws Exception {
    PendingScrapes p = new PendingScrapes(10, 1 << 20, Duration.ofHours(1));
    CompletableFuture<PendingScrapes.Entry> taken = takeInBackground(p);
    await().until(() -> p.senderState() == PendingScrapes.SenderState.IDLE);

    p.offer(entry("a", 10), e -> dropped.add(e.key));

    assertThat(taken.get(10, TimeUnit.SECONDS).key).isEqualTo("a");
  }

  @Test
  void afterEmptyingTheQueueTheSenderPausesAndCloseEndsThePause() throws Exception {
    PendingScrapes p = new PendingScrapes(10, 1 << 20, Duration.ofHours(1));
    CompletableFuture<PendingScrapes.Entry> taken = pausedSender(p);

    p.offer(entry("b", 10), e -> dropped.add(e.key)); // gathers: no wake-up
    assertThat(p.senderState()).isEqualTo(PendingScrapes.SenderState.PAUSED);
    assertThat(taken).isNotDone();
    p.close();

    assertThat(taken.get(10, TimeUnit.SECONDS).key).isEqualTo("b");
  }

  @Test
  void aQueueHoldingHalfOfTheBoundEndsThePause() throws Exception {
    PendingScrapes p = new PendingScrapes(10, 1 << 20, Duration.ofHours(1));
    CompletableFuture<PendingScrapes.Entry> taken = pausedSender(p);

    for (String key : List.of("b", "c", "d", "e", "f")) { // five: half of the bound of ten
      p.offer(entry(key, 10), e -> dropped.add(e.key));
    }

    assertThat(taken.get(10, TimeUnit.SECONDS).key).isEqualTo("b");
    assertThat(dropped).isEmpty();
  }

  @Test
  void theGatherPauseEndsByItself() throws Exception {
    PendingScrapes p = new PendingScrapes(10, 1 << 20, Duration.ofMillis(50));
    p.offer(entry("a", 10), e -> dropped.add(e.key));
    p.landed(take(p));
    p.offer(entry("b", 10), e -> dropped.add(e.key));

    assertThat(take(p).key).isEqualTo("b"); // after the pause; no other wake-up comes
  }

  /** A sender that sent one scrape, emptied the queue and now pauses in a take. */
  private CompletableFuture<PendingScrapes.Entry> pausedSender(PendingScrapes p) throws Exception {
    p.offer(entry("a", 10), e -> dropped.add(e.key));
    p.landed(take(p));
    CompletableFuture<PendingScrapes.Entry> taken = takeInBackground(p);
    await().until(() -> p.senderState() == PendingScrapes.SenderState.PAUSED);
    return taken;
  }

  private static CompletableFuture<PendingScrapes.Entry> takeInBackground(PendingScrapes p) {
    CompletableFuture<PendingScrapes.Entry> taken = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try {
                taken.complete(take(p));
              } catch (InterruptedException | RuntimeException e) {
                taken.completeExceptionally(e);
              }
            },
            "test-sender");
    t.setDaemon(true);
    t.start();
    return taken;
  }

  private static PendingScrapes.Entry take(PendingScrapes p) throws InterruptedException {
    return java.util.Objects.requireNonNull(p.takeForSending());
  }

  private static PendingScrapes.Entry entry(String key, int size) {
    return new PendingScrapes.Entry(key, new byte[0], new byte[size], 1L);
  }
}
