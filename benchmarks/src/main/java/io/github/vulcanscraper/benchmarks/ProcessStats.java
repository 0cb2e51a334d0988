package io.github.vulcanscraper.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's own resource figures as the operating system and the JVM report them: CPU time
 * (all threads, from {@code com.sun.management.OperatingSystemMXBean}), resident set size ({@code
 * VmRSS} of {@code /proc/self/status}), heap in use and live threads.
 */
final class ProcessStats {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private ProcessStats() {}

  /** CPU time used by this process so far, in nanoseconds. */
  static long cpuNanos() {
    return OS.getProcessCpuTime();
  }

  /** Resident set size in KiB, or -1 where {@code /proc} is missing. */
  static long rssKib() {
    try {
      for (String line :
          Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }

  /** Heap in use, in bytes. */
  static long heapUsedBytes() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Live threads. */
  static int threads() {
    return ManagementFactory.getThreadMXBean().getThreadCount();
  }
}
