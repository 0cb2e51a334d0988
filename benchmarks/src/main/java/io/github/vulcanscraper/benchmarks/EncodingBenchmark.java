package io.github.vulcanscraper.benchmarks;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.Sample;
import io.github.vulcanscraper.api.Scrape;
import io.github.vulcanscraper.core.exposition.ExpositionException;
import io.github.vulcanscraper.core.exposition.ExpositionFormat;
import io.github.vulcanscraper.core.exposition.ExpositionParser;
import io.github.vulcanscraper.kafka.MetricEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Each Kafka {@link MetricEncoder} on one thread, encoding the record value of one scrape.
 *
 * <p>Workload: a 500-sample node_exporter-like scrape (from {@link Payloads}), every sample
 * labelled with {@code job} and {@code instance} as the scrape loop labels it. The figures are the
 * {@code samples} counter (samples per second) and the {@code bytes} counter (bytes of record value
 * per second; divide by 10^6 for MB/s).
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks -am -DskipTests package && java -jar
 * benchmarks/target/benchmarks.jar EncodingBenchmark}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class EncodingBenchmark {
  @Param({"prometheus", "openmetrics", "json", "remotewrite"})
  public String encoder;

  private MetricEncoder metricEncoder;
  private Scrape scrape;

  /** Counts samples and bytes encoded, reported by JMH as rates. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Encoded {
    /** Samples encoded in this iteration. */
    public long samples;

    /** Bytes of record value produced in this iteration. */
    public long bytes;

    /** Resets the counts before each iteration. */
    @Setup(Level.Iteration)
    public void reset() {
      samples = 0;
      bytes = 0;
    }
  }

  /** Builds the scrape and picks the encoder. */
  @Setup
  public void setUp() throws ExpositionException {
    metricEncoder =
        switch (encoder) {
          case "prometheus" -> MetricEncoder.prometheusText();
          case "openmetrics" -> MetricEncoder.openMetrics();
          case "json" -> MetricEncoder.json();
          case "remotewrite" -> MetricEncoder.remoteWrite();
          default -> throw new IllegalArgumentException("unknown encoder: " + encoder);
        };
    List<MetricFamily> labelled = new ArrayList<>();
    for (MetricFamily family :
        ExpositionParser.of(ExpositionFormat.PROMETHEUS_TEXT)
            .parse(Payloads.nodeExporterLike(500, false))) {
      List<Sample> samples = new ArrayList<>();
      for (Sample s : family.samples()) {
        samples.add(
            s.withLabels(
                s.labels().toBuilder()
                    .set("job", "node")
                    .set("instance", "10.1.2.3:9100")
                    .build()));
      }
      labelled.add(family.withSamples(samples));
    }
    scrape =
        Scrape.of(
            1_700_000_000_000L, Labels.of("job", "node", "instance", "10.1.2.3:9100"), labelled);
  }

  /** Encodes the scrape once. */
  @Benchmark
  public byte[] encode(Encoded count) {
    byte[] value = metricEncoder.encode("node/10.1.2.3:9100", scrape);
    count.samples += scrape.sampleCount();
    count.bytes += value.length;
    return value;
  }
}
