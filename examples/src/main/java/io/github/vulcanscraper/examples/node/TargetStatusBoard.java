package io.github.vulcanscraper.examples.node;

import io.github.vulcanscraper.api.ScrapeException;
import io.github.vulcanscraper.core.ScrapeListener;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The last scrape of every target this node scraped recently, for a {@code /targets} page: slot,
 * health, duration, samples and the last error (reasons and messages carry no secrets). A {@link
 * ScrapeListener}, so it costs one map write per scrape. Targets not scraped for {@code forget} are
 * dropped from the page (they moved to another node or left discovery). Thread-safe.
 */
public final class TargetStatusBoard implements ScrapeListener {
  /** One target's last scrape. */
  public static final class Status {
    final long slotMillis;
    final boolean up;
    final Duration duration;
    final int samples;
    final @Nullable String error;
    final long seenNanos;

    Status(long slotMillis, boolean up, Duration duration, int samples, @Nullable String error) {
      this.slotMillis = slotMillis;
      this.up = up;
      this.duration = duration;
      this.samples = samples;
      this.error = error;
      this.seenNanos = System.nanoTime();
    }

    /**
     * Whether the last scrape succeeded.
     *
     * @return true when the last scrape succeeded
     */
    public boolean up() {
      return up;
    }

    /**
     * The last error as {@code reason: message}, or {@code null} after a success.
     *
     * @return the error, or {@code null}
     */
    public @Nullable String error() {
      return error;
    }
  }

  private final Map<String, Status> last = new ConcurrentHashMap<>();
  private final long forgetNanos;

  /**
   * A board that forgets targets not scraped for {@code forget}.
   *
   * @param forget how long a target stays on the board after its last scrape
   */
  public TargetStatusBoard(Duration forget) {
    this.forgetNanos = forget.toNanos();
  }

  @Override
  public void scrapeSucceeded(String key, long slotMillis, Duration duration, int samples) {
    last.put(key, new Status(slotMillis, true, duration, samples, null));
  }

  @Override
  public void scrapeFailed(
      String key, long slotMillis, Duration duration, ScrapeException failure) {
    last.put(
        key,
        new Status(slotMillis, false, duration, 0, failure.reason() + ": " + failure.getMessage()));
  }

  /**
   * The targets scraped within the forget window, by key.
   *
   * @return a new map sorted by key; targets past the window are dropped from the board
   */
  public Map<String, Status> snapshot() {
    long now = System.nanoTime();
    last.values().removeIf(s -> now - s.seenNanos > forgetNanos);
    return new TreeMap<>(last);
  }

  /**
   * The page: one line per target, {@code key health last-scrape duration samples error}.
   *
   * @return the page, a header line first, targets sorted by key
   */
  public String render() {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            "%-50s %-6s %-24s %10s %8s  %s%n",
            "target", "health", "last scrape", "duration", "samples", "last error"));
    snapshot()
        .forEach(
            (key, s) ->
                sb.append(
                    String.format(
                        "%-50s %-6s %-24s %9dms %8d  %s%n",
                        key,
                        s.up ? "up" : "down",
                        Instant.ofEpochMilli(s.slotMillis),
                        s.duration.toMillis(),
                        s.samples,
                        s.error == null ? "" : s.error)));
    return sb.toString();
  }
}
