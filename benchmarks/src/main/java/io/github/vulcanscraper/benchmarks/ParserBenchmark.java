package io.github.vulcanscraper.benchmarks;

import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.core.exposition.ExpositionException;
import io.github.vulcanscraper.core.exposition.ExpositionFormat;
import io.github.vulcanscraper.core.exposition.ExpositionParser;
import io.github.vulcanscraper.core.exposition.SeriesCache;
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
 * Exposition parsing on one thread, labels materialised (every sample becomes a {@code Sample} with
 * its {@code Labels}), one parser instance reused as a scrape loop reuses it.
 *
 * <p>Workload: {@link Payloads} pages of about 2,000 samples, node_exporter-like and
 * client_golang-like, in the Prometheus text format and in OpenMetrics. The figure to read is the
 * {@code samples} counter in samples per second; the goal is at least 5 million (Prometheus' Go
 * parser publishes about 420 ns per decoded sample, about 2.4 million per second).
 *
 * <p>Two benchmarks: {@code parse} reads every page from scratch (the figure comparable with other
 * parsers); {@code parseRepeated} reads it with a {@link SeriesCache} warmed by the previous page,
 * as a scraper reads the next scrape of the same target: series written again byte for byte come
 * from the cache instead of being parsed (the OpenMetrics parser keeps no cache, so there the two
 * are the same work).
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks -am -DskipTests package && java -jar
 * benchmarks/target/benchmarks.jar ParserBenchmark}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class ParserBenchmark {
  @Param({"node-text", "golang-text", "node-openmetrics", "golang-openmetrics"})
  public String payload;

  private byte[] body;
  private ExpositionParser parser;
  private SeriesCache cache;

  /** Counts the samples decoded, reported by JMH as a rate. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Decoded {
    /** Samples decoded in this iteration. */
    public long samples;

    /** Resets the count before each iteration. */
    @Setup(Level.Iteration)
    public void reset() {
      samples = 0;
    }
  }

  /** Builds the payload and the parser. */
  @Setup
  public void setUp() {
    boolean openMetrics = payload.endsWith("openmetrics");
    body = Payloads.parserPage(payload);
    parser =
        ExpositionParser.of(
            openMetrics ? ExpositionFormat.OPENMETRICS_TEXT : ExpositionFormat.PROMETHEUS_TEXT);
    cache = new SeriesCache();
  }

  /** Parses the whole page once. */
  @Benchmark
  public List<MetricFamily> parse(Decoded decoded) throws ExpositionException {
    List<MetricFamily> families = parser.parse(body);
    for (MetricFamily family : families) {
      decoded.samples += family.samples().size();
    }
    return families;
  }

  /** Parses the page with the series cache of the previous parse of the same page. */
  @Benchmark
  public List<MetricFamily> parseRepeated(Decoded decoded) throws ExpositionException {
    List<MetricFamily> families = parser.parse(body, 0, body.length, cache);
    for (MetricFamily family : families) {
      decoded.samples += family.samples().size();
    }
    return families;
  }
}
