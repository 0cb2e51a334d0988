package io.github.vulcanscraper.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The node's arguments are checked before it connects to anything. */
final class NodeCommandTest {
  private final CliRun cli = new CliRun();

  private int node(String... extra) {
    String[] base = {"node", "--zk", "127.0.0.1:1", "--kafka", "127.0.0.1:1"};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return cli.run(args);
  }

  @Test
  void rejectsAKafkaPropertyWithoutAValue() {
    assertThat(node("--kafka-property", "linger.ms")).isEqualTo(2);
    assertThat(cli.err()).contains("--kafka-property").contains("linger.ms");
  }

  @Test
  void rejectsAKafkaPropertyKafkaRefusesNamingItAndTheValue() {
    assertThat(node("--kafka-property", "linger.ms=soon")).isEqualTo(2);
    assertThat(cli.err()).contains("linger.ms").contains("soon");
  }

  @Test
  void rejectsASerializerPropertyAsTheWriterSetsItsOwn() {
    assertThat(node("--kafka-property", "value.serializer=x.Y")).isEqualTo(2);
    assertThat(cli.err()).contains("value.serializer");
  }

  @Test
  void rejectsABadMetricsPort() {
    assertThat(node("--metrics-port", "70000")).isEqualTo(2);
    assertThat(cli.err()).contains("--metrics-port must be 0..65535: 70000");
  }
}
