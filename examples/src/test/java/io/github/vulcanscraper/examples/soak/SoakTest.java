package io.github.vulcanscraper.examples.soak;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.Sample;
import io.github.vulcanscraper.examples.node.ScraperNode;
import io.github.vulcanscraper.kafka.KafkaWriter;
import io.github.vulcanscraper.kafka.MetricDecoder;
import io.github.vulcanscraper.testkit.EmbeddedKafka;
import io.github.vulcanscraper.testkit.ExporterFarm;
import io.github.vulcanscraper.testkit.PartitionProxy;
import io.github.vulcanscraper.zookeeper.JobStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeSet;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingCluster;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Scraper nodes over a real ZooKeeper ensemble of three and a real Kafka broker, scraping an
 * exporter farm every second while nodes join, leave, crash and lose their session, a ZooKeeper
 * member restarts and the broker restarts. Then everything in Kafka is read back and checked per
 * target, slot by slot.
 *
 * <p>The default run lasts about a minute; {@code -Psoak -Dsoak.duration=10m} runs the same
 * schedule of faults again and again for that long.
 */
final class SoakTest {
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(4);
  private static final int TARGETS = Integer.getInteger("soak.targets", 200);
  private static final String TOPIC = "soak";

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final Map<String, ScraperNode> nodes = new HashMap<>();
  private final Map<String, List<PartitionProxy>> proxies = new HashMap<>();
  private TestingCluster zk;
  private final Map<String, CrashableWriter> writers = new HashMap<>();
  private @Nullable EmbeddedKafka kafka;

