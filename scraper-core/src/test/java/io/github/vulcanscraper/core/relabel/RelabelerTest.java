package io.github.vulcanscraper.core.relabel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.core.relabel.RelabelConfig.Action;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

final class RelabelerTest {
  private static final Labels NODE =
      Labels.of("__address__", "10.0.0.1:9100", "__meta_dc", "eu1", "env", "Prod");

  private static RelabelConfig.Builder rule(Action action) {
    return RelabelConfig.builder().action(action);
  }

  /** The result of the rules, or {@code null} when they drop the labels. */
  private static @Nullable Labels process(Labels in, RelabelConfig... rules) {
    return Relabeler.of(List.of(rules)).process(in);
  }

  /** The result of rules that must keep the labels. */
  private static Labels apply(Labels in, RelabelConfig... rules) {
    return Objects.requireNonNull(process(in, rules), "dropped");
  }

  @Test
  void replaceCopiesTheSourceByDefault() {
    Labels out =
        apply(
            NODE,
            rule(Action.REPLACE).sourceLabels(List.of("__meta_dc")).targetLabel("dc").build());

    assertThat(out.get("dc")).isEqualTo("eu1");
  }

  @Test
  void replaceJoinsSourcesWithTheSeparatorAndExpandsGroups() {
    Labels out =
        apply(
            NODE,
            rule(Action.REPLACE)
                .sourceLabels(List.of("__meta_dc", "env"))
                .separator("/")
                .regex("(\\w+)/(?P<stage>.*)")
                .targetLabel("where")
                .replacement("${stage}-$1")
                .build());

    assertThat(out.get("where")).isEqualTo("Prod-eu1");
  }

  @Test
  void replaceWithoutAMatchChangesNothingAndReturnsTheSameInstance() {
    Labels out =
        apply(
            NODE,
            rule(Action.REPLACE)
                .sourceLabels(List.of("env"))
                .regex("dev")
                .targetLabel("x")
                .build());

    assertThat(out).isSameAs(NODE);
  }

  @Test
  void replaceToAnEmptyValueDeletesTheTarget() {
    Labels out =
        apply(
            NODE, rule(Action.REPLACE).sourceLabels(List.of("missing")).targetLabel("env").build());

    assertThat(out.has("env")).isFalse();
  }

  @Test
  void replaceSkipsATargetThatExpandsToAnInvalidName() {
    Labels out =
        apply(
            NODE,
            rule(Action.REPLACE)
                .sourceLabels(List.of("__address__"))
                .regex("(\\d+)\\..*")
                .targetLabel("$1")
                .build());

    assertThat(out).isSameAs(NODE);
  }

  @Test
  void keepAndDropFilterOnTheFullyAnchoredRegex() {
    RelabelConfig keepProd = rule(Action.KEEP).sourceLabels(List.of("env")).regex("Prod").build();
    RelabelConfig keepPartial = rule(Action.KEEP).sourceLabels(List.of("env")).regex("Pro").build();
    RelabelConfig dropProd = rule(Action.DROP).sourceLabels(List.of("env")).regex("P.*").build();

    assertThat(apply(NODE, keepProd)).isSameAs(NODE);
    assertThat(process(NODE, keepPartial)).isNull();
    assertThat(process(NODE, dropProd)).isNull();
  }

  @Test
  void aDropStopsTheRulesThatFollow() {
    Relabeler r =
        Relabeler.of(
            List.of(
                rule(Action.DROP).sourceLabels(List.of("env")).regex("Prod").build(),
                rule(Action.REPLACE).targetLabel("x").replacement("y").build()));

    assertThat(r.process(NODE)).isNull();
  }

  @Test
  void keepequalAndDropequalCompareWithTheTargetLabel() {
    Labels in = Labels.of("a", "1", "b", "1", "c", "2");
    RelabelConfig keepAB =
        rule(Action.KEEPEQUAL).sourceLabels(List.of("a")).targetLabel("b").build();
    RelabelConfig keepAC =
        rule(Action.KEEPEQUAL).sourceLabels(List.of("a")).targetLabel("c").build();
    RelabelConfig dropAB =
        rule(Action.DROPEQUAL).sourceLabels(List.of("a")).targetLabel("b").build();
    RelabelConfig dropAC =
        rule(Action.DROPEQUAL).sourceLabels(List.of("a")).targetLabel("c").build();

    assertThat(apply(in, keepAB)).isSameAs(in);
    assertThat(process(in, keepAC)).isNull();
    assertThat(process(in, dropAB)).isNull();
    assertThat(apply(in, dropAC)).isSameAs(in);
  }

