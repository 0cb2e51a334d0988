package io.github.vulcanscraper.api;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one scrape of one target, as handed to a {@link Writer}: the scrape's timestamp
 * (the start of its schedule slot), the target's labels and the metric families, the synthetic
 * series ({@code up}, {@code scrape_duration_seconds}, ...) among them. A failed scrape holds only
 * the synthetic series, with {@code up} 0. Immutable and thread-safe.
 */
public final class Scrape {
  private final long timestampMillis;
  private final Labels target;
  private final List<MetricFamily> families;

  private Scrape(long timestampMillis, Labels target, List<MetricFamily> families) {
    this.timestampMillis = timestampMillis;
    this.target = Objects.requireNonNull(target, "target");
    this.families = List.copyOf(families);
  }

  /**
   * A scrape.
   *
   * @param timestampMillis the scrape's timestamp in milliseconds since the epoch
   * @param target the target's labels ({@code job}, {@code instance}, ...)
   * @param families the families, copied
   * @return the scrape
   */
  public static Scrape of(long timestampMillis, Labels target, List<MetricFamily> families) {
    return new Scrape(timestampMillis, target, families);
  }

  /**
   * The scrape's timestamp in milliseconds since the epoch: the start of its slot.
   *
   * @return the timestamp in milliseconds
   */
  public long timestampMillis() {
    return timestampMillis;
  }

  /**
   * The target's labels, {@code job} and {@code instance} among them.
   *
   * @return the target labels
   */
  public Labels target() {
    return target;
  }

  /**
   * The metric families, synthetic series included; immutable.
   *
   * @return an immutable list of the families
   */
  public List<MetricFamily> families() {
    return families;
  }

  /**
   * The number of samples over all families.
   *
   * @return the total sample count, 0 when there is no family
   */
  public int sampleCount() {
    int n = 0;
    for (MetricFamily f : families) {
      n += f.samples().size();
    }
    return n;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Scrape)) {
      return false;
    }
    Scrape s = (Scrape) o;
    return timestampMillis == s.timestampMillis
        && target.equals(s.target)
        && families.equals(s.families);
  }

  @Override
  public int hashCode() {
    return Objects.hash(timestampMillis, target, families);
  }

  @Override
  public String toString() {
    return "Scrape{" + target + " @" + timestampMillis + ", " + families.size() + " families}";
  }
}
