package io.github.vulcanscraper.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vulcanscraper.api.Exemplar;
import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.Sample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * Labels found again in the previous label set ({@link PreviousLabels}) are exactly the labels the
 * bytes say: bodies of label sets drawn from small pools of names and values (so that neighbours
 * repeat each other in whole, in part, shifted and with escapes) read back as the sets they were
 * written from, in both formats.
 */
final class PreviousLabelsTest {
  private static final String[] NAMES = {"a", "ab", "le", "code", "handler", "b", "c", "d", "e"};
  private static final String[] VALUES = {
    "", "1", "10", "0.5", "+Inf", "x\\\"y", "x", "/api/v1", "/api/v1/query", "é", "a\\\\b", "n\\n"
  };

  @Property(tries = 400)
  void setsReadBackAsWrittenInTheTextFormat(
      @ForAll("steps") List<int[]> steps, @ForAll("blanks") List<String> pads)
      throws ExpositionException {
    List<List<int[]>> sets = sets(steps);
    StringBuilder body = new StringBuilder();
    for (int s = 0; s < sets.size(); s++) {
      String pad = pads.isEmpty() ? "" : pads.get(s % pads.size());
      // The name mostly repeats the one before, and sometimes not.
      body.append(s % 5 == 4 ? "mm" : "m").append('{');
      List<int[]> set = sets.get(s);
      for (int i = 0; i < set.size(); i++) {
        body.append(pad).append(NAMES[set.get(i)[0]]).append(pad).append('=').append(pad);
        body.append('"').append(VALUES[set.get(i)[1]]).append('"').append(pad);
        if (s % 4 == 1) {
          body.append(' '); // The text format also takes labels without commas.
        } else if (i < set.size() - 1 || s % 3 == 0) {
          body.append(',');
        }
      }
      body.append("} ").append(s).append('\n');
    }

    List<Sample> read = samples(ExpositionFormat.PROMETHEUS_TEXT, body.toString());

    // The parser gathers the samples by family: those of m, then those of mm.
    List<List<int[]>> byFamily = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (String name : List.of("m", "mm")) {
      for (int s = 0; s < sets.size(); s++) {
        if (name.equals(s % 5 == 4 ? "mm" : "m")) {
          byFamily.add(sets.get(s));
          names.add(name);
        }
      }
    }
    assertThat(read).extracting(Sample::name).containsExactlyElementsOf(names);
    assertReadAsWritten(byFamily, read, body.toString());
  }

  @Property(tries = 400)
  void setsReadBackAsWrittenInOpenMetrics(@ForAll("steps") List<int[]> steps)
      throws ExpositionException {
    List<List<int[]>> sets = sets(steps);
    StringBuilder body = new StringBuilder();
    for (int s = 0; s < sets.size(); s++) {
      // Families of three samples, so that a name repeats and then changes; a set may come again,
      // which one family would not allow, so a last label z sets the samples apart.
      body.append('m').append(s / 3).append('{');
      List<int[]> set = sets.get(s);
      for (int i = 0; i < set.size(); i++) {
        body.append(NAMES[set.get(i)[0]]).append("=\"");
        body.append(VALUES[set.get(i)[1]]).append("\",");
      }
      body.append("z=\"").append(s).append("\"} ").append(s).append('\n');
    }
    body.append("# EOF\n");

    List<Sample> read = samples(ExpositionFormat.OPENMETRICS_TEXT, body.toString());

    for (int s = 0; s < read.size(); s++) {
      assertThat(read.get(s).name()).isEqualTo("m" + s / 3);
      assertThat(read.get(s).labels().get("z")).isEqualTo(Integer.toString(s));
    }
    List<Sample> withoutZ = new ArrayList<>();
    for (Sample sample : read) {
      withoutZ.add(Sample.of(sample.name(), sample.labels().without("z"), sample.value()));
    }
    assertReadAsWritten(sets, withoutZ, body.toString());
  }