  @Test
  void everyTargetsEverySlotLandsInKafkaThroughNodeAndStoreFaults() throws Exception {
    Duration duration = Duration.parse("PT" + System.getProperty("soak.duration", "45s"));
    zk = new TestingCluster(3);
    zk.start();
    kafka = EmbeddedKafka.builder().build();
    kafka.start();
    kafka.createTopic(TOPIC, 4);
    try (ExporterFarm farm = ExporterFarm.start(TARGETS, 10)) {
      try (JobStore store = JobStore.builder().connectString(zk.getConnectString()).build()) {
        store.start();
        store.set(JobName.of("soak"), job(farm.address()));
      }
      List<String> events = new ArrayList<>();
      for (String id : List.of("n1", "n2", "n3")) {
        startNode(id);
      }
      awaitMembers(3);
      long start = System.currentTimeMillis();
      long deadline = start + duration.toMillis();
      int round = 0;
      List<long[]> crashes = new ArrayList<>();
      do {
        round++;
        String joiner = "j" + round;
        startNode(joiner);
        events.add("join " + joiner);
        settle();
        String leaver =
            nodes.keySet().stream()
                .filter(n -> !n.equals(joiner))
                .sorted()
                .findFirst()
                .orElseThrow();
        nodes.remove(leaver).close();
        events.add("graceful leave " + leaver);
        settle();
        // A session loss: partitioned past the session timeout, then healed; it keeps scraping.
        String cut = joiner;
        proxies.get(cut).forEach(PartitionProxy::partition);
        events.add("session loss " + cut);
        pause(SESSION_TIMEOUT.plusSeconds(2));
        proxies.get(cut).forEach(PartitionProxy::heal);
        settle();
        // A crash: partitioned for good and stopped; its ephemeral node lives until expiry.
        String victim =
            nodes.keySet().stream().filter(n -> !n.equals(cut)).sorted().findFirst().orElseThrow();
        // From now on nothing it scrapes lands (the process is gone); its session lives until it
        // expires, since the proxies stop its heartbeats without closing the session.
        writers.get(victim).crash();
        proxies.get(victim).forEach(PartitionProxy::partition);
        long crashedAt = System.currentTimeMillis();
        ScraperNode dead = nodes.remove(victim);
        Thread closer = new Thread(dead::close, "crash-" + victim);
        closer.setDaemon(true);
        closer.start();
        crashes.add(new long[] {crashedAt, crashedAt + SESSION_TIMEOUT.toMillis()});
        events.add("crash " + victim);
        startNode("r" + round);
        events.add("join r" + round);
        settle();
        InstanceSpec member = zk.getInstances().iterator().next();
        zk.restartServer(member);
        events.add("zookeeper member restart");
        settle();
        kafka.restart();
        events.add("broker restart");
        settle();
      } while (System.currentTimeMillis() < deadline);
      long end = System.currentTimeMillis();
      for (ScraperNode n : nodes.values()) {
        n.close();
      }
      writers.values().forEach(CrashableWriter::close);

      Map<String, TreeSet<Long>> slots = new HashMap<>();
      long duplicates = readBack(slots);
      Report r =
          Report.of(slots, start, end - 3 * INTERVAL.toMillis(), INTERVAL.toMillis(), TARGETS);
      System.out.printf(
          "soak: %d targets, %d s, %d rounds (%s): coverage %.3f%%, %d duplicates, longest gap %d ms,"
              + " %d missing slots%n",
          TARGETS,
          (end - start) / 1000,
          round,
          String.join(", ", events),
          r.coverage * 100,
          duplicates,
          r.longestGap,
          r.missing);
      // A crashed node's targets may miss the slots between its death and its session's expiry
      // plus one interval; no other fault may lose a slot.
      long allowedGap = SESSION_TIMEOUT.toMillis() + 2 * INTERVAL.toMillis();
      assertThat(r.longestGap).isLessThanOrEqualTo(allowedGap);
      long allowedMissingPerTarget = crashes.size() * (allowedGap / INTERVAL.toMillis());
      assertThat(r.missing).isLessThanOrEqualTo(allowedMissingPerTarget * TARGETS);
      // Duplicates come from a partitioned node that scrapes on while its targets move (until it
      // heals and the pool settles) and from the hand-off grace of a graceful leave.
      long partitionSlots = (SESSION_TIMEOUT.toMillis() + 2_000) / INTERVAL.toMillis() + 2;
      long graceSlots = 2 + 1;
      long allowedDuplicates = (long) round * TARGETS * (partitionSlots + graceSlots);
      System.out.printf(
          "soak: allowed: gap %d ms, %d missing slots, %d duplicates%n",
          allowedGap, allowedMissingPerTarget * TARGETS, allowedDuplicates);
      assertThat(duplicates).isLessThanOrEqualTo(allowedDuplicates);
    } finally {
      for (ScraperNode n : nodes.values()) {
        n.close();
      }
      for (int i = resources.size() - 1; i >= 0; i--) {
        resources.get(i).close();
      }
      writers.values().forEach(CrashableWriter::close);
      if (kafka != null) {
        kafka.close();
      }
      zk.close();
    }
  }

  private void startNode(String id) throws Exception {
    List<PartitionProxy> mine = new ArrayList<>();
    StringBuilder connect = new StringBuilder();
    for (InstanceSpec spec : zk.getInstances()) {
      PartitionProxy p = new PartitionProxy(spec.getPort());
      resources.add(p);
      mine.add(p);
      connect.append(connect.length() == 0 ? "" : ",").append(p.connectString());
    }
    proxies.put(id, mine);
    CrashableWriter writer =
        new CrashableWriter(
            KafkaWriter.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .topic(TOPIC)
                .clientId("soak-" + id)
                .build());
    writers.put(id, writer);
    ScraperNode node =
        ScraperNode.builder()
            .zooKeeper(connect.toString())
            .id(id)
            .sessionTimeout(SESSION_TIMEOUT)
            .handOffGrace(INTERVAL.multipliedBy(2))
            .writer(writer)
            .build();
    nodes.put(id, node);
    node.start();
  }

