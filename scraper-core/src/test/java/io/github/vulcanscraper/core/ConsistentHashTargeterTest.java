package io.github.vulcanscraper.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vulcanscraper.api.Member;
import io.github.vulcanscraper.api.Targeter;
import io.github.vulcanscraper.core.internal.Hashing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

final class ConsistentHashTargeterTest {
  private static List<Targeter> targets(int n) {
    return IntStream.range(0, n)
        .mapToObj(i -> (Targeter) new FakeTargeter("host-" + i + ":9100", Duration.ofSeconds(10)))
        .collect(Collectors.toList());
  }

  private static Set<Member> members(int n) {
    return IntStream.range(0, n).mapToObj(i -> Member.of("node-" + i)).collect(Collectors.toSet());
  }

  @Test
  void givesEveryTargetExactlyOneOwnerForAnyMemberSet() {
    List<Targeter> all = targets(2_000);
    Random random = new Random(42);
    for (int round = 0; round < 20; round++) {
      Set<Member> members = new HashSet<>();
      int n = 1 + random.nextInt(12);
      while (members.size() < n) {
        members.add(Member.of("m" + random.nextInt(1000)));
      }
      Map<String, Integer> owners = new HashMap<>();
      for (Member m : members) {
        OwnedTargets owned = ConsistentHashTargeter.assign(all, members, m.id(), 1);
        owned.forEach(t -> owners.merge(t.key(), 1, Integer::sum));
        assertThat(owned.size() + owned.elsewhere().size()).isEqualTo(all.size());
      }
      assertThat(owners).hasSize(all.size());
      assertThat(owners.values()).containsOnly(1);
    }
  }

  @Test
  void givesEveryTargetExactlyReplicasOwnersWithReplication() {
    List<Targeter> all = targets(2_000);
    for (int n = 1; n <= 6; n++) {
      Set<Member> members = members(n);
      for (int r = 1; r <= 3; r++) {
        Map<String, Integer> owners = new HashMap<>();
        for (Member m : members) {
          ConsistentHashTargeter.assign(all, members, m.id(), r)
              .forEach(t -> owners.merge(t.key(), 1, Integer::sum));
        }
        assertThat(owners.values()).as("n=%d r=%d", n, r).containsOnly(Math.min(n, r));
      }
    }
  }

  @Test
  void aJoiningMemberTakesOnlyTargetsThatNowGoToIt() {
    List<Targeter> all = targets(20_000);
    for (int n = 1; n <= 10; n++) {
      Set<Member> before = members(n);
      Set<Member> after = members(n + 1);
      String joiner = "node-" + n;
      Set<String> taken = keys(ConsistentHashTargeter.assign(all, after, joiner, 1));
      int moved = 0;
      for (Member m : before) {
        Set<String> had = keys(ConsistentHashTargeter.assign(all, before, m.id(), 1));
        Set<String> has = keys(ConsistentHashTargeter.assign(all, after, m.id(), 1));
        // AssertJ's containsAll is quadratic on big sets; Set.containsAll is not.
        assertThat(had.containsAll(has)).as("%s gains nothing", m).isTrue();
        Set<String> lost = new HashSet<>(had);
        lost.removeAll(has);
        assertThat(taken.containsAll(lost)).as("what %s lost went to the joiner", m).isTrue();
        moved += lost.size();
      }
      assertThat(moved).isEqualTo(taken.size());
      double expected = all.size() / (n + 1.0);
      assertThat((double) moved).as("n=%d", n).isBetween(expected * 0.85, expected * 1.15);
    }
  }

  @Test
  void nodesSeeingDifferentTargetListsAgreeOnTheTargetsTheyShare() {
    List<Targeter> all = targets(3_000);
    List<Targeter> some = all.subList(1_000, 2_500);
    Set<Member> members = members(4);
    for (Member m : members) {
      Set<String> fromAll = keys(ConsistentHashTargeter.assign(all, members, m.id(), 1));
      Set<String> fromSome = keys(ConsistentHashTargeter.assign(some, members, m.id(), 1));
      fromAll.retainAll(keys(some));
      assertThat(fromSome).isEqualTo(fromAll);
    }
  }

  @Test
  void weightsShareTargetsInProportion() {
    List<Targeter> all = targets(30_000);
    Set<Member> members =
        Set.of(
            Member.of("a", 1, Map.of()), Member.of("b", 2, Map.of()), Member.of("c", 1, Map.of()));
    int a = ConsistentHashTargeter.assign(all, members, "a", 1).size();
    int b = ConsistentHashTargeter.assign(all, members, "b", 1).size();
    int c = ConsistentHashTargeter.assign(all, members, "c", 1).size();
    assertThat(a + b + c).isEqualTo(all.size());
    assertThat((double) b / all.size()).isBetween(0.45, 0.55);
    assertThat((double) a / all.size()).isBetween(0.2, 0.3);
  }

