package io.github.vulcanscraper.examples.demo;

import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.Sample;
import io.github.vulcanscraper.core.exposition.ExpositionException;
import io.github.vulcanscraper.kafka.MetricDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;

/**
 * Reads the demo's topic from the beginning on its own thread, as a downstream consumer would:
 * counts the records and samples that landed, per target key, and keeps the last record decoded.
 */
final class LandedRecords implements AutoCloseable {
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final Thread thread;
  private final AtomicLong records = new AtomicLong();
  private final AtomicLong samples = new AtomicLong();
  private final AtomicLong undecodable = new AtomicLong();
  private final Map<String, AtomicLong> perKey = new ConcurrentHashMap<>();
  private final AtomicReference<String> lastDecoded = new AtomicReference<>("");

  LandedRecords(String bootstrap, String topic, int partitions) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(
        ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    consumer = new KafkaConsumer<>(props);
    List<TopicPartition> assigned = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      assigned.add(new TopicPartition(topic, p));
    }
    consumer.assign(assigned);
    consumer.seekToBeginning(assigned);
    thread = new Thread(this::poll, "vulcan-demo-consumer");
    thread.setDaemon(true);
    thread.start();
  }

  private void poll() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
          take(r);
        }
      }
    } catch (WakeupException e) {
      // closing
    }
  }

  private void take(ConsumerRecord<byte[], byte[]> r) {
    records.incrementAndGet();
    String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
    perKey.computeIfAbsent(key, k -> new AtomicLong()).incrementAndGet();
    Header h = r.headers().lastHeader("content-type");
    try {
      List<MetricFamily> families =
          MetricDecoder.forContentType(h == null ? null : new String(h.value(), StandardCharsets.UTF_8))
              .decode(r.value());
      int n = 0;
      StringBuilder shown = new StringBuilder();
      for (MetricFamily f : families) {
        for (Sample s : f.samples()) {
          if (n < 3 || s.name().equals("up")) {
            shown.append("    ").append(s.name()).append(s.labels()).append(' ');
            shown.append(s.value()).append(" @").append(s.timestampMillis()).append('\n');
          }
          n++;
        }
      }
      samples.addAndGet(n);
      lastDecoded.set("  key " + key + ", " + n + " samples, e.g.:\n" + shown);
    } catch (ExpositionException | IllegalArgumentException e) {
      undecodable.incrementAndGet();
    }
  }

  long records() {
    return records.get();
  }

  long samples() {
    return samples.get();
  }

  long undecodable() {
    return undecodable.get();
  }

  int keys() {
    return perKey.size();
  }

  /** The last record decoded, a few lines of text; empty before the first. */
  String lastDecoded() {
    return lastDecoded.get();
  }

  /** Records landed for this target key. */
  long recordsOf(@Nullable String key) {
    AtomicLong n = key == null ? null : perKey.get(key);
    return n == null ? 0 : n.get();
  }

  @Override
  public void close() {
    consumer.wakeup();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    consumer.close(Duration.ofSeconds(2));
  }
}
