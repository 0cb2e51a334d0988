package io.github.vulcanscraper.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The cold parse of {@link ParserBenchmark}'s four pages, measured in short interleaved slices of
 * one JVM, for a machine whose speed moves under the load of its neighbours: on the shared VM of
 * BENCHMARKS.md one JMH fork saw 4.4 to 8.3 M samples/s from one second to the next for the same
 * code, so that two forks a minute apart compare the machine's moods more than the code.
 *
 * <p>Two uses:
 *
 * <ul>
 *   <li><b>Spread</b> ({@code <jar> <seconds>}): the four pages in turn, 250 ms of thread CPU time
 *       each, for {@code seconds}; per page the percentiles of samples per CPU-second, how often
 *       all four reached 5 M in the same round, and the machine's steal time (Linux), which tells
 *       whether the hypervisor took the CPU away or the neighbours slowed it while it ran.
 *   <li><b>Pair</b> ({@code <jar> <seconds> <other jar> <page>}): two builds of the parser, each
 *       from its own class loader, in alternating slices on the same page; the median of the
 *       per-pair ratios (other / first) with its quartiles. Both builds see the same moments of the
 *       machine, so the ratio holds where the absolute figures drift.
 * </ul>
 *
 * <p>Each build warms up for 20 s first. Figures are the parsing thread's CPU time ({@link
 * ThreadMXBean}), without the GC's and the JIT's threads (JMH's {@link CpuTimeProfiler} counts
 * them).
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * io.github.vulcanscraper.benchmarks.ParserSlicesMain benchmarks/target/benchmarks.jar 120}, or
 * with {@code /tmp/before.jar golang-openmetrics} appended for a pair.
 */
public final class ParserSlicesMain {
  private static final String[] PAGES = Payloads.PARSER_PAGES.toArray(new String[0]);
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final long WARM_UP_NANOS = 20_000_000_000L;
  private static final long SLICE_NANOS = 250_000_000L;

  private ParserSlicesMain() {}

  /**
   * Runs the spread or the pair, as the class comment says.
   *
   * @param args {@code <jar> <seconds> [<other jar> <page>]}
   * @throws Exception when a jar cannot be loaded or a page does not parse
   */
  public static void main(String[] args) throws Exception {
    if (args.length != 2 && args.length != 4) {
      System.err.println("usage: ParserSlicesMain <jar> <seconds> [<other jar> <page>]");
      System.exit(2);
    }
    long nanos = Long.parseLong(args[1]) * 1_000_000_000L;
    if (args.length == 2) {
      spread(Path.of(args[0]), nanos);
    } else {
      pair(Path.of(args[0]), Path.of(args[2]), args[3], nanos);
    }
  }

  private static void spread(Path jar, long nanos) throws Exception {
    Build[] builds = new Build[PAGES.length];
    for (int i = 0; i < PAGES.length; i++) {
      builds[i] = new Build(jar, PAGES[i]);
    }
    long warm = System.nanoTime() + WARM_UP_NANOS;
    while (System.nanoTime() < warm) {
      for (Build b : builds) {
        b.slice();
      }
    }
    List<double[]> rounds = new ArrayList<>();
    long[] runStart = stealAndTotalTicks();
    double maxSteal = 0;
    long stop = System.nanoTime() + nanos;
    while (System.nanoTime() < stop) {
      long[] before = stealAndTotalTicks();
      double[] round = new double[PAGES.length];
      for (int i = 0; i < PAGES.length; i++) {
        round[i] = builds[i].slice();
      }
      rounds.add(round);
      maxSteal = Math.max(maxSteal, share(before, stealAndTotalTicks()));
    }
    double runSteal = share(runStart, stealAndTotalTicks());
    int allAtFive = 0;
    for (double[] round : rounds) {
      if (Arrays.stream(round).allMatch(r -> r >= 5e6)) {
        allAtFive++;
      }
    }
    for (int i = 0; i < PAGES.length; i++) {
      int page = i;
      double[] rates = rounds.stream().mapToDouble(r -> r[page] / 1e6).toArray();
      System.out.printf(
          Locale.ROOT,
          "%-20s M samples/CPU-s: p10 %.2f  p25 %.2f  median %.2f  p75 %.2f  p90 %.2f  max %.2f%n",
          PAGES[i],
          quantile(rates, 0.10),
          quantile(rates, 0.25),
          quantile(rates, 0.50),
          quantile(rates, 0.75),
          quantile(rates, 0.90),
          quantile(rates, 1.0));
    }
    System.out.printf(
        Locale.ROOT, "rounds %d, all four pages at 5 M or more in %d%n", rounds.size(), allAtFive);
    if (runSteal >= 0) {
      System.out.printf(
          Locale.ROOT,
          "steal (the hypervisor running others on this machine's CPUs): %.1f%% of CPU time over"
              + " the run, at most %.1f%% in one round%n",
          100 * runSteal,
          100 * maxSteal);
    }
  }

