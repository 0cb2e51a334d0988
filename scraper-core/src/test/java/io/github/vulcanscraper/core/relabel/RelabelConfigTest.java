package io.github.vulcanscraper.core.relabel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vulcanscraper.core.relabel.RelabelConfig.Action;
import java.util.List;
import org.junit.jupiter.api.Test;

final class RelabelConfigTest {
  private static RelabelConfig.Builder rule(Action action) {
    return RelabelConfig.builder().action(action);
  }

  @Test
  void hasPrometheusDefaults() {
    RelabelConfig c = RelabelConfig.builder().targetLabel("x").build();

    assertThat(c.action()).isEqualTo(Action.REPLACE);
    assertThat(c.separator()).isEqualTo(";");
    assertThat(c.regex()).isEqualTo("(.*)");
    assertThat(c.replacement()).isEqualTo("$1");
    assertThat(c.sourceLabels()).isEmpty();
    assertThat(c.modulus()).isZero();
  }

  @Test
  void actionNamesAreCaseInsensitiveAndUnknownOnesRejected() {
    assertThat(Action.of("HashMod")).isEqualTo(Action.HASHMOD);
    assertThatThrownBy(() -> Action.of("")).hasMessage("relabel action cannot be empty");
    assertThatThrownBy(() -> Action.of("copy")).hasMessage("unknown relabel action \"copy\"");
  }

  @Test
  void actionsThatWriteNeedATargetLabel() {
    for (Action a :
        List.of(
            Action.REPLACE,
            Action.HASHMOD,
            Action.LOWERCASE,
            Action.UPPERCASE,
            Action.KEEPEQUAL,
            Action.DROPEQUAL)) {
      RelabelConfig.Builder b = rule(a).modulus(1);
      assertThatThrownBy(b::build)
          .as(a.yamlName())
          .hasMessage(
              "relabel configuration for "
                  + a.yamlName()
                  + " action requires 'target_label' value");
    }
  }

  @Test
  void hashmodNeedsAModulusFirst() {
    assertThatThrownBy(() -> rule(Action.HASHMOD).build())
        .hasMessage("relabel configuration for hashmod requires non-zero modulus");
  }

  @Test
  void replaceTargetsMayUseReferencesButMustBeNameShaped() {
    for (String ok :
        List.of("label", "label${1}", "${1}label", "$1", "asd$2asd", "_${1}_", "foo${bar}foo")) {
      assertThat(rule(Action.REPLACE).targetLabel(ok).build().targetLabel()).isEqualTo(ok);
    }
    for (String bad :
        List.of("-label", "${", "$", "${}", "foo${", "-foo${1}bar-", "bar.foo${1}bar", "0abc")) {
      assertThatThrownBy(() -> rule(Action.REPLACE).targetLabel(bad).build())
          .as(bad)
          .hasMessage("\"" + bad + "\" is invalid 'target_label' for replace action");
    }
  }

  @Test
  void aLongInvalidTargetIsRejectedQuickly() {
    String target = "a".repeat(10_000) + "-";

    assertThatThrownBy(() -> rule(Action.REPLACE).targetLabel(target + "$1").build())
        .hasMessageContaining("is invalid 'target_label'");
  }

  @Test
  void copyActionsTakeAPlainTargetAndNoReplacement() {
    assertThatThrownBy(() -> rule(Action.LOWERCASE).targetLabel("${3}").build())
        .hasMessage("\"${3}\" is invalid 'target_label' for lowercase action");
    assertThatThrownBy(() -> rule(Action.UPPERCASE).targetLabel("x").replacement("y").build())
        .hasMessage("'replacement' can not be set for uppercase action");
    assertThatThrownBy(() -> rule(Action.HASHMOD).modulus(2).targetLabel("a-b").build())
        .hasMessage("\"a-b\" is invalid 'target_label' for hashmod action");
  }

  @Test
  void keepequalAndDropequalTakeOnlySourceAndTarget() {
    assertThatThrownBy(() -> rule(Action.DROPEQUAL).targetLabel("x").regex("(.*)").build())
        .hasMessage(
            "dropequal action requires only 'source_labels' and `target_label`, and no"
                + " other fields");
    assertThatThrownBy(() -> rule(Action.KEEPEQUAL).targetLabel("x").separator(",").build())
        .hasMessageContaining("keepequal action requires only");
  }

  @Test
  void labeldropAndLabelkeepTakeOnlyARegex() {
    assertThatThrownBy(() -> rule(Action.LABELDROP).separator(",").build())
        .hasMessage("labeldrop action requires only 'regex', and no other fields");
    assertThatThrownBy(() -> rule(Action.LABELKEEP).sourceLabels(List.of("a")).build())
        .hasMessage("labelkeep action requires only 'regex', and no other fields");
    assertThat(rule(Action.LABELKEEP).regex("a|b").build().regex()).isEqualTo("a|b");
  }

  @Test
  void labelmapReplacementMustBeNameShaped() {
    assertThat(rule(Action.LABELMAP).regex("__meta_(.+)").replacement("${1}").build()).isNotNull();
    assertThatThrownBy(() -> rule(Action.LABELMAP).replacement("a-$1").build())
        .hasMessage("\"a-$1\" is invalid 'replacement' for labelmap action");
  }

  @Test
  void sourceLabelsMustBeLabelNames() {
    assertThatThrownBy(() -> RelabelConfig.builder().sourceLabels(List.of("a.b")))
        .hasMessage("\"a.b\" is not a valid label name");
  }

  @Test
  void aBadRegexIsRejectedWhenSet() {
    assertThatThrownBy(() -> RelabelConfig.builder().regex("a(b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a(b");
  }

  @Test
  void toStringShowsTheRule() {
    RelabelConfig c =
        rule(Action.HASHMOD).sourceLabels(List.of("a")).modulus(4).targetLabel("t").build();

    assertThat(c.toString()).contains("hashmod").contains("modulus=4").contains("targetLabel=t");
  }
}
