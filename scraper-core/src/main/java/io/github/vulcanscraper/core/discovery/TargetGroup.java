package io.github.vulcanscraper.core.discovery;

import io.github.vulcanscraper.api.Labels;
import java.util.List;
import java.util.Objects;

/**
 * What a service discovery mechanism reports, as Prometheus' {@code targetgroup.Group}: a set of
 * targets (each a label set holding at least {@code __address__}), labels common to all of them,
 * and the source that identifies the group within its mechanism. A mechanism reports the full set
 * of its groups first and then every change; a group with no targets means its source is gone.
 * Immutable and thread-safe.
 */
public final class TargetGroup {
  private final String source;
  private final List<Labels> targets;
  private final Labels labels;

  private TargetGroup(String source, List<Labels> targets, Labels labels) {
    this.source = Objects.requireNonNull(source, "source");
    this.targets = List.copyOf(targets);
    this.labels = Objects.requireNonNull(labels, "labels");
  }

  /**
   * A group.
   *
   * @param source the group's identity within its mechanism, e.g. a file name and index
   * @param targets the targets, each at least {@code __address__}
   * @param labels the labels common to all targets of the group, {@code __meta_*} among them
   * @return the group
   */
  public static TargetGroup of(String source, List<Labels> targets, Labels labels) {
    return new TargetGroup(source, targets, labels);
  }

  /**
   * The group's identity within its discovery mechanism.
   *
   * @return the source, e.g. a file name and index
   */
  public String source() {
    return source;
  }

  /**
   * The targets, each a label set with at least {@code __address__}; immutable.
   *
   * @return the targets, empty when the source is gone
   */
  public List<Labels> targets() {
    return targets;
  }

  /**
   * The labels common to every target of the group.
   *
   * @return the group labels, {@link Labels#EMPTY} for none
   */
  public Labels labels() {
    return labels;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TargetGroup)) {
      return false;
    }
    TargetGroup g = (TargetGroup) o;
    return source.equals(g.source) && targets.equals(g.targets) && labels.equals(g.labels);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, targets, labels);
  }

  @Override
  public String toString() {
    return "TargetGroup{source=" + source + ", targets=" + targets + ", labels=" + labels + "}";
  }
}
