package io.github.vulcanscraper.core;

import io.github.vulcanscraper.api.Member;
import io.github.vulcanscraper.api.Pool;
import io.github.vulcanscraper.api.SnapshotListener;
import io.github.vulcanscraper.api.Subscription;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** A pool whose members the test sets; deliveries run on the test's thread. */
final class SettablePool implements Pool {
  private final String id;
  private final List<SnapshotListener<Set<Member>>> listeners = new CopyOnWriteArrayList<>();
  private volatile Set<Member> members;

  SettablePool(String id, Set<Member> members) {
    this.id = id;
    this.members = Set.copyOf(members);
  }

  void set(Set<Member> next) {
    members = Set.copyOf(next);
    listeners.forEach(l -> l.onSnapshot(members));
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Subscription watch(SnapshotListener<Set<Member>> listener) {
    listeners.add(listener);
    listener.onSnapshot(members);
    return () -> listeners.remove(listener);
  }
}
