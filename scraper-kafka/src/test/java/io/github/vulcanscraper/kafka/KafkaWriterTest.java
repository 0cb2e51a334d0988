package io.github.vulcanscraper.kafka;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.vulcanscraper.api.Sample;
import io.github.vulcanscraper.api.Scrape;
import io.github.vulcanscraper.testkit.EmbeddedKafka;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

final class KafkaWriterTest {
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.builder().saslPlain("scraper", "pa55word").ssl().build();
    kafka.start();
  }

  @AfterAll
  static void closeBroker() {
    kafka.close();
  }

  @Test
  void roundTripsThroughEveryEncoder() {
    for (MetricEncoder encoder :
        List.of(
            MetricEncoder.prometheusText(),
            MetricEncoder.openMetrics(),
            MetricEncoder.json(),
            MetricEncoder.remoteWrite())) {
      String topic = "round-trip-" + encoder.contentType().replaceAll("[^a-z]", "");
      long now = System.currentTimeMillis();
      Scrape scrape = Scrapes.varied("node", "host-1:9100", now);
      try (KafkaWriter writer = writer(topic, encoder)) {
        writer.write("node/host-1:9100", scrape).toCompletableFuture().join();
      }

      ConsumerRecord<byte[], byte[]> r =
          TopicReader.readAll(kafka.bootstrapServers(), topic, 1).get(0);

      assertThat(new String(r.key(), UTF_8)).isEqualTo("node/host-1:9100");
      assertThat(r.timestamp()).isEqualTo(now);
      assertThat(TopicReader.header(r, KafkaWriter.CONTENT_TYPE_HEADER))
          .isEqualTo(encoder.contentType());
      assertThat(TopicReader.header(r, KafkaWriter.ENCODER_VERSION_HEADER)).isEqualTo("1");
      assertThat(TopicReader.header(r, KafkaWriter.SCRAPE_TIMESTAMP_HEADER))
          .isEqualTo(Long.toString(now));
      List<Sample> decoded;
      try {
        decoded =
            Scrapes.samples(
                MetricDecoder.forContentType(TopicReader.header(r, KafkaWriter.CONTENT_TYPE_HEADER))
                    .decode(r.value()));
      } catch (Exception e) {
        throw new AssertionError(encoder.contentType() + " does not decode", e);
      }
      boolean keepsStale =
          encoder == MetricEncoder.json() || encoder == MetricEncoder.remoteWrite();
      assertThat(Scrapes.describe(decoded, keepsStale))
          .as(encoder.contentType())
          .containsExactlyElementsOf(Scrapes.describe(Scrapes.timestamped(scrape), keepsStale));
    }
  }

  @Test
  void keepsEachTargetInOnePartitionInOrder() {
    String topic = "partitioned";
    int partitions = 4;
    kafka.createTopic(topic, partitions);
    List<String> keys = List.of("a/x:1", "a/x:2", "b/y:1", "b/y:2", "c/z:1", "c/z:2", "d/w:9");
    int perKey = 20;
    long start = System.currentTimeMillis();
    try (KafkaWriter writer = writer(topic, MetricEncoder.json())) {
      List<CompletableFuture<Void>> futures = new ArrayList<>();
      for (int i = 0; i < perKey; i++) {
        for (String key : keys) {
          futures.add(
              writer.write(key, Scrapes.large("j", key, start + i, 5)).toCompletableFuture());
        }
      }
      CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).join();
      assertThat(writer.written()).isEqualTo(keys.size() * perKey);
    }

    List<ConsumerRecord<byte[], byte[]>> records =
        TopicReader.readAll(kafka.bootstrapServers(), topic, keys.size() * perKey);

    assertThat(records).hasSize(keys.size() * perKey);
    Map<String, List<ConsumerRecord<byte[], byte[]>>> byKey = new HashMap<>();
    records.forEach(
        r -> byKey.computeIfAbsent(new String(r.key(), UTF_8), k -> new ArrayList<>()).add(r));
    for (String key : keys) {
      List<ConsumerRecord<byte[], byte[]>> mine = byKey.get(key);
      int expectedPartition = Utils.toPositive(Utils.murmur2(key.getBytes(UTF_8))) % partitions;
      assertThat(mine).extracting(ConsumerRecord::partition).containsOnly(expectedPartition);
      assertThat(mine)
          .extracting(ConsumerRecord::timestamp)
          .as("scrapes of %s in write order", key)
          .isSorted()
          .doesNotHaveDuplicates();
    }
    assertThat(records.stream().map(ConsumerRecord::partition).distinct()).hasSizeGreaterThan(1);
  }

  @Test
  void rejectsAnInvalidTopicNameWithTheRule() {
    assertThatThrownBy(() -> KafkaWriter.builder().topic("metrics/prod"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "topic name has an illegal character at index 7"
                + " (legal: ASCII letters, digits, '.', '_', '-'): 'metrics/prod'");
    assertThatThrownBy(() -> KafkaWriter.builder().topic(".."))
        .hasMessageContaining("cannot be \".\" or \"..\"");
    assertThatThrownBy(() -> KafkaWriter.builder().topic("x".repeat(250)))
        .hasMessageContaining("longer than 249");
    assertThatThrownBy(() -> KafkaWriter.builder().topic(""))
        .hasMessage("topic name must not be empty");
    assertThatThrownBy(() -> KafkaWriter.builder().topic("t").build())
        .hasMessage("bootstrapServers is required");
  }

  @Test
  void namesAnUnreachableBootstrapInCheckConnectionAndInFailedWrites() throws Exception {
    String dead = "127.0.0.1:" + closedPort();
    List<KafkaWriteException> failures = new CopyOnWriteArrayList<>();
    try (KafkaWriter writer =
        KafkaWriter.builder()
            .bootstrapServers(dead)
            .topic("nowhere")
            .property("max.block.ms", "1000")
            .property("request.timeout.ms", "1000")
            .property("delivery.timeout.ms", "3000")
            .closeTimeout(Duration.ZERO)
            .listener(
                new KafkaWriter.Listener() {
                  @Override
                  public void failed(String key, KafkaWriteException failure) {
                    failures.add(failure);
                  }
                })
            .build()) {
      assertThatThrownBy(() -> writer.checkConnection(Duration.ofSeconds(1)))
          .isInstanceOf(KafkaWriteException.class)
          .hasMessageStartingWith("Kafka at " + dead + " did not answer within PT1S");

      CompletableFuture<Void> f =
          writer.write("k", Scrapes.large("j", "i", 1, 3)).toCompletableFuture();

      assertThatThrownBy(f::join)
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOf(KafkaWriteException.class)
          .hasMessageStartingWith("scrape of k not delivered to topic nowhere at " + dead + ": ")
          .hasMessageContaining("not present in metadata");
      await().atMost(Duration.ofSeconds(5)).until(() -> failures.size() == 1);
      assertThat(writer.failed()).isEqualTo(1);
      assertThat(writer.written()).isZero();
    }
  }

  @Test
  void checkConnectionPassesOnALiveBrokerAndCreatesTheTopic() {
    try (KafkaWriter writer = writer("created-by-check", MetricEncoder.json())) {
      writer.checkConnection(Duration.ofSeconds(20));
    }
    assertThat(kafka.admin().listTopics().names())
        .succeedsWithin(Duration.ofSeconds(10))
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.collection(String.class))
        .contains("created-by-check");
  }

  @Test
  void closeIsIdempotentAndLaterWritesAreDroppedWithAReason() {
    KafkaWriter writer = writer("closing", MetricEncoder.json());
    writer.write("k", Scrapes.large("j", "i", System.currentTimeMillis(), 3));
    writer.close();
    writer.close();

    assertThat(writer.written()).isEqualTo(1);
    assertThatThrownBy(
            () ->
                writer
                    .write("k", Scrapes.large("j", "i", System.currentTimeMillis(), 3))
                    .toCompletableFuture()
                    .join())
        .cause()
        .hasMessage("scrape of k dropped: the writer is closed");
    assertThat(writer.dropped()).isEqualTo(1);
  }

  @Test
  void passesSaslAndSslSettingsThroughAsKafkaDocumentsThem() {
    for (Map<String, String> security :
        List.of(kafka.saslClientProperties(), kafka.sslClientProperties())) {
      try (KafkaWriter writer =
          KafkaWriter.builder().topic("secured").properties(security).build()) {
        writer.checkConnection(Duration.ofSeconds(20));
        writer
            .write("k", Scrapes.large("j", "i", System.currentTimeMillis(), 3))
            .toCompletableFuture()
            .join();
        assertThat(writer.written()).isEqualTo(1);
      }
    }
    assertThat(TopicReader.readAll(kafka.bootstrapServers(), "secured", 2)).hasSize(2);
  }

  @Test
  void namesAFailedAuthenticationWithoutThePassword() {
    Map<String, String> wrong = new HashMap<>(kafka.saslClientProperties());
    wrong.put(
        "sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\"scraper\" password=\"wrong-secret\";");
    try (KafkaWriter writer = KafkaWriter.builder().topic("secured").properties(wrong).build()) {
      assertThatThrownBy(() -> writer.checkConnection(Duration.ofSeconds(20)))
          .isInstanceOf(KafkaWriteException.class)
          .hasMessageContaining("Kafka at " + kafka.saslBootstrapServers())
          .hasMessageContaining("Authentication failed")
          .hasMessageNotContaining("wrong-secret");
      assertThat(writer.toString()).doesNotContain("wrong-secret");
    }
  }

  private static KafkaWriter writer(String topic, MetricEncoder encoder) {
    return KafkaWriter.builder()
        .bootstrapServers(kafka.bootstrapServers())
        .topic(topic)
        .encoder(encoder)
        .build();
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      return s.getLocalPort();
    }
  }
}
