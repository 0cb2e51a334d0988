package io.github.vulcanscraper.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/**
 * The self-metrics of one {@link Scraper} instance (never static globals, so two scrapers in one
 * process count apart). Write them in the Prometheus text format with {@link #writeText}:
 *
 * <ul>
 *   <li>{@code vulcan_scraper_targets_owned} (gauge): targets this scraper schedules now;
 *   <li>{@code vulcan_scraper_scrapes_total{result="success"|"failure"}} (counter);
 *   <li>{@code vulcan_scraper_scrape_failures_total{reason}} (counter): failures by reason;
 *   <li>{@code vulcan_scraper_samples_scraped_total} (counter): samples exposed by targets;
 *   <li>{@code vulcan_scraper_scrape_duration_seconds} (summary): fetch and processing time;
 *   <li>{@code vulcan_scraper_schedule_lag_seconds} (summary): how late scrapes start after their
 *       slot (time queued for a fetch thread included);
 *   <li>{@code vulcan_scraper_slots_skipped_total} (counter): slots skipped because the previous
 *       scrape of the target had not finished;
 *   <li>{@code vulcan_scraper_write_errors_total} (counter): writes the writer failed;
 *   <li>{@code vulcan_scraper_writes_dropped_total} (counter): writes the writer rejected or
 *       dropped (its stage failed with a {@code RejectedExecutionException} or was cancelled).
 * </ul>
 *
 * <p>Thread-safe; recording is lock-free.
 */
public final class ScraperMetrics {
  private final AtomicInteger targetsOwned = new AtomicInteger();
  private final LongAdder successes = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final Map<String, LongAdder> failuresByReason = new ConcurrentHashMap<>();
  private final LongAdder samplesScraped = new LongAdder();
  private final LongAdder durationCount = new LongAdder();
  private final DoubleAdder durationSum = new DoubleAdder();
  private final LongAdder lagCount = new LongAdder();
  private final DoubleAdder lagSum = new DoubleAdder();
  private final LongAdder slotsSkipped = new LongAdder();
  private final LongAdder writeErrors = new LongAdder();
  private final LongAdder writesDropped = new LongAdder();

  ScraperMetrics() {}

  void targetsOwned(int n) {
    targetsOwned.set(n);
  }

  void scrapeSucceeded(double seconds, int samples) {
    successes.increment();
    samplesScraped.add(samples);
    durationCount.increment();
    durationSum.add(seconds);
  }

  void scrapeFailed(double seconds, String reason) {
    failures.increment();
    failuresByReason.computeIfAbsent(reason, r -> new LongAdder()).increment();
    durationCount.increment();
    durationSum.add(seconds);
  }

  void scheduleLag(double seconds) {
    lagCount.increment();
    lagSum.add(Math.max(0, seconds));
  }

  void slotSkipped() {
    slotsSkipped.increment();
  }

  void writeError() {
    writeErrors.increment();
  }

  void writeDropped() {
    writesDropped.increment();
  }

  /**
   * The number of targets scheduled now.
   *
   * @return the count of targets this scraper owns
   */
  public int targetsOwned() {
    return targetsOwned.get();
  }

  /**
   * Successful scrapes so far.
   *
   * @return the count since the scraper was built
   */
  public long scrapesSucceeded() {
    return successes.sum();
  }

  /**
   * Failed scrapes so far.
   *
   * @return the count since the scraper was built, all reasons together
   */
  public long scrapesFailed() {
    return failures.sum();
  }

  /**
   * Failed scrapes so far with this reason ({@code timeout}, {@code http_status}, ...).
   *
   * @param reason the {@link io.github.vulcanscraper.api.ScrapeException#reason() reason code}
   * @return the count since the scraper was built, 0 for a reason not seen
   */
  public long scrapesFailed(String reason) {
    LongAdder a = failuresByReason.get(reason);
    return a == null ? 0 : a.sum();
  }

  /**
   * Slots skipped because the target's previous scrape was still running.
   *
   * @return the count since the scraper was built
   */
  public long slotsSkipped() {
    return slotsSkipped.sum();
  }

  /**
   * Writes that failed.
   *
   * @return the count of writes whose stage failed otherwise
   */
  public long writeErrors() {
    return writeErrors.sum();
  }

  /**
   * Writes the writer dropped.
   *
   * @return the count of writes whose stage was rejected or cancelled
   */
  public long writesDropped() {
    return writesDropped.sum();
  }

  /**
   * Writes every metric in the Prometheus text format (version 0.0.4).
   *
   * @param out where the text goes; not flushed nor closed
   * @throws UncheckedIOException when {@code out} fails
   */
  public void writeText(Appendable out) {
    try {
      gauge(out, "vulcan_scraper_targets_owned", "Targets this scraper schedules.", targetsOwned());
      header(out, "vulcan_scraper_scrapes_total", "counter", "Scrapes by result.");
      sample(out, "vulcan_scraper_scrapes_total{result=\"success\"}", successes.sum());
      sample(out, "vulcan_scraper_scrapes_total{result=\"failure\"}", failures.sum());
      header(out, "vulcan_scraper_scrape_failures_total", "counter", "Failed scrapes by reason.");
      for (Map.Entry<String, LongAdder> e : new TreeMap<>(failuresByReason).entrySet()) {
        sample(
            out,
            "vulcan_scraper_scrape_failures_total{reason=\"" + escape(e.getKey()) + "\"}",
            e.getValue().sum());
      }
      counter(
          out,
          "vulcan_scraper_samples_scraped_total",
          "Samples exposed by targets.",
          samplesScraped.sum());
      summary(
          out,
          "vulcan_scraper_scrape_duration_seconds",
          "Scrape fetch and processing time.",
          durationCount.sum(),
          durationSum.sum());
      summary(
          out,
          "vulcan_scraper_schedule_lag_seconds",
          "Delay of a scrape after its slot.",
          lagCount.sum(),
          lagSum.sum());
      counter(
          out,
          "vulcan_scraper_slots_skipped_total",
          "Slots skipped while the target's previous scrape ran.",
          slotsSkipped.sum());
      counter(out, "vulcan_scraper_write_errors_total", "Writes that failed.", writeErrors.sum());
      counter(
          out,
          "vulcan_scraper_writes_dropped_total",
          "Writes the writer dropped.",
          writesDropped.sum());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The metrics in the Prometheus text format. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    writeText(sb);
    return sb.toString();
  }

  private static void header(Appendable out, String name, String type, String help)
      throws IOException {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void sample(Appendable out, String series, double value) throws IOException {
    out.append(series).append(' ').append(format(value)).append('\n');
  }

  private static void sample(Appendable out, String series, long value) throws IOException {
    out.append(series).append(' ').append(Long.toString(value)).append('\n');
  }

  private static void gauge(Appendable out, String name, String help, long value)
      throws IOException {
    header(out, name, "gauge", help);
    sample(out, name, value);
  }

  private static void counter(Appendable out, String name, String help, long value)
      throws IOException {
    header(out, name, "counter", help);
    sample(out, name, value);
  }

  private static void summary(Appendable out, String name, String help, long count, double sum)
      throws IOException {
    header(out, name, "summary", help);
    sample(out, name + "_sum", sum);
    sample(out, name + "_count", count);
  }

  private static String escape(String labelValue) {
    return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
