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
 * <p>Design: relabeling needs the metric name as {@code __name__}; with the identity relabeler (the
 * common case) that round trip is skipped, so a sample costs one label set. Immutable and
 * thread-safe.
 */
final class ScrapeProcessor {
  private static final String NAME = "__name__";

  private final SeriesLabeler labeler;
  private final ScrapePolicy policy;
  private final MetricRelabeler relabeler;
  private final boolean relabel;

  ScrapeProcessor(Labels targetLabels, ScrapePolicy policy) {
    this.labeler = new SeriesLabeler(targetLabels, policy.honorLabels());
    this.policy = policy;
    this.relabeler = policy.metricRelabeler();
    this.relabel = relabeler != MetricRelabeler.IDENTITY;
  }

  /** The processed families; empty families (all series dropped) are left out. */
  List<MetricFamily> process(List<MetricFamily> exposed) throws ScrapeException {
    Map<String, FamilyParts> out = new LinkedHashMap<>();
    int kept = 0;
    for (MetricFamily family : exposed) {
      for (Sample s : family.samples()) {
        Sample p = processSample(s);
        if (p == null) {
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
        checkLabelLimits(p);
        String familyName = p.name().startsWith(family.name()) ? family.name() : p.name();
        MetricType type = familyName.equals(family.name()) ? family.type() : MetricType.UNKNOWN;
        out.computeIfAbsent(familyName, n -> new FamilyParts(family, n, type)).samples.add(p);
      }
    }
    List<MetricFamily> result = new ArrayList<>(out.size());
    for (FamilyParts parts : out.values()) {
      result.add(parts.build());
    }
    return result;
  }

  /** Counts the samples of these families. */
  static int sampleCount(List<MetricFamily> families) {
    int n = 0;
    for (MetricFamily f : families) {
      n += f.samples().size();
    }
    return n;
  }

  private @Nullable Sample processSample(Sample s) {
    Labels labels = labeler.label(s.labels());
    String name = s.name();
    if (relabel) {
      Labels relabeled = relabeler.relabel(labels.toBuilder().set(NAME, name).build());
      String newName = relabeled == null ? null : relabeled.get(NAME);
      if (relabeled == null || newName == null) {
        return null;
      }
      name = newName;
      labels = relabeled.without(NAME);
    }
    long ts = policy.honorTimestamps() ? s.timestampMillis() : Sample.NO_TIMESTAMP;
    return Sample.of(name, labels, s.value(), ts, s.exemplar());
  }

  private void checkLabelLimits(Sample s) throws ScrapeException {
    Labels labels = s.labels();
    int count = labels.size() + 1; // __name__ counts, as in Prometheus
    if (policy.labelLimit() > 0 && count > policy.labelLimit()) {
      throw new ScrapeException(
          "label_limit",
          "label_limit exceeded (metric: "
              + abbreviate(s.name())
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
    if (valueLimit > 0 && s.name().length() > valueLimit) {
      throw valueTooLong(s, NAME, s.name().length());
    }
    if (nameLimit > 0 && NAME.length() > nameLimit) {
      throw nameTooLong(s, NAME, nameLimit);
    }
    for (int i = 0; i < labels.size(); i++) {
      if (nameLimit > 0 && labels.name(i).length() > nameLimit) {
        throw nameTooLong(s, labels.name(i), nameLimit);
      }
      if (valueLimit > 0 && labels.value(i).length() > valueLimit) {
        throw valueTooLong(s, labels.name(i), labels.value(i).length());
      }
    }
  }

  private static ScrapeException nameTooLong(Sample s, String label, int limit) {
    return new ScrapeException(
        "label_name_length_limit",
        "label_name_length_limit exceeded (metric: "
            + abbreviate(s.name())
            + ", label name: "
            + abbreviate(label)
            + ", length: "
            + label.length()
            + ", limit: "
            + limit
            + ")");
  }

  private ScrapeException valueTooLong(Sample s, String label, int length) {
    return new ScrapeException(
        "label_value_length_limit",
        "label_value_length_limit exceeded (metric: "
            + abbreviate(s.name())
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
    final MetricType type;
    final List<Sample> samples = new ArrayList<>();

    FamilyParts(MetricFamily source, String name, MetricType type) {
      this.source = source;
      this.name = name;
      this.type = type;
    }

    MetricFamily build() {
      return name.equals(source.name())
          ? source.withSamples(samples)
          : MetricFamily.of(name, type, samples);
    }
  }
}