  @Test
  void findsAgainOnlyTheLabelsThatRepeat() throws ExpositionException {
    String body =
        "m{a=\"1\",b=\"2\",c=\"3\"} 1\n"
            + "m{a=\"1\",b=\"2\",c=\"33\"} 2\n"
            + "m{a=\"1\",b=\"22\",c=\"33\"} 3\n"
            + "m{a=\"1\",b=\"22\"} 4\n"
            + "m{a=\"1\",b=\"22\",c=\"3\",d=\"4\"} 5\n"
            + "m{ab=\"1\",b=\"22\"} 6\n"
            + "m{a=\"1\"} 7\n"
            + "m{a=\"1\",bb=\"22\"} 8\n";

    assertTextLabels(
        body,
        Labels.of("a", "1", "b", "2", "c", "3"),
        Labels.of("a", "1", "b", "2", "c", "33"),
        Labels.of("a", "1", "b", "22", "c", "33"),
        Labels.of("a", "1", "b", "22"),
        Labels.of("a", "1", "b", "22", "c", "3", "d", "4"),
        Labels.of("ab", "1", "b", "22"),
        Labels.of("a", "1"),
        Labels.of("a", "1", "bb", "22"));
  }

  @Test
  void takesALabelEndedByTheByteAfterItOnlyWhenThatByteRepeats() throws ExpositionException {
    String body =
        "m{a=\"1\" } 1\n"
            + "m{a=\"1\" b=\"2\"} 2\n"
            + "m{a=\"1\" ,b=\"2\"} 3\n"
            + "m{a=\"1\" b=\"2\" c=\"3\"} 4\n"
            + "m{a=\"1\" b=\"2\",c=\"3\"} 5\n"
            + "m{a=\"1\" b=\"2\",c=\"3\",} 6\n";

    assertTextLabels(
        body,
        Labels.of("a", "1"),
        Labels.of("a", "1", "b", "2"),
        Labels.of("a", "1", "b", "2"),
        Labels.of("a", "1", "b", "2", "c", "3"),
        Labels.of("a", "1", "b", "2", "c", "3"),
        Labels.of("a", "1", "b", "2", "c", "3"));
  }

  @Test
  void takesAWholeSetAgainAndReadsOnAfterIt() throws ExpositionException {
    String body =
        "# TYPE h histogram\n"
            + "h_bucket{a=\"1\",le=\"+Inf\"} 2\n"
            + "h_sum{a=\"1\"} 3\n"
            + "h_count{a=\"1\"} 2\n"
            + "h_bucket{a=\"2\",le=\"+Inf\"} 2\n"
            + "h_sum{a=\"2\"} 3\n"
            + "h_count{a=\"2\"} 2\n"
            + "# EOF\n";

    List<Sample> read = samples(ExpositionFormat.OPENMETRICS_TEXT, body);

    assertThat(read)
        .extracting(s -> s.name() + s.labels())
        .containsExactly(
            "h_bucket{a=\"1\",le=\"+Inf\"}",
            "h_sum{a=\"1\"}",
            "h_count{a=\"1\"}",
            "h_bucket{a=\"2\",le=\"+Inf\"}",
            "h_sum{a=\"2\"}",
            "h_count{a=\"2\"}");
  }

  @Test
  void keepsCountingLinesAfterAValueWithALineBreak() {
    String body =
        "m{a=\"x\ny\",b=\"1\"} 1\n" + "m{a=\"x\ny\",b=\"1\"} 2\n" + "m{a=\"x\ny\",b=\"1\",} x\n";

    assertThatThrownBy(() -> samples(ExpositionFormat.PROMETHEUS_TEXT, body))
        .isInstanceOf(ExpositionException.class)
        .hasMessageContaining("line 6");
  }

  @Test
  void readsAQuotedMetricNameBetweenRepeatedLabels() throws ExpositionException {
    String body =
        "m{a=\"1\",b=\"2\"} 1\n" + "{a=\"1\",\"n\",b=\"2\"} 2\n" + "m{a=\"1\",b=\"2\"} 3\n";

    List<Sample> read = samples(ExpositionFormat.PROMETHEUS_TEXT, body);

    assertThat(read).extracting(Sample::name).containsExactly("m", "m", "n");
    assertThat(read).extracting(Sample::labels).containsOnly(Labels.of("a", "1", "b", "2"));
  }

