package io.github.vulcanscraper.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

final class DemoTest {
  @Test
  void landsEveryTargetInKafkaAndHandsTheLeavingNodesTargetsOver() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    DemoResult result = new Demo(Duration.ofSeconds(18), true, out, new CountDownLatch(1)).run();

    String printed = bytes.toString(StandardCharsets.UTF_8);
    assertThat(result.records()).isPositive();
    assertThat(result.undecodable()).isZero();
    assertThat(result.keys()).isEqualTo(result.targets());
    assertThat(result.ownedByLeavingNode()).isPositive();
    assertThat(result.takenOver()).isTrue();
    assertThat(printed)
        .contains("\"event\":\"tick\"")
        .contains("node-2 leaves the pool gracefully")
        .contains("\"event\":\"summary\"");
  }

  @Test
  void endsEarlyAndCleanlyWhenStopped() throws Exception {
    CountDownLatch stop = new CountDownLatch(1);
    stop.countDown();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    DemoResult result =
        new Demo(
                Duration.ofMinutes(10),
                false,
                new PrintStream(bytes, true, StandardCharsets.UTF_8),
                stop)
            .run();

    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("== landed in Kafka:");
    assertThat(result.targets()).isEqualTo(11);
  }
}
