package io.github.vulcanscraper.core.config;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.core.discovery.TargetGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code static_configs}: fixed targets ({@code host:port}) and labels common to them.
 * Immutable and thread-safe.
 */
public final class StaticConfig {
  private final List<String> targets;
  private final Labels labels;

  private StaticConfig(List<String> targets, Labels labels) {
    this.targets = List.copyOf(targets);
    this.labels = Objects.requireNonNull(labels, "labels");
  }

  /**
   * A static target group.
   *
   * @param targets the addresses, each becoming a target's {@code __address__}
   * @param labels the labels of every target of the group
   * @return the group's configuration
   */
  public static StaticConfig of(List<String> targets, Labels labels) {
    for (String t : targets) {
      Objects.requireNonNull(t, "target");
    }
    return new StaticConfig(targets, labels);
  }

  /**
   * {@code targets}: the addresses.
   *
   * @return the addresses, e.g. {@code 10.0.0.1:9100}
   */
  public List<String> targets() {
    return targets;
  }

  /**
   * {@code labels}: the labels common to the targets; may be empty.
   *
   * @return the labels, {@link Labels#EMPTY} for none
   */
  public Labels labels() {
    return labels;
  }

  /**
   * The group as discovery reports it: one label set {@code {__address__=<target>}} per target.
   *
   * @param source the group's source; Prometheus uses the entry's index, {@code "0"}, {@code "1"}
   * @return the group, its labels those of this entry
   */
  public TargetGroup toTargetGroup(String source) {
    List<Labels> list = new ArrayList<>(targets.size());
    for (String t : targets) {
      list.add(t.isEmpty() ? Labels.EMPTY : Labels.of("__address__", t));
    }
    return TargetGroup.of(source, list, labels);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof StaticConfig
        && ((StaticConfig) o).targets.equals(targets)
        && ((StaticConfig) o).labels.equals(labels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(targets, labels);
  }

  @Override
  public String toString() {
    return "StaticConfig{targets=" + targets + ", labels=" + labels + "}";
  }
}
