package io.github.vulcanscraper.core;

import io.github.vulcanscraper.api.Member;
import io.github.vulcanscraper.core.internal.Hashing;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Rendezvous (highest random weight) hashing over a fixed member set. A key's score on a member is
 * {@code mix64(keyHash ^ memberHash)}; the members with the R highest scores own the key. With
 * weights the score is {@code -weight / ln(u)}, {@code u} the score mapped to (0, 1), which gives
 * each member a share proportional to its weight and still moves only the keys that must move.
 *
 * <p>Design: member hashes and weights are computed once per member set, so placing a key costs one
 * 64-bit mix per member (and a logarithm when weights differ). Ties, which need two equal scores,
 * go to the member whose id sorts first. Immutable and thread-safe.
 */
final class Rendezvous {
  private final Member[] members;
  private final long[] hashes;
  private final double[] weights;
  private final boolean weighted;

  Rendezvous(Collection<Member> memberSet) {
    List<Member> sorted = new ArrayList<>(memberSet);
    sorted.sort(null);
    members = sorted.toArray(new Member[0]);
    hashes = new long[members.length];
    weights = new double[members.length];
    boolean anyDifferent = false;
    for (int i = 0; i < members.length; i++) {
      hashes[i] = Hashing.hash64(members[i].id());
      weights[i] = members[i].weight();
      anyDifferent |= weights[i] != weights[0];
    }
    weighted = anyDifferent;
  }

  /** The number of members. */
  int size() {
    return members.length;
  }

  /** The member at this index (members are sorted by id). */
  Member member(int index) {
    return members[index];
  }

  /** The index of the member with this id, or -1. */
  int indexOf(String id) {
    for (int i = 0; i < members.length; i++) {
      if (members[i].id().equals(id)) {
        return i;
      }
    }
    return -1;
  }

  /** True when {@code member} is among the {@code replicas} owners of the key. */
  boolean owns(long keyHash, int member, int replicas) {
    if (replicas >= members.length) {
      return true;
    }
    int better = 0;
    if (weighted) {
      double own = weightedScore(keyHash, member);
      for (int i = 0; i < members.length; i++) {
        if (i != member
            && beats(weightedScore(keyHash, i), i, own, member)
            && ++better >= replicas) {
          return false;
        }
      }
    } else {
      // Flip the sign bit so that signed comparison orders the scores as unsigned values.
      long own = Hashing.mix64(keyHash ^ hashes[member]) ^ Long.MIN_VALUE;
      for (int i = 0; i < members.length; i++) {
        long s = Hashing.mix64(keyHash ^ hashes[i]) ^ Long.MIN_VALUE;
        if (i != member && (s > own || (s == own && i < member)) && ++better >= replicas) {
          return false;
        }
      }
    }
    return true;
  }

  /** The indexes of the key's owners, best first; at most {@code replicas} of them. */
  int[] owners(long keyHash, int replicas) {
    int r = Math.min(replicas, members.length);
    int[] top = new int[r];
    int n = 0;
    for (int i = 0; i < members.length; i++) {
      int pos = n;
      while (pos > 0 && better(keyHash, i, top[pos - 1])) {
        pos--;
      }
      if (pos < r) {
        int end = Math.min(n, r - 1);
        System.arraycopy(top, pos, top, pos + 1, end - pos);
        top[pos] = i;
        n = Math.min(n + 1, r);
      }
    }
    return top;
  }

  /** True when member {@code i} ranks the key above member {@code j} (i > j on a tie). */
  private boolean better(long keyHash, int i, int j) {
    if (weighted) {
      return weightedScore(keyHash, i) > weightedScore(keyHash, j);
    }
    long si = Hashing.mix64(keyHash ^ hashes[i]) ^ Long.MIN_VALUE;
    long sj = Hashing.mix64(keyHash ^ hashes[j]) ^ Long.MIN_VALUE;
    return si > sj;
  }

  private double weightedScore(long keyHash, int i) {
    return -weights[i] / Math.log(Hashing.unitInterval(Hashing.mix64(keyHash ^ hashes[i])));
  }

  private static boolean beats(double s, int i, double own, int member) {
    return s > own || (s == own && i < member);
  }
}