  private void awaitMembers(int n) {
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                nodes.values().stream().allMatch(x -> x.members().size() == n)
                    && nodes.values().stream().mapToInt(ScraperNode::targetCount).sum() == TARGETS);
  }

  /** Waits until every live node sees the same pool and the targets are shared out once. */
  private void settle() {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                nodes.values().stream().allMatch(x -> x.members().size() == nodes.size())
                    && nodes.values().stream().mapToInt(ScraperNode::targetCount).sum() == TARGETS);
  }

  /** Lets the schedule run for a while: the fault itself, not a wait for a condition. */
  private static void pause(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis());
  }

  private long readBack(Map<String, TreeSet<Long>> slots) throws Exception {
    Properties p = new Properties();
    p.put("bootstrap.servers", kafka.bootstrapServers());
    p.put("auto.offset.reset", "earliest");
    p.put("enable.auto.commit", "false");
    MetricDecoder decoder = MetricDecoder.forContentType(null);
    long duplicates = 0;
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = new ArrayList<>();
      consumer
          .partitionsFor(TOPIC)
          .forEach(i -> partitions.add(new TopicPartition(TOPIC, i.partition())));
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
        for (ConsumerRecord<String, byte[]> rec : consumer.poll(Duration.ofSeconds(1))) {
          for (MetricFamily f : decoder.decode(rec.value())) {
            for (Sample s : f.samples()) {
              if (s.name().equals("up") && !Sample.isStaleMarker(s.value())) {
                if (!slots
                    .computeIfAbsent(rec.key(), k -> new TreeSet<>())
                    .add(s.timestampMillis())) {
                  duplicates++;
                }
              }
            }
          }
        }
      }
    }
    return duplicates;
  }

  private static String job(String address) {
    StringBuilder targets = new StringBuilder();
    for (int i = 0; i < TARGETS; i++) {
      targets.append(i == 0 ? "" : ", ").append("'t").append(i).append("'");
    }
    return "scrape_configs:\n"
        + "  - job_name: soak\n"
        + "    scrape_interval: 1s\n"
        + "    scrape_timeout: 900ms\n"
        + "    static_configs:\n"
        + "      - targets: ["
        + targets
        + "]\n"
        + "    relabel_configs:\n"
        + "      - source_labels: [__address__]\n"
        + "        target_label: instance\n"
        + "      - source_labels: [__address__]\n"
        + "        regex: 't(\\d+)'\n"
        + "        target_label: __metrics_path__\n"
        + "        replacement: '/target/$1/metrics'\n"
        + "      - target_label: __address__\n"
        + "        replacement: '"
        + address
        + "'\n";
  }

  /** Coverage figures over a window of slots. */
  static final class Report {
    final double coverage;
    final long missing;
    final long seen;
    final long longestGap;

    private Report(double coverage, long missing, long seen, long longestGap) {
      this.coverage = coverage;
      this.missing = missing;
      this.seen = seen;
      this.longestGap = longestGap;
    }

    static Report of(Map<String, TreeSet<Long>> slots, long from, long to, long interval, int n) {
      long expected = 0;
      long seen = 0;
      long longestGap = 0;
      for (int i = 0; i < n; i++) {
        TreeSet<Long> s = slots.getOrDefault("soak/t" + i, new TreeSet<>());
        // The target's own phase: every slot in the window is one interval after the previous.
        Long first = s.ceiling(from);
        if (first == null) {
          expected += (to - from) / interval;
          longestGap = Math.max(longestGap, to - from);
          continue;
        }
        long phase = Math.floorMod(first, interval);
        long firstSlot = from - Math.floorMod(from - phase, interval) + interval;
        long previous = firstSlot - interval;
        for (long slot = firstSlot; slot < to; slot += interval) {
          expected++;
          if (s.contains(slot)) {
            seen++;
            longestGap = Math.max(longestGap, slot - previous - interval);
            previous = slot;
          }
        }
        longestGap = Math.max(longestGap, to - previous - interval);
      }
      return new Report(
          expected == 0 ? 0 : (double) seen / expected, expected - seen, seen, longestGap);
    }
  }
}
