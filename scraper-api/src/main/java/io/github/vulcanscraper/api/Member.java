package io.github.vulcanscraper.api;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A live member of a scraper {@link Pool}: its id, its weight in the consistent hash and free-form
 * attributes (host, version). Immutable and thread-safe; equal when id, weight and attributes are.
 */
public final class Member implements Comparable<Member> {
  private final String id;
  private final double weight;
  private final Map<String, String> attributes;

  private Member(String id, double weight, Map<String, String> attributes) {
    if (id == null || id.isEmpty()) {
      throw new IllegalArgumentException("member id must not be empty");
    }
    if (!(weight > 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("member weight must be positive and finite: " + weight);
    }
    this.id = id;
    this.weight = weight;
    this.attributes = Map.copyOf(attributes);
  }

  /**
   * A member of weight 1 without attributes.
   *
   * @param id the member's id, unique in its pool; not empty
   * @return the member
   * @throws IllegalArgumentException when {@code id} is null or empty
   */
  public static Member of(String id) {
    return new Member(id, 1.0, Map.of());
  }

  /**
   * A member with this weight and these attributes.
   *
   * @param id the member's id, unique in its pool; not empty
   * @param weight the weight in the consistent hash; positive and finite
   * @param attributes free-form attributes; copied
   * @return the member
   * @throws IllegalArgumentException on an empty id or a weight that is not positive and finite
   */
  public static Member of(String id, double weight, Map<String, String> attributes) {
    return new Member(id, weight, Objects.requireNonNull(attributes, "attributes"));
  }

  /**
   * The member's id, unique in its pool.
   *
   * @return the id
   */
  public String id() {
    return id;
  }

  /**
   * The member's weight: a member of weight 2 gets about twice the targets of one of weight 1.
   *
   * @return the weight, positive and finite
   */
  public double weight() {
    return weight;
  }

  /**
   * Free-form attributes such as {@code host} and {@code version}; immutable.
   *
   * @return the attributes, empty when there are none
   */
  public Map<String, String> attributes() {
    return attributes;
  }

  @Override
  public int compareTo(Member other) {
    return id.compareTo(other.id);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Member)) {
      return false;
    }
    Member m = (Member) o;
    return id.equals(m.id) && weight == m.weight && attributes.equals(m.attributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, weight, attributes);
  }

  @Override
  public String toString() {
    return weight == 1.0 && attributes.isEmpty()
        ? id
        : id + "{weight=" + weight + ", attributes=" + attributes + "}";
  }
}
