package io.github.vulcanscraper.benchmarks;

import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler that turns a benchmark's {@code samples} counter into samples per second of the
 * benchmark process's CPU time (all its threads: the benchmark thread, GC and JIT), next to the
 * per-second-of-wall-time figure JMH prints. On a shared virtual machine the wall-time figure falls
 * with the load of other processes and the hypervisor's steal; the CPU-time figure is what one core
 * does when it runs the parser, the "on one core".
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ParserBenchmark -prof
 * io.github.vulcanscraper.benchmarks.CpuTimeProfiler}; the figure is the {@code ·samples/cpu-s}
 * row. Iterations without a {@code samples} counter report nothing.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  private long cpuStart;
  private long wallStart;

  /** A profiler for JMH to create. */
  public CpuTimeProfiler() {}

  @Override
  public String getDescription() {
    return "samples per second of this process's CPU time";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    wallStart = System.nanoTime();
    cpuStart = ProcessStats.cpuNanos();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
    long cpu = ProcessStats.cpuNanos() - cpuStart;
    long wall = System.nanoTime() - wallStart;
    Result samples = result.getSecondaryResults().get("samples");
    if (samples == null || cpu <= 0) {
      return List.of();
    }
    // The counter is a rate per second of wall time over the iteration.
    double perCpuSecond = samples.getScore() * wall / cpu;
    return List.of(
        new ScalarResult("samples/cpu-s", perCpuSecond, "samples/s", AggregationPolicy.AVG));
  }
}
