package io.github.vulcanscraper.core;

import io.github.vulcanscraper.core.internal.Hashing;

/**
 * Slot arithmetic: a target's scrapes happen at {@code k * interval + offset(key)} on the wall
 * clock, {@code offset} a stable hash of the key modulo the interval. Every node computes the same
 * slots for a key, so a target that changes owner keeps its cadence.
 */
final class Slots {
  private Slots() {}

  /** The key's phase within an interval, in [0, intervalMillis). */
  static long offset(String key, long intervalMillis) {
    return Math.floorMod(Hashing.hash64(key), intervalMillis);
  }

  /** The first slot strictly after {@code nowMillis}. */
  static long next(long nowMillis, long intervalMillis, long offsetMillis) {
    return nowMillis - Math.floorMod(nowMillis - offsetMillis, intervalMillis) + intervalMillis;
  }
}