  /**
   * The machine's steal and total CPU ticks so far, from the first line of Linux's {@code
   * /proc/stat}; empty where there is none.
   */
  private static long[] stealAndTotalTicks() {
    try {
      String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+", -1);
      long total = 0;
      for (int i = 1; i < fields.length; i++) {
        total += Long.parseLong(fields[i]);
      }
      return new long[] {Long.parseLong(fields[8]), total};
    } catch (IOException | RuntimeException e) {
      return new long[0];
    }
  }

  /** The steal share of the ticks between two readings; -1 when either is empty. */
  private static double share(long[] before, long[] after) {
    if (before.length == 0 || after.length == 0 || after[1] == before[1]) {
      return -1;
    }
    return (after[0] - before[0]) / (double) (after[1] - before[1]);
  }

  private static void pair(Path first, Path other, String page, long nanos) throws Exception {
    Build a = new Build(first, page);
    Build b = new Build(other, page);
    long warm = System.nanoTime() + WARM_UP_NANOS;
    while (System.nanoTime() < warm) {
      a.slice();
      b.slice();
    }
    List<Double> ratios = new ArrayList<>();
    List<Double> ratesA = new ArrayList<>();
    List<Double> ratesB = new ArrayList<>();
    long stop = System.nanoTime() + nanos;
    for (int i = 0; System.nanoTime() < stop; i++) {
      // Both orders, in turn: the second slice of a pair is not always the same build's.
      double ra;
      double rb;
      if (i % 2 == 0) {
        ra = a.slice();
        rb = b.slice();
      } else {
        rb = b.slice();
        ra = a.slice();
      }
      ratesA.add(ra / 1e6);
      ratesB.add(rb / 1e6);
      ratios.add(rb / ra);
    }
    double[] r = ratios.stream().mapToDouble(Double::doubleValue).toArray();
    System.out.printf(
        Locale.ROOT,
        "%s, %d pairs: first %.2f M, other %.2f M samples/CPU-s (medians); other/first median %.3f"
            + " (quartiles %.3f, %.3f)%n",
        page,
        r.length,
        quantile(ratesA.stream().mapToDouble(Double::doubleValue).toArray(), 0.5),
        quantile(ratesB.stream().mapToDouble(Double::doubleValue).toArray(), 0.5),
        quantile(r, 0.5),
        quantile(r, 0.25),
        quantile(r, 0.75));
  }

  private static double quantile(double[] values, double q) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.round(q * (sorted.length - 1))];
  }

  /** One build's parser on one page, loaded from its jar by a class loader of its own. */
  private static final class Build {
    private final byte[] page;
    private final Object parser;
    private final Method parse;
    private final Method samples;

    Build(Path jar, String pageName) throws Exception {
      URLClassLoader loader =
          new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      boolean openMetrics = pageName.endsWith("openmetrics");
      // The build's own pages, by the methods every build has (older ones lack parserPage).
      Class<?> payloads = loader.loadClass("io.github.vulcanscraper.benchmarks.Payloads");
      Method make =
          payloads.getMethod(
              pageName.startsWith("node") ? "nodeExporterLike" : "clientGolangLike",
              int.class,
              boolean.class);
      page = (byte[]) make.invoke(null, 2000, openMetrics);
      Class<?> format =
          loader.loadClass("io.github.vulcanscraper.core.exposition.ExpositionFormat");
      Class<?> parsers =
          loader.loadClass("io.github.vulcanscraper.core.exposition.ExpositionParser");
      Object f = format.getField(openMetrics ? "OPENMETRICS_TEXT" : "PROMETHEUS_TEXT").get(null);
      parser = parsers.getMethod("of", format).invoke(null, f);
      parse = parsers.getMethod("parse", byte[].class);
      samples = loader.loadClass("io.github.vulcanscraper.api.MetricFamily").getMethod("samples");
    }

    /** Parses the page over and over for one slice; samples per second of thread CPU time. */
    double slice() throws Exception {
      long cpu = THREADS.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      long decoded = 0;
      while (System.nanoTime() - start < SLICE_NANOS) {
        for (Object family : (List<?>) parse.invoke(parser, (Object) page)) {
          decoded += ((List<?>) samples.invoke(family)).size();
        }
      }
      return decoded / ((THREADS.getCurrentThreadCpuTime() - cpu) / 1e9);
    }
  }
}
