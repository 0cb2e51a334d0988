package io.github.vulcanscraper.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

final class EmbeddedKafkaTest {
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBroker() {
    kafka = EmbeddedKafka.builder().saslPlain("alice", "s3cret\"pw").ssl().build();
    kafka.start();
  }

  @AfterAll
  static void closeBroker() {
    kafka.close();
  }

  @Test
  void keepsRecordsOverARestartOnTheSamePort() {
    String bootstrap = kafka.bootstrapServers();
    produce(Map.of("bootstrap.servers", bootstrap), "restart", "before");

    kafka.restart();

    assertThat(kafka.bootstrapServers()).isEqualTo(bootstrap);
    produce(Map.of("bootstrap.servers", bootstrap), "restart", "after");
    assertThat(consumeAll(Map.of("bootstrap.servers", bootstrap), "restart", 2))
        .containsExactly("before", "after");
  }

  @Test
  void servesSaslPlainAndSslListeners() {
    produce(kafka.saslClientProperties(), "secured", "over-sasl");
    produce(kafka.sslClientProperties(), "secured", "over-ssl");

    assertThat(consumeAll(kafka.sslClientProperties(), "secured", 2))
        .containsExactly("over-sasl", "over-ssl");
  }

  @Test
  void closeDeletesTheDirectoryAndIsIdempotent() {
    EmbeddedKafka other = EmbeddedKafka.builder().build();
    assertThatThrownBy(other::bootstrapServers).hasMessageContaining("not started");
    other.close();
    other.close();
    assertThatThrownBy(other::start).hasMessageContaining("closed");
  }

  @Test
  void startFailureCarriesTheLogTail() throws Exception {
    EmbeddedKafka bad = EmbeddedKafka.builder().brokerProperty("node.id", "not-a-number").build();
    try {
      assertThatThrownBy(bad::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("exited with code")
          .hasMessageContaining("last lines of");
      Path dir = bad.directory();
      assertThat(Files.exists(dir.resolve("kafka.log"))).isTrue();
    } finally {
      bad.close();
    }
  }

  private static void produce(Map<String, String> client, String topic, String value) {
    Properties p = new Properties();
    p.putAll(client);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
      producer.send(new ProducerRecord<>(topic, value)).get();
    } catch (Exception e) {
      throw new AssertionError("cannot produce to " + client.get("bootstrap.servers"), e);
    }
  }

  private static List<String> consumeAll(Map<String, String> client, String topic, int count) {
    Properties p = new Properties();
    p.putAll(client);
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
      TopicPartition tp = new TopicPartition(topic, 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (values.size() < count && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
          values.add(r.value());
        }
      }
    }
    return values;
  }
}
