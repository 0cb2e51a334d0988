package io.github.vulcanscraper.benchmarks;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.Member;
import io.github.vulcanscraper.api.Pool;
import io.github.vulcanscraper.api.SnapshotListener;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.api.TargetWatcher;
import io.github.vulcanscraper.api.Targeter;
import io.github.vulcanscraper.core.ConsistentHashTargeter;
import io.github.vulcanscraper.core.HTTPTarget;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Consistent hashing ({@link ConsistentHashTargeter}, rendezvous) of 100,000 targets over 1, 10 and
 * 100 members, through the public API a node uses: one node's view of the pool and the full target
 * list, delivering the targets it owns.
 *
 * <p>The timed figure ({@code assign}, ms per operation) is one node computing its own share of the
 * 100,000 targets, what it does on every pool or target change; the goal is under 20 ms with 100
 * members.
 *
 * <p>Movement is measured once per member count in the trial set-up and printed as a {@code
 * movement:} line: the owner of every target is computed from every member's view, then again after
 * a member joins ({@code node-n}) and after one leaves ({@code node-0}); the fraction of targets
 * whose owner changed is compared with the ideal, 1/(n+1) on a join and 1/n on a leave.
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks -am -DskipTests package && java -jar
 * benchmarks/target/benchmarks.jar HashingBenchmark}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
@State(Scope.Thread)
public class HashingBenchmark {
  private static final int TARGETS = 100_000;

  @Param({"1", "10", "100"})
  public int members;

  private List<Targeter> targets;
  private Set<Member> pool;

  /** Makes the targets and the pool, and prints the movement on a join and on a leave. */
  @Setup
  public void setUp() {
    JobName job = JobName.of("hash");
    targets = new ArrayList<>(TARGETS);
    for (int i = 0; i < TARGETS; i++) {
      targets.add(
          HTTPTarget.builder()
              .url(URI.create("http://10.0." + (i / 250) % 256 + "." + i % 250 + ":9100/metrics"))
              .job(job)
              .labels(Labels.of("instance", "host-" + i + ":9100"))
              .interval(Duration.ofSeconds(15))
              .build());
    }
    pool = members(0, members);
    Map<String, String> before = owners(targets, pool);
    Map<String, String> joined = owners(targets, members(0, members + 1));
    double join = moved(before, joined);
    String line =
        String.format(
            Locale.ROOT,
            "movement: n=%d join %.4f (ideal 1/(n+1) = %.4f, %+.1f%%)",
            members,
            join,
            1.0 / (members + 1),
            100 * (join * (members + 1) - 1));
    if (members > 1) {
      Map<String, String> left = owners(targets, members(1, members));
      double leave = moved(before, left);
      line +=
          String.format(
              Locale.ROOT,
              "; leave %.4f (ideal 1/n = %.4f, %+.1f%%)",
              leave,
              1.0 / members,
              100 * (leave * members - 1));
    }
    System.out.println();
    System.out.println(line);
  }

  /** One node (the first member) computes the targets it owns among the 100,000. */
  @Benchmark
  public int assign() {
    return ownedBy("node-0", targets, pool).size();
  }

  private static Set<Member> members(int from, int to) {
    Set<Member> set = new HashSet<>();
    for (int i = from; i < to; i++) {
      set.add(Member.of("node-" + i));
    }
    return set;
  }

  private static Map<String, String> owners(List<Targeter> all, Set<Member> members) {
    Map<String, String> owner = new HashMap<>();
    for (Member m : members) {
      for (Targeter t : ownedBy(m.id(), all, members)) {
        owner.put(t.key(), m.id());
      }
    }
    return owner;
  }

  private static double moved(Map<String, String> before, Map<String, String> after) {
    int moved = 0;
    for (Map.Entry<String, String> e : before.entrySet()) {
      if (!e.getValue().equals(after.get(e.getKey()))) {
        moved++;
      }
    }
    return (double) moved / before.size();
  }

  /** The targets {@code self} owns, through a {@link ConsistentHashTargeter} over a fixed pool. */
  private static List<Targeter> ownedBy(String self, List<Targeter> all, Set<Member> members) {
    TargetWatcher fixedTargets = listener -> deliver(listener, all);
    Pool fixedPool =
        new Pool() {
          @Override
          public String id() {
            return self;
          }

          @Override
          public Subscription watch(SnapshotListener<Set<Member>> listener) {
            return deliver(listener, members);
          }
        };
    List<List<Targeter>> delivered = new ArrayList<>(1);
    try (Subscription s =
        ConsistentHashTargeter.builder(fixedTargets, fixedPool)
            .build()
            .watch(
                new SnapshotListener<>() {
                  @Override
                  public void onSnapshot(List<Targeter> snapshot) {
                    delivered.add(snapshot);
                  }

                  @Override
                  public void onError(Exception error) {
                    throw new IllegalStateException(error);
                  }
                })) {
      return delivered.get(0);
    }
  }

  private static <T> Subscription deliver(SnapshotListener<T> listener, T snapshot) {
    listener.onSnapshot(snapshot);
    return () -> {};
  }
}