  @Test
  void aNodeMissingFromItsPoolIsPlacedAsAMember() {
    List<Targeter> all = targets(1_000);
    Set<Member> others = members(3);
    Set<Member> withMe = new HashSet<>(others);
    withMe.add(Member.of("me"));
    assertThat(ConsistentHashTargeter.assign(all, others, "me", 1))
        .isEqualTo(ConsistentHashTargeter.assign(all, withMe, "me", 1));
  }

  @Test
  void deliversANewSnapshotWhenTargetsOrMembersChange() {
    SettableTargets source = new SettableTargets(targets(100));
    SettablePool pool = new SettablePool("node-0", members(1));
    AtomicReference<List<Targeter>> last = new AtomicReference<>();
    List<Integer> sizes = new ArrayList<>();
    ConsistentHashTargeter.builder(source, pool)
        .build()
        .watch(
            s -> {
              last.set(s);
              sizes.add(s.size());
            });
    assertThat(last.get()).hasSize(100).isInstanceOf(OwnedTargets.class);

    pool.set(members(2));
    OwnedTargets owned = (OwnedTargets) Objects.requireNonNull(last.get());
    assertThat(owned.size()).isBetween(30, 70);
    assertThat(owned.elsewhere()).hasSize(100 - owned.size());

    source.set(targets(200));
    assertThat(Objects.requireNonNull(last.get()).size()).isBetween(70, 130);

    pool.set(members(2)); // the same members: nothing new to say
    assertThat(sizes).hasSize(3);
  }

  /**
   * Prints balance and movement of 100k targets over 1 to 100 members. Asserts only generous
   * ranges; the timings are printed for the report, never asserted.
   */
  @Test
  void printsBalanceAndMovementFor100kTargets() {
    int targetCount = 100_000;
    long[] keyHashes = new long[targetCount];
    for (int i = 0; i < targetCount; i++) {
      keyHashes[i] = Hashing.hash64("job/host-" + i + ".example.com:9100");
    }
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            "%n%8s %10s %10s %10s %12s %12s %10s%n",
            "members", "min/mean", "max/mean", "stddev%", "moved(join)", "expected", "ms"));
    int[] sizes = {1, 2, 3, 5, 10, 20, 50, 100};
    for (int n : sizes) {
      Rendezvous hash = new Rendezvous(members(n));
      long start = System.nanoTime();
      int[] owner = new int[targetCount];
      for (int i = 0; i < targetCount; i++) {
        owner[i] = hash.owners(keyHashes[i], 1)[0];
      }
      double ms = (System.nanoTime() - start) / 1e6;
      int[] counts = new int[n];
      for (int o : owner) {
        counts[o]++;
      }
      double mean = targetCount / (double) n;
      double min = IntStream.of(counts).min().getAsInt() / mean;
      double max = IntStream.of(counts).max().getAsInt() / mean;
      double var = IntStream.of(counts).mapToDouble(c -> (c - mean) * (c - mean)).sum() / n;
      Rendezvous joined = new Rendezvous(members(n + 1));
      int joiner = joined.indexOf("node-" + n);
      int moved = 0;
      for (int i = 0; i < targetCount; i++) {
        int o = joined.owners(keyHashes[i], 1)[0];
        if (o == joiner) {
          moved++;
        } else {
          assertThat(joined.member(o)).isEqualTo(hash.member(owner[i]));
        }
      }
      table.append(
          String.format(
              "%8d %10.3f %10.3f %10.2f %12d %12.0f %10.1f%n",
              n, min, max, 100 * Math.sqrt(var) / mean, moved, targetCount / (n + 1.0), ms));
      assertThat(min).isGreaterThan(0.75);
      assertThat(max).isLessThan(1.25);
      assertThat((double) moved)
          .isBetween(0.8 * targetCount / (n + 1), 1.2 * targetCount / (n + 1));
    }
    List<Targeter> all = targets(targetCount);
    Set<Member> hundred = members(100);
    double best = Double.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long start = System.nanoTime();
      OwnedTargets owned = ConsistentHashTargeter.assign(all, hundred, "node-7", 1);
      best = Math.min(best, (System.nanoTime() - start) / 1e6);
      assertThat(owned.size() + owned.elsewhere().size()).isEqualTo(targetCount);
    }
    table.append(
        String.format(
            "assign(%d targets, 100 members) for one node: best of 5 %.1f ms%n",
            targetCount, best));
    System.out.println("Rendezvous hashing, " + targetCount + " targets:" + table);
  }

  private static Set<String> keys(List<Targeter> targets) {
    return targets.stream().map(Targeter::key).collect(Collectors.toSet());
  }
}
