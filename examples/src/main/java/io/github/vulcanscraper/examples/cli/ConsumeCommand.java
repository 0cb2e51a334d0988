package io.github.vulcanscraper.examples.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.Sample;
import io.github.vulcanscraper.core.exposition.ExpositionException;
import io.github.vulcanscraper.core.exposition.ExpositionFormat;
import io.github.vulcanscraper.core.exposition.ExpositionWriter;
import io.github.vulcanscraper.kafka.KafkaWriter;
import io.github.vulcanscraper.kafka.MetricDecoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vulcan consume --kafka BOOTSTRAP --topic T [--from-beginning] [--max N] [--timeout D]
 * [--json]}: reads the records a {@link KafkaWriter} wrote and prints them decoded, choosing the
 * decoder from each record's {@code content-type} header. Reads every partition without a consumer
 * group (nothing is committed), from the end unless {@code --from-beginning}. Ends after {@code
 * --max} records, or when nothing arrived for {@code --timeout}. Exit code 0, or 1 when Kafka or
 * the topic is not there or a record did not decode, 2 on a usage error.
 *
 * <p>Plain output: a line {@code # key=K partition=P offset=O timestamp=T content-type=C} per
 * record, then its samples in the Prometheus text format. With {@code --json}, one object per line:
 * {@code {"key":K,"timestamp":T,"samples":[{"name":N,"labels":{...},"value":V,"timestamp":T}]}},
 * values as numbers or {@code "NaN"}, {@code "+Inf"}, {@code "-Inf"}.
 */
@Command(
    name = "consume",
    mixinStandardHelpOptions = true,
    description = {
      "Print the scrapes a Kafka topic holds, decoded by each record's content-type header.",
      "Ends after --max records, or when nothing arrives for --timeout."
    })
public final class ConsumeCommand implements Callable<Integer> {
  private static final JsonFactory JSON = new JsonFactory();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--kafka",
      required = true,
      paramLabel = "BOOTSTRAP",
      description = "Kafka bootstrap servers, host:port[,host:port...].")
  String bootstrap;

  @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "The topic.")
  String topic;

  @Option(
      names = "--from-beginning",
      description = "Start at the oldest record instead of the newest.")
  boolean fromBeginning;

  @Option(
      names = "--max",
      paramLabel = "N",
      description = "Stop after N records (default: no limit).")
  Integer max;

  @Option(
      names = "--timeout",
      paramLabel = "DURATION",
      defaultValue = "10s",
      converter = DurationConverter.class,
      description = "Stop when nothing arrives for this long: 500ms, 10s, 1m, 1h (default: 10s).")
  Duration timeout;

  @Option(names = "--json", description = "One JSON object per record and line.")
  boolean json;

  @Option(
      names = {"-X", "--consumer-property"},
      paramLabel = "KEY=VALUE",
      description = "A Kafka consumer property, e.g. security.protocol=SSL; repeatable.")
  Map<String, String> consumerProperties = new LinkedHashMap<>();

  @Override
  public Integer call() {
    if (max != null && max < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--max must be >= 1: " + max);
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(consumerConfig(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = partitions(consumer);
      consumer.assign(partitions);
      if (fromBeginning) {
        consumer.seekToBeginning(partitions);
      } else {
        consumer.seekToEnd(partitions);
      }
      return consume(consumer, out, err);
    } catch (Unavailable e) {
      err.println("vulcan consume: " + e.getMessage());
      return 1;
    } catch (KafkaException | IllegalArgumentException e) {
      err.println("vulcan consume: " + e.getMessage());
      return 1;
    }
  }

  private Properties consumerConfig() {
    Properties p = new Properties();
    p.putAll(consumerProperties);
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "vulcan-consume");
    return p;
  }

  private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> consumer)
      throws Unavailable {
    List<PartitionInfo> infos;
    try {
      infos = consumer.partitionsFor(topic, timeout);
    } catch (org.apache.kafka.common.errors.TimeoutException e) {
      throw new Unavailable("Kafka at " + bootstrap + " did not answer within " + text(timeout));
    }
    if (infos == null || infos.isEmpty()) {
      throw new Unavailable("topic " + topic + " does not exist at " + bootstrap);
    }
    return infos.stream()
        .map(i -> new TopicPartition(topic, i.partition()))
        .collect(Collectors.toList());
  }

  private int consume(KafkaConsumer<byte[], byte[]> consumer, PrintWriter out, PrintWriter err) {
    int seen = 0;
    boolean allDecoded = true;
    long idleSince = System.nanoTime();
    Duration poll = timeout.compareTo(Duration.ofMillis(500)) < 0 ? timeout : Duration.ofMillis(500);
    while (max == null || seen < max) {
      boolean any = false;
      for (ConsumerRecord<byte[], byte[]> r : consumer.poll(poll)) {
        any = true;
        seen++;
        allDecoded &= print(r, out, err);
        if (max != null && seen >= max) {
          break;
        }
      }
      out.flush();
      if (any) {
        idleSince = System.nanoTime();
      } else if (System.nanoTime() - idleSince >= timeout.toNanos()) {
        break;
      }
    }
    return allDecoded ? 0 : 1;
  }

  private boolean print(ConsumerRecord<byte[], byte[]> r, PrintWriter out, PrintWriter err) {
    String contentType = header(r, KafkaWriter.CONTENT_TYPE_HEADER);
    String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
    List<MetricFamily> families;
    try {
      families = MetricDecoder.forContentType(contentType).decode(r.value());
    } catch (ExpositionException | IllegalArgumentException e) {
      err.println(
          "vulcan consume: record "
              + r.partition()
              + "/"
              + r.offset()
              + " (key "
              + key
              + ") does not decode: "
              + e.getMessage());
      return false;
    }
    try {
      if (json) {
        out.println(jsonLine(key, r.timestamp(), families));
      } else {
        out.println(
            "# key="
                + key
                + " partition="
                + r.partition()
                + " offset="
                + r.offset()
                + " timestamp="
                + r.timestamp()
                + " content-type="
                + contentType);
        ExpositionWriter.of(ExpositionFormat.PROMETHEUS_TEXT).write(families, out);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot write output: " + e.getMessage(), e);
    }
    return true;
  }

  /** One record as the documented JSON line. */
  static String jsonLine(String key, long timestamp, List<MetricFamily> families)
      throws IOException {
    StringWriter sw = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(sw)) {
      g.writeStartObject();
      g.writeStringField("key", key);
      g.writeNumberField("timestamp", timestamp);
      g.writeArrayFieldStart("samples");
      for (MetricFamily f : families) {
        for (Sample s : f.samples()) {
          g.writeStartObject();
          g.writeStringField("name", s.name());
          g.writeObjectFieldStart("labels");
          Labels labels = s.labels();
          for (int i = 0; i < labels.size(); i++) {
            g.writeStringField(labels.name(i), labels.value(i));
          }
          g.writeEndObject();
          g.writeFieldName("value");
          writeValue(g, s.value());
          if (s.hasTimestamp()) {
            g.writeNumberField("timestamp", s.timestampMillis());
          } else {
            g.writeNumberField("timestamp", timestamp);
          }
          g.writeEndObject();
        }
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return sw.toString();
  }

  private static void writeValue(JsonGenerator g, double v) throws IOException {
    if (Double.isNaN(v)) {
      g.writeString("NaN");
    } else if (Double.isInfinite(v)) {
      g.writeString(v > 0 ? "+Inf" : "-Inf");
    } else if (v == Math.rint(v) && Math.abs(v) < 1e15 && !(v == 0 && 1 / v < 0)) {
      g.writeNumber((long) v);
    } else {
      g.writeNumber(v);
    }
  }

  private static String header(ConsumerRecord<?, ?> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static String text(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  /** Kafka or the topic is not there; the message says which. */
  private static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    Unavailable(String message) {
      super(message, null, false, false);
    }
  }
}
