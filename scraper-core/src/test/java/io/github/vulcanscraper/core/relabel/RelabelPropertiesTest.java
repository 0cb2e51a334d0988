package io.github.vulcanscraper.core.relabel;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vulcanscraper.api.Labels;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import org.jspecify.annotations.Nullable;

/**
 * The relabel engine on generated rules and label sets: building a rule fails only with the
 * documented {@link IllegalArgumentException}, applying built rules never throws and gives valid
 * label names, keep and drop on the same regex split every label set, hashmod stays in range.
 */
final class RelabelPropertiesTest {
  private static final List<String> NAMES =
      List.of("__name__", "__address__", "job", "a", "b", "__tmp", "x_1", "1bad", "bad-name", "");
  private static final List<String> REGEXES =
      List.of(
          "(.*)",
          ".*",
          "a",
          "a|b",
          "(a)(b)?",
          "x.*",
          "[",
          "(?P<n>.+)",
          "(?i)A",
          "\\d+",
          "",
          "(a",
          "a{2,1}",
          "(?=x)",
          "\\C",
          "[[:alpha:]]+",
          ".+:(\\d+)",
          "(.)(.)(.)(.)(.)",
          "\\p{L}");
  private static final List<String> TARGETS =
      List.of("", "t", "__tmp", "${1}", "$1_x", "$2", "1bad", "a-b", "__name__", "${n}", "$");
  private static final List<String> REPLACEMENTS =
      List.of("$1", "", "x", "${1}${2}", "$9", "$n", "${n}", "$$", "a$", "${", "é");

  @Property(tries = 500, shrinking = ShrinkingMode.BOUNDED)
  void rulesFailOnlyAtBuildAndNeverWhenApplied(
      @ForAll("ruleSpecs") List<Object[]> specs, @ForAll("labelSets") Labels labels) {
    List<RelabelConfig> rules = new ArrayList<>();
    for (Object[] spec : specs) {
      RelabelConfig rule = build(spec);
      if (rule != null) {
        rules.add(rule);
      }
    }
    Labels out = Relabeler.of(rules).process(labels);
    if (out != null) {
      out.forEach((n, v) -> assertThat(n).as("%s -> %s", labels, out).isNotEmpty());
    }
  }

  @Property(tries = 300)
  void keepAndDropOnTheSameRegexSplitEveryLabelSet(
      @ForAll("regex") String regex,
      @ForAll("sources") List<String> sources,
      @ForAll("labelSets") Labels labels) {
    RelabelConfig keep;
    RelabelConfig drop;
    try {
      keep = rule(RelabelConfig.Action.KEEP, regex, sources);
      drop = rule(RelabelConfig.Action.DROP, regex, sources);
    } catch (IllegalArgumentException invalid) {
      return;
    }
    boolean kept = Relabeler.of(List.of(keep)).process(labels) != null;
    boolean notDropped = Relabeler.of(List.of(drop)).process(labels) != null;
    assertThat(kept).as("%s on %s", regex, labels).isNotEqualTo(notDropped);
  }

  @Property(tries = 300)
  void hashmodIsInRange(
      @ForAll("labelSets") Labels labels,
      @ForAll("sources") List<String> sources,
      @ForAll long modulus) {
    if (modulus == 0) {
      return;
    }
    RelabelConfig rule =
        RelabelConfig.builder()
            .action(RelabelConfig.Action.HASHMOD)
            .sourceLabels(sources)
            .modulus(modulus)
            .targetLabel("__tmp_hash")
            .build();
    Labels out = Relabeler.of(List.of(rule)).process(labels);
    String value = out == null ? null : out.get("__tmp_hash");
    assertThat(value).isNotNull();
    long h = Long.parseUnsignedLong(value);
    assertThat(Long.compareUnsigned(h, modulus)).as("%s mod %s", value, modulus).isNegative();
  }

  private static RelabelConfig rule(
      RelabelConfig.Action action, String regex, List<String> sources) {
    return RelabelConfig.builder().action(action).regex(regex).sourceLabels(sources).build();
  }

  private static @Nullable RelabelConfig build(Object[] spec) {
    try {
      RelabelConfig.Builder b = RelabelConfig.builder().action((RelabelConfig.Action) spec[0]);
      @SuppressWarnings("unchecked")
      List<String> sources = (List<String>) spec[1];
      if (!sources.isEmpty()) {
        b.sourceLabels(sources);
      }
      Object regex = spec[2];
      if (regex != null) {
        b.regex((String) regex);
      }
      b.targetLabel((String) spec[3]).replacement((String) spec[4]).modulus((Long) spec[5]);
      return b.build();
    } catch (IllegalArgumentException documented) {
      assertThat(documented.getMessage()).isNotBlank();
      return null;
    }
  }

  @Provide
  Arbitrary<List<Object[]>> ruleSpecs() {
    return Combinators.combine(
            Arbitraries.of(RelabelConfig.Action.class),
            Arbitraries.of(NAMES).list().ofMaxSize(3),
            Arbitraries.of(REGEXES).injectNull(0.2),
            Arbitraries.of(TARGETS),
            Arbitraries.of(REPLACEMENTS),
            Arbitraries.of(0L, 0L, 1L, 3L, -1L, Long.MIN_VALUE))
        .as((a, s, r, t, rep, m) -> new Object[] {a, s, r, t, rep, m})
        .list()
        .ofMaxSize(5);
  }

  @Provide
  Arbitrary<String> regex() {
    return Arbitraries.oneOf(
        Arbitraries.of(REGEXES),
        Arbitraries.strings().withChars("ab.*+?|()[]^$\\{}1,:".toCharArray()).ofMaxLength(8));
  }

  @Provide
  Arbitrary<List<String>> sources() {
    return Arbitraries.of("__name__", "job", "a", "b", "missing").list().ofMinSize(1).ofMaxSize(3);
  }

  @Provide
  Arbitrary<Labels> labelSets() {
    Arbitrary<String> values =
        Arbitraries.strings().withChars("ab:;9 \n\u00e9$.".toCharArray()).ofMaxLength(8);
    return Arbitraries.maps(
            Arbitraries.of("__name__", "__address__", "job", "a", "b", "x_1"), values)
        .ofMaxSize(5)
        .map(Labels::of);
  }
}
