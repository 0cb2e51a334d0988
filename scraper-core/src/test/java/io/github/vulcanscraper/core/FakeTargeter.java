package io.github.vulcanscraper.core;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.MetricType;
import io.github.vulcanscraper.api.Sample;
import io.github.vulcanscraper.api.ScrapeException;
import io.github.vulcanscraper.api.ScrapePolicy;
import io.github.vulcanscraper.api.Targeter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/** A targeter exposing whatever the test sets, or failing with the exception the test sets. */
class FakeTargeter implements Targeter {
  private final String instance;
  private final Duration interval;
  private final ScrapePolicy policy;
  final AtomicReference<List<MetricFamily>> exposes;
  final AtomicReference<ScrapeException> fails = new AtomicReference<>();

  FakeTargeter(String instance, Duration interval) {
    this(instance, interval, ScrapePolicy.DEFAULT, new AtomicReference<>(gauge("g", 1)));
  }

  private FakeTargeter(
      String instance,
      Duration interval,
      ScrapePolicy policy,
      AtomicReference<List<MetricFamily>> exposes) {
    this.instance = instance;
    this.interval = interval;
    this.policy = policy;
    this.exposes = exposes;
  }

  /** The same target with another interval, sharing what it exposes. */
  FakeTargeter withInterval(Duration d) {
    return new FakeTargeter(instance, d, policy, exposes);
  }

  /** The same target with another policy, sharing what it exposes. */
  FakeTargeter withPolicy(ScrapePolicy p) {
    return new FakeTargeter(instance, interval, p, exposes);
  }

  static List<MetricFamily> gauge(String name, double value) {
    return List.of(
        MetricFamily.of(name, MetricType.GAUGE, List.of(Sample.of(name, Labels.EMPTY, value))));
  }

  @Override
  public String key() {
    return "test/" + instance;
  }

  @Override
  public JobName job() {
    return JobName.of("test");
  }

  @Override
  public Labels labels() {
    return Labels.of("job", "test", "instance", instance);
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public ScrapePolicy policy() {
    return policy;
  }

  @Override
  public List<MetricFamily> fetch() throws ScrapeException {
    ScrapeException e = fails.get();
    if (e != null) {
      throw e;
    }
    return Objects.requireNonNull(exposes.get());
  }

  @Override
  public final boolean equals(Object o) {
    return o instanceof FakeTargeter
        && ((FakeTargeter) o).instance.equals(instance)
        && ((FakeTargeter) o).interval.equals(interval)
        && ((FakeTargeter) o).policy.equals(policy);
  }

  @Override
  public final int hashCode() {
    return Objects.hash(instance, interval, policy);
  }

  @Override
  public String toString() {
    return key();
  }
}