  @Test
  void rejectsADuplicateNameFoundInThePreviousSet() {
    String body = "m{a=\"1\",b=\"2\"} 1\n" + "m{a=\"1\",b=\"2\",a=\"1\"} 2\n";

    assertThatThrownBy(() -> samples(ExpositionFormat.PROMETHEUS_TEXT, body))
        .isInstanceOf(ExpositionException.class)
        .hasMessageContaining("duplicate label name: a");
  }

  @Test
  void exemplarLabelsDoNotChangeTheNextSetsLabels() throws ExpositionException {
    String body =
        "# TYPE m counter\n"
            + "m_total{a=\"1\",b=\"2\"} 1 # {a=\"1\",b=\"3\"} 1\n"
            + "# TYPE n counter\n"
            + "n_total{a=\"1\",b=\"2\"} 1 # {a=\"1\",b=\"2\"} 1\n"
            + "# EOF\n";

    List<Sample> read = samples(ExpositionFormat.OPENMETRICS_TEXT, body);

    assertThat(read).extracting(Sample::labels).containsOnly(Labels.of("a", "1", "b", "2"));
    Exemplar exemplar = Objects.requireNonNull(read.get(0).exemplar());
    assertThat(exemplar.labels()).isEqualTo(Labels.of("a", "1", "b", "3"));
  }

  /**
   * Asserts that the text-format {@code body} reads back as samples with these labels, in order.
   */
  private static void assertTextLabels(String body, Labels... expected) throws ExpositionException {
    assertThat(samples(ExpositionFormat.PROMETHEUS_TEXT, body))
        .extracting(Sample::labels)
        .as(body)
        .containsExactly(expected);
  }

  private static void assertReadAsWritten(List<List<int[]>> sets, List<Sample> read, String body) {
    List<Labels> expected = new ArrayList<>();
    for (List<int[]> set : sets) {
      Map<String, String> map = new LinkedHashMap<>();
      for (int[] label : set) {
        map.put(NAMES[label[0]], unescape(VALUES[label[1]]));
      }
      expected.add(Labels.of(map));
    }
    assertThat(read).extracting(Sample::labels).as(body).containsExactlyElementsOf(expected);
  }

  private static String unescape(String raw) {
    return raw.replace("\\\"", "\"").replace("\\n", "\n").replace("\\\\", "\\");
  }

  private static List<Sample> samples(ExpositionFormat format, String body)
      throws ExpositionException {
    List<Sample> samples = new ArrayList<>();
    for (MetricFamily f :
        ExpositionParser.of(format).parse(body.getBytes(StandardCharsets.UTF_8))) {
      samples.addAll(f.samples());
    }
    return samples;
  }

  /**
   * Label sets with distinct names from the pools above, each made from the one before by a step
   * (four random numbers): the same set, a value changed, the set cut short or made longer, or a
   * new set; so that neighbours repeat each other in whole and in part.
   */
  private static List<List<int[]>> sets(List<int[]> steps) {
    List<List<int[]>> sets = new ArrayList<>();
    List<int[]> set = new ArrayList<>();
    for (int[] step : steps) {
      List<int[]> next = new ArrayList<>();
      for (int[] label : set) {
        next.add(label.clone());
      }
      int kind = step[0] % 5;
      if (kind == 1 && !next.isEmpty()) {
        next.get(step[1] % next.size())[1] = step[2] % VALUES.length;
      } else if (kind == 2 && !next.isEmpty()) {
        next = next.subList(0, step[1] % next.size());
      } else if (kind == 3 || kind == 4 || next.isEmpty()) {
        if (kind == 4 || next.isEmpty()) {
          next.clear();
        }
        for (int k = 0; k <= step[3] % 4; k++) {
          int name = (step[1] + k * 7) % NAMES.length;
          if (next.stream().noneMatch(l -> l[0] == name)) {
            next.add(new int[] {name, (step[2] + k) % VALUES.length});
          }
        }
      }
      sets.add(next);
      set = next;
    }
    return sets;
  }

  @Provide
  Arbitrary<List<int[]>> steps() {
    return Arbitraries.integers()
        .between(0, 1 << 20)
        .array(int[].class)
        .ofSize(4)
        .list()
        .ofMinSize(1)
        .ofMaxSize(30);
  }

  @Provide
  Arbitrary<List<String>> blanks() {
    return Arbitraries.of("", "", " ", "\t", " \t").list().ofMaxSize(3);
  }
}
