package io.github.vulcanscraper.examples.demo;

import io.github.vulcanscraper.api.Member;
import io.github.vulcanscraper.examples.node.ScraperNode;
import io.github.vulcanscraper.kafka.KafkaWriter;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The all-in-one demo: three scraper nodes in this JVM share the targets of two jobs over an
 * embedded ZooKeeper and write to an embedded Kafka broker, while this class shows, every two
 * seconds, the members, the targets per node, the scrapes per second and the records landed in
 * Kafka. A third of the way in it stops node-2 (a graceful leave) and its targets move to the
 * others; two thirds in, node-2 comes back.
 *
 * <p>{@link #run} returns what happened, for the demo's test and the final summary.
 */
public final class Demo {
  private static final String INTERVAL = "2s";
  private static final Duration TICK = Duration.ofSeconds(2);
  private static final String[] NODES = {"node-1", "node-2", "node-3"};

  private final Duration duration;
  private final DemoReport report;
  private final CountDownLatch stop;
  private final Map<String, ScraperNode> nodes = new LinkedHashMap<>();
  private final Map<String, KafkaWriter> writers = new LinkedHashMap<>();
  private long scrapesSeen;

  /**
   * A demo of {@code duration} that prints to {@code out}, as JSON lines when {@code json}; it ends
   * early when {@code stop} is counted down.
   *
   * @param duration how long the demo runs; node-2 leaves at a third of it and comes back at two
   *     thirds
   * @param json true for one JSON object per line, false for a table meant for people
   * @param out where the progress goes
   * @param stop counted down (by a shutdown hook, say) to end the demo early
   */
  public Demo(Duration duration, boolean json, PrintStream out, CountDownLatch stop) {
    this.duration = duration;
    this.report = new DemoReport(out, json);
    this.stop = stop;
  }

  /**
   * Runs the demo to its end and cleans up; returns what landed.
   *
   * @return the records, samples and keys that landed in Kafka, and whether node-2's targets were
   *     taken over
   * @throws Exception when ZooKeeper, Kafka or the exporters cannot be started, or the run fails
   */
  public DemoResult run() throws Exception {
    report.step("starting ZooKeeper, Kafka (KRaft, a child JVM) and the exporters");
    try (DemoWorld world = new DemoWorld(INTERVAL)) {
      report.step(
          "ZooKeeper "
              + world.zooKeeper.connectString()
              + ", Kafka "
              + world.kafka.bootstrapServers()
              + ", "
              + world.targets
              + " targets in 2 jobs");
      try (LandedRecords landed =
          new LandedRecords(
              world.kafka.bootstrapServers(), DemoWorld.TOPIC, DemoWorld.PARTITIONS)) {
        return play(world, landed);
      } finally {
        for (String id : NODES) {
          stopNode(id, false);
        }
      }
    }
  }

  private DemoResult play(DemoWorld world, LandedRecords landed) throws Exception {
    for (String id : NODES) {
      startNode(world, id);
    }
    report.header(NODES);
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    long leaveAt = start + duration.toNanos() / 3;
    long rejoinAt = start + duration.toNanos() * 2 / 3;
    boolean left = false;
    boolean rejoined = false;
    int ownedBeforeLeave = 0;
    boolean takenOver = false;
    long lastScrapes = 0;
    long lastTick = System.nanoTime();
    while (System.nanoTime() < end && !stop.await(TICK.toMillis(), TimeUnit.MILLISECONDS)) {
      long now = System.nanoTime();
      long scrapes = totalScrapes();
      double perSecond = (scrapes - lastScrapes) / ((now - lastTick) / 1e9);
      lastScrapes = scrapes;
      lastTick = now;
      Map<String, Integer> owned = owned();
      report.tick((now - start) / 1_000_000_000L, members(), owned, perSecond, landed);
      if (left && !rejoined) {
        int others = owned.values().stream().mapToInt(Integer::intValue).sum();
        takenOver |= others == world.targets && ownedBeforeLeave > 0;
      }
      if (!left && now >= leaveAt) {
        ownedBeforeLeave = owned.getOrDefault("node-2", 0);
        report.event(
            "node-2 leaves the pool gracefully (it owned "
                + ownedBeforeLeave
                + " targets); watch them move to node-1 and node-3");
        stopNode("node-2", true);
        left = true;
      } else if (left && !rejoined && now >= rejoinAt) {
        report.event("node-2 comes back; it takes its share again");
        startNode(world, "node-2");
        rejoined = true;
      }
    }
    for (String id : NODES) {
      stopNode(id, false);
    }
    awaitQuiet(landed);
    DemoResult result =
        new DemoResult(
            landed.records(),
            landed.samples(),
            landed.keys(),
            world.targets,
            ownedBeforeLeave,
            takenOver,
            landed.undecodable());
    report.summary(result, landed.lastDecoded());
    return result;
  }

  private void startNode(DemoWorld world, String id) {
    KafkaWriter writer =
        KafkaWriter.builder()
            .bootstrapServers(world.kafka.bootstrapServers())
            .topic(DemoWorld.TOPIC)
            .clientId("vulcan-demo-" + id)
            .build();
    ScraperNode node =
        ScraperNode.builder()
            .zooKeeper(world.zooKeeper.connectString())
            .id(id)
            .sessionTimeout(Duration.ofSeconds(6))
            .handOffGrace(Duration.ofSeconds(1))
            .fetchConcurrency(4)
            .writer(writer)
            .build();
    node.start();
    writers.put(id, writer);
    nodes.put(id, node);
  }

  private void stopNode(String id, boolean keepCount) {
    ScraperNode node = nodes.remove(id);
    if (node != null) {
      if (keepCount) {
        scrapesSeen += node.metrics().scrapesSucceeded() + node.metrics().scrapesFailed();
      }
      node.close();
    }
    KafkaWriter writer = writers.remove(id);
    if (writer != null) {
      writer.close();
    }
  }

  private long totalScrapes() {
    long n = scrapesSeen;
    for (ScraperNode node : nodes.values()) {
      n += node.metrics().scrapesSucceeded() + node.metrics().scrapesFailed();
    }
    return n;
  }

  private Map<String, Integer> owned() {
    Map<String, Integer> owned = new LinkedHashMap<>();
    nodes.forEach((id, node) -> owned.put(id, node.targetCount()));
    return owned;
  }

  private String members() {
    TreeSet<String> ids = new TreeSet<>();
    for (ScraperNode node : nodes.values()) {
      ids.addAll(node.members().stream().map(Member::id).collect(Collectors.toList()));
    }
    return String.join(",", ids);
  }

  /** Lets the consumer catch up with what the writers flushed: until no new record for 2 s. */
  private void awaitQuiet(LandedRecords landed) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    long last = -1;
    while (System.nanoTime() < deadline && landed.records() != last) {
      last = landed.records();
      Thread.sleep(2_000);
    }
  }
}
