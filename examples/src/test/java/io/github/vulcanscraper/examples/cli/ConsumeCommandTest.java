package io.github.vulcanscraper.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.MetricType;
import io.github.vulcanscraper.api.Sample;
import io.github.vulcanscraper.api.Scrape;
import io.github.vulcanscraper.kafka.KafkaWriter;
import io.github.vulcanscraper.kafka.MetricEncoder;
import io.github.vulcanscraper.testkit.EmbeddedKafka;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

final class ConsumeCommandTest {
  private static final long TS = System.currentTimeMillis();
  private static EmbeddedKafka kafka;

  @BeforeAll
  static void startBrokerAndWrite() {
    kafka = EmbeddedKafka.builder().build();
    kafka.start();
    kafka.createTopic("metrics", 1);
    for (MetricEncoder encoder :
        List.of(
            MetricEncoder.prometheusText(), MetricEncoder.openMetrics(), MetricEncoder.json())) {
      try (KafkaWriter writer =
          KafkaWriter.builder()
              .bootstrapServers(kafka.bootstrapServers())
              .topic("metrics")
              .encoder(encoder)
              .build()) {
        writer.write("node/a:9100", scrape()).toCompletableFuture().join();
      }
    }
  }

  @AfterAll
  static void closeBroker() {
    kafka.close();
  }

  @Test
  void printsEveryRecordAsOneJsonLineWhateverItsEncoder() {
    Result r =
        run(
            "consume",
            "--kafka",
            kafka.bootstrapServers(),
            "--topic",
            "metrics",
            "--from-beginning",
            "--max",
            "3",
            "--json");

    assertThat(r.code).isZero();
    String expected =
        "{\"key\":\"node/a:9100\",\"timestamp\":"
            + TS
            + ",\"samples\":["
            + "{\"name\":\"up\",\"labels\":{\"instance\":\"a:9100\",\"job\":\"node\"},"
            + "\"value\":1,\"timestamp\":"
            + TS
            + "},"
            + "{\"name\":\"temp\",\"labels\":{\"instance\":\"a:9100\",\"job\":\"node\"},"
            + "\"value\":\"+Inf\",\"timestamp\":"
            + TS
            + "},"
            + "{\"name\":\"temp\",\"labels\":{\"instance\":\"a:9100\",\"job\":\"node\",\"room\":\"b\"},"
            + "\"value\":\"NaN\",\"timestamp\":"
            + TS
            + "},"
            + "{\"name\":\"temp\",\"labels\":{\"instance\":\"a:9100\",\"job\":\"node\",\"room\":\"c\"},"
            + "\"value\":0.25,\"timestamp\":42}]}";
    assertThat(r.out.split("\n")).containsExactly(expected, expected, expected);
    assertThat(r.err).isEmpty();
  }

  @Test
  void printsTextWithARecordHeaderAndEndsWhenNothingArrives() {
    Result r =
        run(
            "consume",
            "--kafka",
            kafka.bootstrapServers(),
            "--topic",
            "metrics",
            "--from-beginning",
            "--timeout",
            "2s");

    assertThat(r.code).isZero();
    assertThat(r.out)
        .startsWith(
            "# key=node/a:9100 partition=0 offset=0 timestamp="
                + TS
                + " content-type=text/plain; version=0.0.4; charset=utf-8\n")
        .contains("content-type=application/json; schema=vulcan-samples\n")
        .contains("up{instance=\"a:9100\",job=\"node\"} 1 " + TS + "\n");
  }

  @Test
  void namesAMissingTopic() {
    Result r =
        run("consume", "--kafka", kafka.bootstrapServers(), "--topic", "absent", "--timeout", "3s");

    assertThat(r.code).isEqualTo(1);
    assertThat(r.err)
        .isEqualTo(
            "vulcan consume: topic absent does not exist at " + kafka.bootstrapServers() + "\n");
  }

  @Test
  void namesAnUnreachableKafka() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = s.getLocalPort();
    }
    Result r = run("consume", "--kafka", "127.0.0.1:" + port, "--topic", "t", "--timeout", "1s");

    assertThat(r.code).isEqualTo(1);
    assertThat(r.err)
        .isEqualTo("vulcan consume: Kafka at 127.0.0.1:" + port + " did not answer within 1s\n");
  }

  @Test
  void rejectsABadDurationAsAUsageError() {
    Result r = run("consume", "--kafka", "x:1", "--topic", "t", "--timeout", "10x");

    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("not a duration (like 500ms, 10s, 1m30s, 1h): '10x'");
  }

  @Test
  void rejectsANonPositiveMaxAsAUsageError() {
    Result r = run("consume", "--kafka", "x:1", "--topic", "t", "--max", "0");

    assertThat(r.code).isEqualTo(2);
    assertThat(r.err).contains("--max must be >= 1: 0");
  }

  private static Scrape scrape() {
    Labels target = Labels.of("job", "node", "instance", "a:9100");
    return Scrape.of(
        TS,
        target,
        List.of(
            MetricFamily.of("up", MetricType.GAUGE, List.of(Sample.of("up", target, 1))),
            MetricFamily.of(
                "temp",
                MetricType.GAUGE,
                List.of(
                    Sample.of("temp", target, Double.POSITIVE_INFINITY),
                    Sample.of("temp", target.with("room", "b"), Double.NaN),
                    Sample.of("temp", target.with("room", "c"), 0.25, 42)))));
  }

  private static Result run(String... args) {
    CliRun cli = new CliRun();
    int code = cli.run(args);
    return new Result(code, cli.out(), cli.err());
  }

  private static final class Result {
    final int code;
    final String out;
    final String err;

    Result(int code, String out, String err) {
      this.code = code;
      this.out = out;
      this.err = err;
    }
  }
}
