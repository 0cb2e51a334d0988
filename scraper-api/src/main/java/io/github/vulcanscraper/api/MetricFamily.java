package io.github.vulcanscraper.api;

import java.util.AbstractList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * A metric family: a name, a {@link MetricType}, help text, a unit and the family's samples, in
 * exposition order. Immutable and thread-safe.
 *
 * <p>Help and unit are empty strings when the exposition did not give them, never {@code null}.
 */
public final class MetricFamily {
  private final String name;
  private final MetricType type;
  private final String help;
  private final String unit;
  private final List<Sample> samples;

  private MetricFamily(
      String name, MetricType type, String help, String unit, List<Sample> samples) {
    this.name = Names.requireMetricName(name);
    this.type = Objects.requireNonNull(type, "type");
    this.help = Objects.requireNonNull(help, "help");
    this.unit = Objects.requireNonNull(unit, "unit");
    this.samples = SampleList.copyOf(samples);
  }

  /**
   * An immutable list of samples over one array. {@link List#copyOf} would do, but copies an {@code
   * ArrayList} twice (into an array, then that array into its own); a parser hands over one list
   * per family, thousands per second.
   */
  private static final class SampleList extends AbstractList<Sample> implements RandomAccess {
    private final Sample[] samples;

    private SampleList(Sample[] samples) {
      this.samples = samples;
    }

    static List<Sample> copyOf(List<Sample> samples) {
      if (samples instanceof SampleList) {
        return samples;
      }
      Sample[] copy = samples.toArray(new Sample[0]);
      for (int i = 0; i < copy.length; i++) {
        Objects.requireNonNull(copy[i], "sample");
      }
      return new SampleList(copy);
    }

    @Override
    public Sample get(int index) {
      return samples[index];
    }

    @Override
    public int size() {
      return samples.length;
    }
  }

  /**
   * A family.
   *
   * @param name the family name, without sample suffixes
   * @param type the type; {@link MetricType#UNKNOWN} when none was declared
   * @param help the help text, empty for none
   * @param unit the unit, empty for none
   * @param samples the samples, copied
   * @return the family
   * @throws IllegalArgumentException on an invalid metric name
   */
  public static MetricFamily of(
      String name, MetricType type, String help, String unit, List<Sample> samples) {
    return new MetricFamily(name, type, help, unit, samples);
  }

  /**
   * A family without help or unit.
   *
   * @param name the family name, without sample suffixes; must be a valid metric name
   * @param type the type; {@link MetricType#UNKNOWN} when none was declared
   * @param samples the samples, copied
   * @return the family, with empty help and unit
   * @throws IllegalArgumentException on an invalid metric name
   */
  public static MetricFamily of(String name, MetricType type, List<Sample> samples) {
    return new MetricFamily(name, type, "", "", samples);
  }

  /**
   * The family name, without sample suffixes.
   *
   * @return the family name, e.g. {@code http_requests} for {@code http_requests_total}
   */
  public String name() {
    return name;
  }

  /**
   * The declared type.
   *
   * @return the type, {@link MetricType#UNKNOWN} when none was declared
   */
  public MetricType type() {
    return type;
  }

  /**
   * The help text; empty when none was given.
   *
   * @return the help text, never null
   */
  public String help() {
    return help;
  }

  /**
   * The unit; empty when none was given.
   *
   * @return the unit, never null
   */
  public String unit() {
    return unit;
  }

  /**
   * The samples, in exposition order; immutable.
   *
   * @return an immutable list of the samples
   */
  public List<Sample> samples() {
    return samples;
  }

  /**
   * This family with other samples.
   *
   * @param newSamples the samples of the copy; copied
   * @return a copy with the same name, type, help and unit
   */
  public MetricFamily withSamples(List<Sample> newSamples) {
    return new MetricFamily(name, type, help, unit, newSamples);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof MetricFamily)) {
      return false;
    }
    MetricFamily f = (MetricFamily) o;
    return name.equals(f.name)
        && type == f.type
        && help.equals(f.help)
        && unit.equals(f.unit)
        && samples.equals(f.samples);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, type, help, unit, samples);
  }

  @Override
  public String toString() {
    return "MetricFamily{" + name + " " + type.text() + ", " + samples.size() + " samples}";
  }
}
