package io.github.vulcanscraper.core;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.MetricRelabeler;
import io.github.vulcanscraper.api.MetricType;
import io.github.vulcanscraper.api.Sample;
import io.github.vulcanscraper.api.ScrapeException;
import io.github.vulcanscraper.api.ScrapePolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns the families a target exposed into what is written, as Prometheus' scrape loop does: target
 * labels attached ({@link SeriesLabeler}), {@code metric_relabel_configs} applied, exposed
 * timestamps kept or dropped ({@code honor_timestamps}), then the limits checked. A limit exceeded
 * fails the whole scrape with a {@link ScrapeException} whose reason names the limit.
 *
 * <p>Design: what happens to a series depends on its name and labels alone, so the result is
 * remembered per series ({@link SeriesMemo}) and a series seen in the previous scrape costs one
 * lookup instead of a label merge, a relabeling and a new label set. The label sets handed out are
 * the same instances scrape after scrape, which keeps the staleness tracker's lookups cheap and the
 * long-lived objects few. Relabeling needs the metric name as {@code __name__}; with the identity
 * relabeler (the common case) that round trip is skipped.
 *
 * <p>Not thread-safe: one processor serves one worker, whose scrapes never overlap.
 */
final class ScrapeProcessor {
  private static final String NAME = "__name__";

  private final SeriesLabeler labeler;
  private final ScrapePolicy policy;
  private final MetricRelabeler relabeler;
  private final boolean relabel;
  private final SeriesMemo memo = new SeriesMemo();

  ScrapeProcessor(Labels targetLabels, ScrapePolicy policy) {
    this.labeler = new SeriesLabeler(targetLabels, policy.honorLabels());
    this.policy = policy;
    this.relabeler = policy.metricRelabeler();
    this.relabel = relabeler != MetricRelabeler.IDENTITY;
  }

  /** The processed families; empty families (all series dropped) are left out. */
  List<MetricFamily> process(List<MetricFamily> exposed) throws ScrapeException {
    Map<String, FamilyParts> out = new LinkedHashMap<>();
    memo.startScrape();
    try {
      collect(exposed, out);
    } finally {
      memo.endScrape();
    }
    List<MetricFamily> result = new ArrayList<>(out.size());
    for (FamilyParts parts : out.values()) {
      result.add(parts.build());
    }
    return result;
  }

  private void collect(List<MetricFamily> exposed, Map<String, FamilyParts> out)
      throws ScrapeException {
    int kept = 0;
    for (MetricFamily family : exposed) {
      @Nullable FamilyParts last = null;
      for (Sample s : family.samples()) {
        SeriesMemo.Entry series = seriesOf(s, family);
        if (series.dropped()) {
          continue;
        }
        kept++;
        if (policy.sampleLimit() > 0 && kept > policy.sampleLimit()) {
          throw new ScrapeException(
              "sample_limit",
              "sample_limit exceeded: more than "
                  + policy.sampleLimit()
                  + " samples after metric relabeling");
        }
        long ts = policy.honorTimestamps() ? s.timestampMillis() : Sample.NO_TIMESTAMP;
        Sample p = Sample.of(series.name(), series.labels(), s.value(), ts, s.exemplar());
        FamilyParts parts = last;
        if (parts == null || !parts.name.equals(series.family())) {
          parts = out.computeIfAbsent(series.family(), n -> new FamilyParts(family, n));
          last = parts;
        }
        parts.samples.add(p);
      }
    }
  }

  /**
   * What becomes of this series: remembered, or worked out (labels attached, relabeled, limits
   * checked) and remembered. A series over a label limit is not remembered, so it fails every
   * scrape that exposes it.
   */
  private SeriesMemo.Entry seriesOf(Sample s, MetricFamily family) throws ScrapeException {
    SeriesMemo.Entry known = memo.get(s.name(), s.labels(), family.name());
    if (known != null) {
      return known;
    }
    Labels labels = labeler.label(s.labels());
    String name = s.name();
    if (relabel) {
      Labels relabeled = relabeler.relabel(labels.toBuilder().set(NAME, name).build());
      String newName = relabeled == null ? null : relabeled.get(NAME);
      if (relabeled == null || newName == null) {
        return memo.put(s.name(), s.labels(), family.name(), null, null, null);
      }
      name = newName;
      labels = relabeled.without(NAME);
    }
    checkLabelLimits(name, labels);
    String familyName = name.startsWith(family.name()) ? family.name() : name;
    return memo.put(s.name(), s.labels(), family.name(), name, labels, familyName);
  }

  /** How many series the processor remembers: those of the last scrape. */
  int rememberedSeries() {
    return memo.size();
  }

  /** Counts the samples of these families. */
  static int sampleCount(List<MetricFamily> families) {
    int n = 0;
    for (MetricFamily f : families) {
      n += f.samples().size();
    }
    return n;
  }

  private void checkLabelLimits(String name, Labels labels) throws ScrapeException {
    int count = labels.size() + 1; // __name__ counts, as in Prometheus
    if (policy.labelLimit() > 0 && count > policy.labelLimit()) {
      throw new ScrapeException(
          "label_limit",
          "label_limit exceeded (metric: "
              + abbreviate(name)
              + ", number of labels: "
              + count
              + ", limit: "
              + policy.labelLimit()
              + ")");
    }
    int nameLimit = policy.labelNameLengthLimit();
    int valueLimit = policy.labelValueLengthLimit();
    if (nameLimit == 0 && valueLimit == 0) {
      return;
    }
    if (valueLimit > 0 && name.length() > valueLimit) {
      throw valueTooLong(name, NAME, name.length());
    }
    if (nameLimit > 0 && NAME.length() > nameLimit) {
      throw nameTooLong(name, NAME, nameLimit);
    }
    for (int i = 0; i < labels.size(); i++) {
      if (nameLimit > 0 && labels.name(i).length() > nameLimit) {
        throw nameTooLong(name, labels.name(i), nameLimit);
      }
      if (valueLimit > 0 && labels.value(i).length() > valueLimit) {
        throw valueTooLong(name, labels.name(i), labels.value(i).length());
      }
    }
  }

  private static ScrapeException nameTooLong(String metric, String label, int limit) {
    return new ScrapeException(
        "label_name_length_limit",
        "label_name_length_limit exceeded (metric: "
            + abbreviate(metric)
            + ", label name: "
            + abbreviate(label)
            + ", length: "
            + label.length()
            + ", limit: "
            + limit
            + ")");
  }

  private ScrapeException valueTooLong(String metric, String label, int length) {
    return new ScrapeException(
        "label_value_length_limit",
        "label_value_length_limit exceeded (metric: "
            + abbreviate(metric)
            + ", label: "
            + label
            + ", value length: "
            + length
            + ", limit: "
            + policy.labelValueLengthLimit()
            + ")");
  }

  private static String abbreviate(String s) {
    return s.length() <= 50 ? s : s.substring(0, 50);
  }

  /** The samples of one output family, gathered in order. */
  private static final class FamilyParts {
    final MetricFamily source;
    final String name;
    final List<Sample> samples;

    FamilyParts(MetricFamily source, String name) {
      this.source = source;
      this.name = name;
      // Sized for the usual case, every sample of the source family kept under its name.
      this.samples = new ArrayList<>(name.equals(source.name()) ? source.samples().size() : 4);
    }

    MetricFamily build() {
      return name.equals(source.name())
          ? source.withSamples(samples)
          : MetricFamily.of(name, MetricType.UNKNOWN, samples);
    }
  }
}