  @Test
  void hashmodMatchesPrometheus() {
    // Expected values computed independently with Python:
    // int.from_bytes(hashlib.md5(s.encode()).digest()[8:], 'big') % m
    assertThat(Relabeler.hashmod("10.0.0.1:9100", 8)).isEqualTo(5);
    assertThat(Relabeler.hashmod("10.0.0.2:9100", 8)).isEqualTo(1);
    assertThat(Relabeler.hashmod("node-a;9100", 1000)).isEqualTo(339);
    assertThat(Relabeler.hashmod("", 16)).isEqualTo(14);
    assertThat(Relabeler.hashmod("héllo", 7)).isEqualTo(0);
    // A modulus above 2^63 is unsigned: 17710500428000290726 % (2^63 + 1).
    assertThat(Relabeler.hashmod("x", Long.MIN_VALUE + 1)).isEqualTo(8487128391145514917L);
  }

  @Test
  void hashmodSetsTheTargetLabel() {
    Labels out =
        apply(
            NODE,
            rule(Action.HASHMOD)
                .sourceLabels(List.of("__address__"))
                .modulus(8)
                .targetLabel("__tmp_shard")
                .build());

    assertThat(out.get("__tmp_shard")).isEqualTo("5");
  }

  @Test
  void labelmapCopiesMatchingLabelsUnderTheExpandedName() {
    Labels out = apply(NODE, rule(Action.LABELMAP).regex("__meta_(.+)").build());

    assertThat(out.get("dc")).isEqualTo("eu1");
    assertThat(out.get("__meta_dc")).isEqualTo("eu1");
  }

  @Test
  void labeldropAndLabelkeepMatchNames() {
    Labels dropped = apply(NODE, rule(Action.LABELDROP).regex("__meta_.*").build());
    Labels kept = apply(NODE, rule(Action.LABELKEEP).regex("__.*").build());

    assertThat(dropped.toMap()).containsOnlyKeys("__address__", "env");
    assertThat(kept.toMap()).containsOnlyKeys("__address__", "__meta_dc");
  }

  @Test
  void lowercaseAndUppercaseSetTheTarget() {
    Labels out =
        apply(
            NODE,
            rule(Action.LOWERCASE).sourceLabels(List.of("env")).targetLabel("lower").build(),
            rule(Action.UPPERCASE).sourceLabels(List.of("env")).targetLabel("upper").build());

    assertThat(out.get("lower")).isEqualTo("prod");
    assertThat(out.get("upper")).isEqualTo("PROD");
  }

  @Test
  void theDefaultRegexMatchesValuesWithNewlines() {
    Labels in = Labels.of("a", "line1\nline2");

    Labels out =
        apply(in, rule(Action.REPLACE).sourceLabels(List.of("a")).targetLabel("b").build());

    assertThat(out.get("b")).isEqualTo("line1\nline2");
  }

  @Test
  void noRulesIsTheIdentity() {
    assertThat(Relabeler.of(List.of())).isSameAs(Relabeler.NONE);
    assertThat(Relabeler.NONE.relabel(NODE)).isSameAs(NODE);
  }

  @Test
  void relabelersWithEqualRulesAreEqual() {
    RelabelConfig r = rule(Action.DROP).sourceLabels(List.of("a")).regex("x").build();
    RelabelConfig same = rule(Action.DROP).sourceLabels(List.of("a")).regex("x").build();

    assertThat(Relabeler.of(List.of(r))).isEqualTo(Relabeler.of(List.of(same)));
    assertThat(Relabeler.of(List.of(r)).hashCode())
        .isEqualTo(Relabeler.of(List.of(same)).hashCode());
  }
}
