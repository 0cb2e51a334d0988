package io.github.vulcanscraper.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.vulcanscraper.api.Exemplar;
import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.MetricType;
import io.github.vulcanscraper.api.Sample;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

final class OpenMetricsParserTest {
  private final ExpositionParser parser = ExpositionParser.of(ExpositionFormat.OPENMETRICS_TEXT);

  private List<MetricFamily> parse(String text) throws ExpositionException {
    return parser.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private MetricFamily family(String text) throws ExpositionException {
    List<MetricFamily> families = parse(text + "# EOF\n");
    assertThat(families).hasSize(1);
    return families.get(0);
  }

  private void assertAccepted(String text) throws ExpositionException {
    parse(text + "# EOF\n");
  }

  private void assertError(String text, int line, int column, String detail) {
    ExpositionException e = catchThrowableOfType(() -> parse(text), ExpositionException.class);
    assertThat(e).as("error for %s", text).isNotNull();
    assertThat(e.detail()).as("detail for %s", text).contains(detail);
    assertThat(e.line()).as("line of %s", e.getMessage()).isEqualTo(line);
    assertThat(e.column()).as("column of %s", e.getMessage()).isEqualTo(column);
  }

  /** A body that must be rejected, with its error on the given line. */
  private void assertRejected(String text, int line, String detail) {
    ExpositionException e =
        catchThrowableOfType(() -> parse(text + "# EOF\n"), ExpositionException.class);
    assertThat(e).as("error for %s", text).isNotNull();
    assertThat(e.detail()).as("detail for %s", text).contains(detail);
    assertThat(e.line()).as("line of %s", e.getMessage()).isEqualTo(line);
  }

  @Test
  void readsCounterWithCreatedUnitHelpAndExemplar() throws Exception {
    MetricFamily f =
        family(
            "# TYPE rpc_seconds counter\n"
                + "# UNIT rpc_seconds seconds\n"
                + "# HELP rpc_seconds Time \\\"spent\\\"\\n in RPCs.\n"
                + "rpc_seconds_total{a=\"b\"} 1.5 1700000000.25 # {trace_id=\"x\"} 0.5 1700000000\n"
                + "rpc_seconds_created{a=\"b\"} 1.6e9 1700000000.25\n");
    assertThat(f)
        .isEqualTo(
            MetricFamily.of(
                "rpc_seconds",
                MetricType.COUNTER,
                "Time \"spent\"\n in RPCs.",
                "seconds",
                List.of(
                    Sample.of(
                        "rpc_seconds_total",
                        Labels.of("a", "b"),
                        1.5,
                        1700000000250L,
                        Exemplar.of(Labels.of("trace_id", "x"), 0.5, 1700000000000L)),
                    Sample.of("rpc_seconds_created", Labels.of("a", "b"), 1.6e9, 1700000000250L))));
  }

  @Test
  void readsEveryType() throws Exception {
    List<MetricFamily> families =
        parse(
            "# TYPE g gauge\ng 1\n"
                + "# TYPE h histogram\n"
                + "h_bucket{le=\"0.5\"} 1 # {} 0.3\nh_bucket{le=\"+Inf\"} 2\nh_count 2\nh_sum 1\n"
                + "h_created 1\n"
                + "# TYPE gh gaugehistogram\n"
                + "gh_bucket{le=\"-1\"} 1\ngh_bucket{le=\"+Inf\"} 2\ngh_gcount 2\ngh_gsum -3\n"
                + "# TYPE s summary\n"
                + "s{quantile=\"0\"} 1\ns{quantile=\"1\"} NaN\ns_sum 3\ns_count 2\n"
                + "# TYPE i info\ni_info{version=\"1.0\"} 1\n"
                + "# TYPE st stateset\nst{st=\"a\"} 1\nst{st=\"b\"} 0\n"
                + "# TYPE u unknown\nu 1\n"
                + "bare 2\n"
                + "# EOF");
    assertThat(families)
        .extracting(MetricFamily::type)
        .containsExactly(
            MetricType.GAUGE,
            MetricType.HISTOGRAM,
            MetricType.GAUGE_HISTOGRAM,
            MetricType.SUMMARY,
            MetricType.INFO,
            MetricType.STATESET,
            MetricType.UNKNOWN,
            MetricType.UNKNOWN);
    assertThat(families.get(1).samples()).hasSize(5);
    assertThat(families.get(1).samples().get(0).exemplar())
        .isEqualTo(Exemplar.of(Labels.EMPTY, 0.3));
  }

  @Test
  void convertsTimestampsInSecondsToMilliseconds() throws Exception {
    List<Sample> samples =
        family(
                "# TYPE a gauge\n"
                    + "a{x=\"1\"} 1 1.5\n"
                    + "a{x=\"2\"} 1 0.0019\n"
                    + "a{x=\"3\"} 1 -1.1\n"
                    + "a{x=\"4\"} 1 1.5e3\n"
                    + "a{x=\"5\"} 1 12345678901234567890.5\n"
                    + "a{x=\"6\"} 1 000\n")
            .samples();
    assertThat(samples)
        .extracting(Sample::timestampMillis)
        .containsExactly(1500L, 1L, -1100L, 1500000L, Long.MAX_VALUE, 0L);
  }

  @Test
  void requiresEofLastAndOnce() {
    assertError("a 1\n", 2, 1, "expected \"# EOF\"");
    assertError("", 1, 1, "expected \"# EOF\"");
    assertError("a 1\n# EOF\nb 1\n", 3, 1, "nothing may follow");
    assertError("a 1\n# EOF\n\n", 3, 1, "nothing may follow");
    assertError("a 1\n# EOFx", 2, 6, "expected end of input");
  }

  @Test
  void acceptsEofWithoutNewline() throws Exception {
    assertThat(parse("a 1\n# EOF")).hasSize(1);
  }

  @Test
  void rejectsLooseSyntax() {
    assertError("a 1\n\n# EOF\n", 2, 1, "blank lines");
    assertError("a  1\n# EOF\n", 1, 3, "expected value");
    assertError("a 1 \n# EOF\n", 1, 5, "expected timestamp");
    assertError(" a 1\n# EOF\n", 1, 1, "expected a metric name");
    assertError("a{a=\"1\",} 1\n# EOF\n", 1, 9, "expected label name");
    assertError("a{a=\"1\" b=\"2\"} 1\n# EOF\n", 1, 8, "expected ',' or '}'");
    assertError("a{a=1} 1\n# EOF\n", 1, 5, "expected '\"'");
    assertError("a{a=\"1} 1\n# EOF\n", 1, 5, "unterminated label value");
    assertError("a{a=\"1\",a=\"2\"} 1\n# EOF\n", 1, 1, "duplicate label name: a");
    assertError("# comment\n# EOF\n", 1, 1, "expected \"# HELP\"");
    assertError("# HELP a\n# EOF\n", 1, 9, "expected ' ' after the metric name");
    assertError("# TYPE a untyped\n# EOF\n", 1, 10, "invalid metric type \"untyped\"");
    assertError("# TYPE a gauge \n# EOF\n", 1, 10, "invalid metric type");
    assertError("a 1 NaN\n# EOF\n", 1, 5, "invalid timestamp");
    assertError("a 0x1\n# EOF\n", 1, 3, "invalid value");
    assertError("a 1 # {a=\"b\"} 1\n# EOF\n", 1, 3, "exemplars are only allowed");
    assertError("a 1\r\n# EOF\n", 1, 3, "invalid value");
  }

  @Test
  void checksMetadata() {
    assertRejected("# HELP a x\n# HELP a y\n", 2, "second HELP");
    assertRejected("# TYPE a gauge\n# TYPE a gauge\n", 2, "second TYPE");
    assertRejected("# UNIT a_s s\n# UNIT a_s s\n", 2, "second UNIT");
    assertRejected("# TYPE a gauge\na 1\n# HELP a x\n", 3, "after its samples");
    assertRejected("# TYPE a gauge\n# UNIT a seconds\n", 2, "does not end with its unit");
    assertRejected("# TYPE a_u info\n# UNIT a_u u\n", 2, "cannot have a unit");
    assertRejected("# TYPE a_created gauge\n# TYPE a counter\n", 2, "clashes");
    assertRejected("# TYPE a counter\na 1\n", 2, "clashes");
    assertRejected("a 1\nb 1\na 2\n", 3, "clashes");
  }

  @Test
  void checksCounterLikeValues() {
    assertRejected("# TYPE a counter\na_total -1\n", 2, "cannot be negative");
    assertRejected("# TYPE a counter\na_total NaN\n", 2, "cannot be NaN");
    assertRejected("# TYPE a summary\na_count 1.5\n", 2, "integer");
    assertRejected("# TYPE a summary\na{quantile=\"0.5\"} -1\n", 2, "cannot be negative");
    assertRejected("# TYPE a info\na_info 2\n", 2, "info values must be 1");
    assertRejected("# TYPE a stateset\na{a=\"x\"} 2\n", 2, "0 or 1");
    assertRejected("# TYPE a stateset\na 1\n", 2, "without its state label");
  }

  @Test
  void checksHistograms() {
    assertRejected("# TYPE a histogram\na_bucket{le=\"1\"} 0\n", 2, "no +Inf bucket");
    assertRejected(
        "# TYPE a histogram\na_bucket{le=\"2\"} 0\na_bucket{le=\"1\"} 0\n", 3, "le order");
    assertRejected(
        "# TYPE a histogram\na_bucket{le=\"1\"} 2\na_bucket{le=\"+Inf\"} 1\n", 3, "decrease");
    assertRejected(
        "# TYPE a histogram\na_bucket{le=\"+Inf\"} 1\na_count 2\na_sum 1\n", 2, "count differs");
    assertRejected("# TYPE a histogram\na_bucket{le=\"+Inf\"} 1\na_sum 1\n", 2, "without _count");
    assertRejected("# TYPE a histogram\na_bucket{le=\"+INF\"} 1\n", 2, "le label");
    assertRejected("# TYPE a histogram\na_bucket 1\n", 2, "le label");
    assertRejected(
        "# TYPE a histogram\na_bucket{le=\"-1\"} 0\na_bucket{le=\"+Inf\"} 1\na_count 1\na_sum 0\n",
        2,
        "negative buckets");
    assertRejected(
        "# TYPE a gaugehistogram\na_bucket{le=\"+Inf\"} 1\na_gcount 1\na_gsum -1\n",
        2,
        "negative _gsum");
    assertRejected("# TYPE a summary\na{quantile=\"1.5\"} 1\n", 2, "quantile label");
    assertRejected("# TYPE a summary\na 1\n", 2, "quantile label");
  }

  @Test
  void checksGroupingTimestampsAndDuplicates() throws Exception {
    assertRejected(
        "# TYPE a histogram\n"
            + "a_bucket{x=\"1\",le=\"+Inf\"} 0\n"
            + "a_bucket{x=\"2\",le=\"+Inf\"} 0\n"
            + "a_count{x=\"1\"} 0\n",
        4,
        "not together");
    assertRejected("# TYPE a gauge\na 0 2\na 0 1\n", 3, "backwards");
    assertRejected("# TYPE a gauge\na 0\na 0 1\n", 3, "some samples");
    assertRejected("# TYPE a gauge\na 1\na 2\n", 3, "duplicate series");
    assertRejected(
        "# TYPE a summary\na{quantile=\"0.5\"} 1\na{quantile=\"0.5\"} 1\n", 3, "duplicate series");
    assertAccepted("# TYPE a gauge\na 1 0\na 2 0\na 3 0.001\n");
    assertAccepted("# TYPE a info\na_info{x=\"1\"} 1 2\na_info{x=\"2\"} 1 1\n");
  }

  @Test
  void findsAGroupAgainWhetherTheGroupsCameInOrderOrNot() throws ExpositionException {
    // In order, out of order, and in order again: all new, so all accepted.
    assertAccepted("# TYPE a gauge\na{x=\"1\"} 0\na{x=\"2\"} 0\na{x=\"3\"} 0\n");
    assertAccepted("# TYPE a gauge\na{x=\"3\"} 0\na{x=\"2\"} 0\na{x=\"1\"} 0\n");
    assertAccepted("# TYPE a gauge\na{x=\"1\"} 0\na{x=\"3\"} 0\na{x=\"2\"} 0\na{x=\"4\"} 0\n");
    assertAccepted("# TYPE a gauge\na{x=\"1\"} 0\na{x=\"1\",y=\"1\"} 0\na 0\n");
    // A group met again: after groups in order, after the order broke, and as the shorter set.
    assertRejected("# TYPE a gauge\na{x=\"1\"} 0\na{x=\"2\"} 0\na{x=\"1\"} 0\n", 4, "not together");
    assertRejected(
        "# TYPE a gauge\na{x=\"3\"} 0\na{x=\"1\"} 0\na{x=\"2\"} 0\na{x=\"3\"} 0\n",
        5,
        "not together");
    assertRejected(
        "# TYPE a gauge\na{x=\"1\"} 0\na{x=\"1\",y=\"1\"} 0\na{x=\"1\"} 0\n", 4, "not together");
    // Histogram groups: the key leaves le out, whichever sample kind comes first.
    assertRejected(
        "# TYPE a histogram\n"
            + "a_bucket{x=\"2\",le=\"+Inf\"} 0\n"
            + "a_count{x=\"2\"} 0\n"
            + "a_sum{x=\"2\"} 0\n"
            + "a_bucket{x=\"1\",le=\"+Inf\"} 0\n"
            + "a_count{x=\"1\"} 0\n"
            + "a_sum{x=\"1\"} 0\n"
            + "a_sum{x=\"2\"} 0\n",
        8,
        "not together");
  }

  @Test
  void limitsExemplarLabelsTo128Characters() throws Exception {
    String snowman = "\u2603";
    assertAccepted("# TYPE a counter\na_total 1 # {a=\"" + snowman + "x".repeat(126) + "\"} 1\n");
    assertRejected(
        "# TYPE a counter\na_total 1 # {a=\"" + "x".repeat(128) + "\"} 1\n", 2, "at most 128");
    assertRejected("# TYPE a counter\na_created 1 # {a=\"b\"} 1\n", 2, "only allowed");
    assertRejected("# TYPE a counter\na_total 1 # {a=\"b\"} 1 Inf\n", 2, "invalid exemplar");
  }

  @Test
  void readsLabelsThatRepeatOrResembleThoseOfThePreviousSeries() throws Exception {
    // Names and values are tried against the previous set's at the same position first.
    List<Sample> samples =
        family(
                "# TYPE a gauge\n"
                    + "a{ab=\"x\",c=\"\\\\\"} 1\n"
                    + "a{ab=\"xy\",c=\"\\\\\"} 1\n"
                    + "a{ab=\"x\",c=\"\\\\\\\"\"} 1\n"
                    + "a{abc=\"x\",c=\"\\\\\"} 1\n"
                    + "a{a=\"x\",c=\"\\\\\"} 1\n"
                    + "a{a=\"x\",c=\"\"} 1\n"
                    + "a{a=\"x\",c=\"\\n\"} 1\n"
                    + "a{a=\"\\\"\",c=\"\\n\"} 1\n"
                    + "a{c=\"\\n\",a=\"y\"} 1\n")
            .samples();
    assertThat(samples)
        .extracting(Sample::labels)
        .containsExactly(
            Labels.of("ab", "x", "c", "\\"),
            Labels.of("ab", "xy", "c", "\\"),
            Labels.of("ab", "x", "c", "\\\""),
            Labels.of("abc", "x", "c", "\\"),
            Labels.of("a", "x", "c", "\\"),
            Labels.of("a", "x"),
            Labels.of("a", "x", "c", "\n"),
            Labels.of("a", "\"", "c", "\n"),
            Labels.of("a", "y", "c", "\n"));
  }

  @Test
  void exemplarLabelsDoNotStandForTheNextSeries() throws Exception {
    List<Sample> samples =
        family(
                "# TYPE c counter\n"
                    + "c_total{a=\"1\"} 1 # {a=\"2\"} 1\n"
                    + "c_total{a=\"2\"} 1 # {b=\"3\",a=\"2\"} 1\n"
                    + "c_total{b=\"3\"} 1\n")
            .samples();
    assertThat(samples)
        .extracting(Sample::labels)
        .containsExactly(Labels.of("a", "1"), Labels.of("a", "2"), Labels.of("b", "3"));
    assertThat(samples.get(1).exemplar()).isEqualTo(Exemplar.of(Labels.of("a", "2", "b", "3"), 1));
  }

  @Test
  void rejectsBadLabelsAfterARepeatedNameOrValueAsBefore() {
    assertError("a{x=\"1\"} 1\na{x=\"1\",x=\"2\"} 1\n# EOF\n", 2, 1, "duplicate label name: x");
    assertError("a{x=\"1\"} 1\na{x=\"1} 1\n# EOF\n", 2, 5, "unterminated label value");
    assertError("a{x=\"1\"} 1\na{x=\"1\"", 2, 8, "expected ',' or '}'");
    assertError("a{x=\"1\"} 1\na{x-y=\"1\"} 1\n# EOF\n", 2, 4, "expected '='");
    assertError("a{x=\"1\"} 1\na{x=\"1\"x} 1\n# EOF\n", 2, 8, "expected ',' or '}'");
    assertError("a{x=\"1\",__name__=\"b\"} 1\n# EOF\n", 1, 9, "label __name__ is not allowed");
  }

  @Test
  void aParserReusedForAnotherBodyReadsThatBodysNamesAndValues() throws Exception {
    ExpositionParser reused = ExpositionParser.of(ExpositionFormat.OPENMETRICS_TEXT);
    reused.parse("ab{x=\"1\"} 1\n# EOF\n".getBytes(StandardCharsets.UTF_8));

    List<MetricFamily> second =
        reused.parse("cd{y=\"2\"} 1\n# EOF\n".getBytes(StandardCharsets.UTF_8));

    assertThat(second.get(0).samples()).containsExactly(Sample.of("cd", Labels.of("y", "2"), 1));
  }

  @Test
  void readsHistogramsWithMoreBoundsThanTheBoundTableHolds() throws Exception {
    StringBuilder text = new StringBuilder("# TYPE h histogram\n");
    for (int i = 1; i <= 600; i++) {
      text.append("h_bucket{le=\"").append(i / 1000.0).append("\"} ").append(i).append('\n');
    }
    text.append("h_bucket{le=\"+Inf\"} 600\nh_count 600\nh_sum 1\n");
    assertThat(family(text.toString()).samples()).hasSize(603);
    text.insert(text.indexOf("h_bucket{le=\"0.3\"}"), "h_bucket{le=\"0.25\"} 299\n");
    assertRejected(text.toString(), 301, "le order");
  }

  @Test
  void keepsUnknownEscapesAndDecodesKnownOnes() throws Exception {
    Sample s = family("a{a=\"\\\\\\\"\\n\\f\"} 1\n").samples().get(0);
    assertThat(s.labels().get("a")).isEqualTo("\\\"\n\\f");
    assertThat(family("# HELP a \\\\\\n\\\"\\x\n").help()).isEqualTo("\\\n\"\\x");
  }

  @Test
  void familiesWithMetadataOnlyAreKept() throws Exception {
    assertThat(parse("# HELP a \n# UNIT a \n# EOF\n"))
        .containsExactly(MetricFamily.of("a", MetricType.UNKNOWN, "", "", List.of()));
  }

  @Test
  void countsWithoutKeepingSamples() throws Exception {
    ExpositionStats stats =
        ExpositionStats.check(
            ExpositionFormat.OPENMETRICS_TEXT,
            "# TYPE a counter\na_total 1\na_created 2\nb 1\n# EOF\n"
                .getBytes(StandardCharsets.UTF_8));
    assertThat(stats).isEqualTo(new ExpositionStats(2, 3));
  }
}
