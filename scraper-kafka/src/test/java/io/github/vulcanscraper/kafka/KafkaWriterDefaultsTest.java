package io.github.vulcanscraper.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The producer settings a writer starts with; no broker needed, the producer connects lazily. */
final class KafkaWriterDefaultsTest {
  @Test
  void compressesWithZstdAtLevelOneAndLingersASecond() {
    try (KafkaWriter writer = writer(KafkaWriter.builder())) {
      assertThat(writer.producerConfig())
          .containsEntry("compression.type", "zstd")
          .containsEntry("compression.zstd.level", "1")
          .containsEntry("linger.ms", "1000")
          .containsEntry("enable.idempotence", "true")
          .containsEntry("acks", "all");
    }
  }

  @Test
  void propertiesReplaceTheDefaults() {
    try (KafkaWriter writer =
        writer(
            KafkaWriter.builder()
                .property("compression.type", "lz4")
                .property("compression.zstd.level", "3")
                .property("linger.ms", "5"))) {
      assertThat(writer.producerConfig())
          .containsEntry("compression.type", "lz4")
          .containsEntry("compression.zstd.level", "3")
          .containsEntry("linger.ms", "5");
    }
  }

  @Test
  void aSettingThatIsNotANumberGetsKafkasMessageNamingIt() {
    assertThatThrownBy(
            () -> writer(KafkaWriter.builder().property("delivery.timeout.ms", "two minutes")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("delivery.timeout.ms")
        .hasMessageContaining("two minutes");
  }

  private static KafkaWriter writer(KafkaWriter.Builder b) {
    return b.bootstrapServers("127.0.0.1:9").topic("defaults").closeTimeout(Duration.ZERO).build();
  }
}
