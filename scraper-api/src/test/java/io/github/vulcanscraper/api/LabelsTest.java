package io.github.vulcanscraper.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

final class LabelsTest {
  @Test
  void sortsByName() {
    Labels labels = Labels.of("z", "1", "a", "2", "m", "3");

    assertThat(labels.name(0)).isEqualTo("a");
    assertThat(labels.name(1)).isEqualTo("m");
    assertThat(labels.name(2)).isEqualTo("z");
    assertThat(labels.get("z")).isEqualTo("1");
    assertThat(labels.get("missing")).isNull();
  }

  @Test
  void dropsEmptyValuesAsPrometheusDoes() {
    assertThat(Labels.of("a", "", "b", "x")).isEqualTo(Labels.of("b", "x"));
    assertThat(Labels.of("a", "")).isSameAs(Labels.EMPTY);
  }

  @Test
  void rejectsDuplicateNames() {
    assertThatThrownBy(() -> Labels.of("a", "1", "a", "2"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duplicate label name: a");
  }

  @Test
  void rejectsInvalidNamesNamingThem() {
    assertThatThrownBy(() -> Labels.of("1a", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("\"1a\"");
    assertThatThrownBy(() -> Labels.of("a-b", "x")).hasMessageContaining("a-b");
  }

  @Test
  void rejectsInvalidNamesAfterValidNamesOfTheSameHashWereAccepted() {
    // Valid names are remembered by hash code; an invalid name must never pass for one.
    for (String invalid : new String[] {"1a", "a-b", "a.b", "\u00e9", "a b", "__name__:"}) {
      String valid = validNameInTheSameSlotAs(invalid);
      Labels.builder().add(valid, "x");
      Labels.builder().add(valid, "x");

      assertThatThrownBy(() -> Labels.builder().add(invalid, "x"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("invalid label name: \"" + invalid + "\"");
    }
    assertThatThrownBy(() -> Labels.builder().add("", "x")).hasMessage("invalid label name: \"\"");
  }

  @Test
  void acceptsTheSameValidNameAgainAndEqualCopiesOfIt() {
    String name = "handler";
    String copy = new String(name.toCharArray());

    assertThat(Labels.of(name, "1")).isEqualTo(Labels.of(copy, "1"));
    assertThat(Labels.of(name, "1", "code", "2")).isEqualTo(Labels.of("code", "2", copy, "1"));
  }

  /** A valid label name whose hash code has the same low byte as {@code name}'s. */
  private static String validNameInTheSameSlotAs(String name) {
    for (int i = 0; ; i++) {
      String candidate = "n" + i;
      if ((candidate.hashCode() & 0xff) == (name.hashCode() & 0xff)) {
        return candidate;
      }
    }
  }

  @Test
  void equalSetsAreEqualWhateverTheOrderGiven() {
    Labels a = Labels.of("x", "1", "y", "2");
    Labels b = Labels.of(Map.of("y", "2", "x", "1"));

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a.compareTo(b)).isZero();
    assertThat(a).isNotEqualTo(Labels.of("x", "1", "y", "3"));
  }

  @Test
  void withAndWithoutReturnNewSets() {
    Labels base = Labels.of("a", "1");

    assertThat(base.with("b", "2")).isEqualTo(Labels.of("a", "1", "b", "2"));
    assertThat(base.with("a", "9")).isEqualTo(Labels.of("a", "9"));
    assertThat(base.with("a", "")).isEqualTo(Labels.EMPTY);
    assertThat(base.without("a")).isEqualTo(Labels.EMPTY);
    assertThat(base.without("zz")).isSameAs(base);
    assertThat(base).isEqualTo(Labels.of("a", "1"));
  }

  @Test
  void printsAsTheExpositionFormatDoes() {
    assertThat(Labels.of("b", "x\"y\\z\n", "a", "1").toString())
        .isEqualTo("{a=\"1\",b=\"x\\\"y\\\\z\\n\"}");
  }

  @Test
  void builderIsReusableAfterClear() {
    Labels.Builder b = Labels.builder();
    Labels first = b.add("a", "1").build();
    Labels second = b.clear().add("b", "2").build();

    assertThat(first).isEqualTo(Labels.of("a", "1"));
    assertThat(second).isEqualTo(Labels.of("b", "2"));
  }

  @Test
  void buildsSortedInputAsUnsortedInput() {
    Labels.Builder sorted = Labels.builder().add("a", "1").add("b", "2").add("c", "3");
    Labels built = sorted.build();

    assertThat(built).isEqualTo(Labels.of("c", "3", "a", "1", "b", "2"));
    sorted.set("a", "9");
    assertThat(built.get("a")).as("independent of the builder").isEqualTo("1");
    assertThat(Labels.builder().add("a", "1").add("b", "").build()).isEqualTo(Labels.of("a", "1"));
    assertThat(Labels.builder().build()).isSameAs(Labels.EMPTY);
    assertThatThrownBy(() -> Labels.builder().add("a", "1").add("a", "2").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("duplicate label name: a");
    assertThatThrownBy(() -> Labels.builder().add("a", "1").add("b", "").add("b", "2").build())
        .hasMessage("duplicate label name: b");
  }

  @Test
  void buildsTheNamesOfThePreviousSetWithNewValues() {
    Labels.Builder b = Labels.builder();
    String a = "a";
    String c = "c";
    Labels first = b.add(a, "1").add(c, "2").build();
    Labels second = b.clear().add(a, "3").add(c, "4").build();
    Labels withEmpty = b.clear().add(a, "5").add(c, "").build();
    Labels reordered = b.clear().add(c, "6").add(a, "7").build();
    Labels afterReorder = b.clear().add(a, "8").add(c, "9").build();

    assertThat(first).isEqualTo(Labels.of("a", "1", "c", "2"));
    assertThat(second).isEqualTo(Labels.of("a", "3", "c", "4")).isNotEqualTo(first);
    assertThat(first.get("a")).as("independent of the next set").isEqualTo("1");
    assertThat(withEmpty).isEqualTo(Labels.of("a", "5"));
    assertThat(reordered).isEqualTo(Labels.of("a", "7", "c", "6"));
    assertThat(afterReorder).isEqualTo(Labels.of("a", "8", "c", "9"));
    assertThatThrownBy(() -> b.clear().add(a, "1").add(a, "2").build())
        .hasMessage("duplicate label name: a");
    assertThatThrownBy(() -> b.clear().add(a, "1").add(c, "").add(c, "2").build())
        .hasMessage("duplicate label name: c");
  }

  @Test
  void checksOnlyNamesOtherThanThoseOfThePreviousSetAtTheirPlace() {
    Labels.Builder b = Labels.builder();
    b.add("a", "1").add("c", "2").build();

    // "a" at place 0 is the previous set's; an invalid name anywhere is still rejected.
    assertThatThrownBy(() -> b.clear().add("a", "1").add("c-d", "2"))
        .hasMessage("invalid label name: \"c-d\"");
    assertThatThrownBy(() -> b.clear().add("1a", "1")).hasMessage("invalid label name: \"1a\"");
    assertThatThrownBy(() -> b.clear().add("a", "1").add("c", "2").add("e f", "3"))
        .hasMessage("invalid label name: \"e f\"");
    assertThat(b.clear().add("a", "3").add("c", "4").build())
        .isEqualTo(Labels.of("a", "3", "c", "4"));
  }

  @Test
  void withoutKeepsTheOtherLabelsInOrder() {
    Labels abc = Labels.of("a", "1", "b", "2", "c", "3");

    assertThat(abc.without("a")).isEqualTo(Labels.of("b", "2", "c", "3"));
    assertThat(abc.without("b")).isEqualTo(Labels.of("a", "1", "c", "3"));
    assertThat(abc.without("c"))
        .isEqualTo(Labels.of("a", "1", "b", "2"))
        .hasSameHashCodeAs(Labels.of("a", "1", "b", "2"));
    assertThat(abc.without("b").toString()).isEqualTo("{a=\"1\",c=\"3\"}");
    assertThat(abc.without("b").without("a").without("c")).isSameAs(Labels.EMPTY);
    assertThat(abc).isEqualTo(Labels.of("a", "1", "b", "2", "c", "3"));
  }

  @Test
  void toMapIsSortedAndUnmodifiable() {
    Map<String, String> map = Labels.of("b", "2", "a", "1").toMap();

    assertThat(map.keySet()).containsExactly("a", "b");
    assertThatThrownBy(() -> map.put("c", "3")).isInstanceOf(UnsupportedOperationException.class);
  }
}
