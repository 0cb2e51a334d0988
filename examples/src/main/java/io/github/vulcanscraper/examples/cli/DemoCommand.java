package io.github.vulcanscraper.examples.cli;

import io.github.vulcanscraper.examples.demo.Demo;
import io.github.vulcanscraper.examples.demo.DemoResult;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code vulcan demo}: the whole system on one machine with only a JDK — embedded ZooKeeper and
 * Kafka, local exporters, two jobs, three scraper nodes — shown live. Exit 0 when records landed in
 * Kafka, 1 otherwise.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole system locally: embedded ZooKeeper and Kafka (KRaft), local exporters, two",
      "jobs (static and file-discovered) and three scraper nodes; show members, targets per node,",
      "scrapes per second and records landed in Kafka; stop one node midway and bring it back."
    })
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--duration", paramLabel = "D", defaultValue = "60s",
      converter = DurationConverter.class,
      description = "How long to run (default: ${DEFAULT-VALUE}); Ctrl-C ends it early, cleanly")
  Duration duration = Duration.ofSeconds(60);

  @Option(names = "--json", description = "Print one JSON object per line instead of a table")
  boolean json;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch finished = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              stop.countDown();
              try {
                finished.await(30, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "vulcan-demo-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      DemoResult result = new Demo(duration, json, out, stop).run();
      return result.records() > 0 ? 0 : 1;
    } finally {
      finished.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException e) {
        // Shutting down already (Ctrl-C): the hook is running and waits for us.
      }
    }
  }
}
