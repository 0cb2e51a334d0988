package io.github.vulcanscraper.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vulcanscraper.testkit.EmbeddedKafka;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The broker goes away: briefly (nothing lost), then for long (memory bounded, drops counted). */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
final class KafkaWriterOutageTest {
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.builder().build();
    kafka.start();
  }

  @AfterAll
  static void closeBroker() {
    kafka.close();
  }

  @Test
  @Order(1)
  void losesNothingWhileTheBrokerRestarts() throws Exception {
    String topic = "short-outage";
    kafka.createTopic(topic, 2);
    List<CompletableFuture<Void>> futures = new ArrayList<>();
    int written = 0;
    try (KafkaWriter writer =
        KafkaWriter.builder()
            .bootstrapServers(kafka.bootstrapServers())
            .topic(topic)
            .closeTimeout(Duration.ofSeconds(60))
            .build()) {
      long base = System.currentTimeMillis();
      for (; written < 10; written++) {
        futures.add(write(writer, "t" + (written % 3), base + written));
      }
      writer.flush(Duration.ofSeconds(30));

      kafka.stop();
      long outageEnd = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (System.nanoTime() < outageEnd) {
        futures.add(write(writer, "t" + (written % 3), base + written));
        written++;
        Thread.sleep(250); // the pace of scrapes during the outage, not synchronisation
      }
      kafka.start();
      for (int i = 0; i < 10; i++, written++) {
        futures.add(write(writer, "t" + (written % 3), base + written));
      }
      writer.flush(Duration.ofSeconds(60));

      assertThat(futures).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
      assertThat(writer.written()).isEqualTo(written);
      assertThat(writer.failed()).isZero();
      assertThat(writer.dropped()).isZero();
    }

    List<ConsumerRecord<byte[], byte[]>> records =
        TopicReader.readAll(kafka.bootstrapServers(), topic, written);
    Set<String> seen = new HashSet<>();
    records.forEach(r -> seen.add(new String(r.key(), UTF_8) + "@" + r.timestamp()));
    assertThat(records).as("each scrape exactly once").hasSize(written);
    assertThat(seen).hasSize(written);
  }

  @Test
  @Order(2)
  void boundsPendingScrapesAndCountsDropsWhileTheBrokerIsGone() {
    String topic = "long-outage";
    kafka.createTopic(topic, 1);
    List<String> droppedReasons = new CopyOnWriteArrayList<>();
    int maxPending = 20;
    try (KafkaWriter writer =
        KafkaWriter.builder()
            .bootstrapServers(kafka.bootstrapServers())
            .topic(topic)
            .maxPendingScrapes(maxPending)
            .property("request.timeout.ms", "1000")
            .property("delivery.timeout.ms", "3000")
            .property("max.block.ms", "1000")
            .closeTimeout(Duration.ofSeconds(1))
            .listener(
                new KafkaWriter.Listener() {
                  @Override
                  public void dropped(String key, KafkaWriteException reason) {
                    droppedReasons.add(reason.getMessage());
                  }
                })
            .build()) {
      write(writer, "warm-up", System.currentTimeMillis()).join(); // metadata known
      kafka.stop();

      int total = 300;
      List<CompletableFuture<Void>> futures = new ArrayList<>();
      long maxSeen = 0;
      for (int i = 0; i < total; i++) {
        futures.add(write(writer, "t" + (i % 5), System.currentTimeMillis()));
        maxSeen = Math.max(maxSeen, writer.pendingScrapes());
      }

      assertThat(maxSeen).isLessThanOrEqualTo(maxPending);
      long oneScrape =
          MetricEncoder.prometheusText()
              .encode("t0", Scrapes.large("j", "t0", System.currentTimeMillis(), 20))
              .length;
      assertThat(writer.pendingBytes()).isLessThanOrEqualTo(maxPending * (oneScrape + 64));
      assertThat(writer.dropped()).isGreaterThanOrEqualTo(total - maxPending);
      assertThat(droppedReasons.get(0))
          .matches(
              "scrape of t[0-4] dropped: pending scrapes reached their bound \\(20 scrapes, .*");
      // The oldest went first: the newest scrape is still pending.
      assertThat(futures.get(total - 1)).isNotDone();

      // What the producer held times out after delivery.timeout.ms and is counted as failed;
      // what was queued behind it goes next: every scrape ends counted, none silently.
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> futures.stream().allMatch(CompletableFuture::isDone));
      assertThat(writer.written()).isEqualTo(1);
      assertThat(writer.dropped() + writer.failed()).isEqualTo(total);
      assertThat(writer.pendingScrapes()).isZero();
      List<String> failures =
          futures.stream()
              .filter(CompletableFuture::isCompletedExceptionally)
              .map(f -> f.handle((v, t) -> t.getMessage()).join())
              .collect(Collectors.toList());
      assertThat(failures).hasSize(total);
    }
  }

  private static CompletableFuture<Void> write(KafkaWriter writer, String key, long ts) {
    return writer.write(key, Scrapes.large("j", key, ts, 20)).toCompletableFuture();
  }
}
