package io.github.vulcanscraper.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.MetricType;
import io.github.vulcanscraper.api.Sample;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

final class PrometheusTextParserTest {
  private final ExpositionParser parser = ExpositionParser.of(ExpositionFormat.PROMETHEUS_TEXT);

  private List<MetricFamily> parse(String text) throws ExpositionException {
    return parser.parse(text.getBytes(StandardCharsets.UTF_8));
  }

  private Sample only(String text) throws ExpositionException {
    List<MetricFamily> families = parse(text);
    assertThat(families).hasSize(1);
    assertThat(families.get(0).samples()).hasSize(1);
    return families.get(0).samples().get(0);
  }

  private ExpositionException error(String text) {
    ExpositionException e = catchThrowableOfType(() -> parse(text), ExpositionException.class);
    assertThat(e).as("error for %s", text).isNotNull();
    return e;
  }

  private void assertError(String text, int line, int column, String detail) {
    ExpositionException e = error(text);
    assertThat(e.line()).as("line of %s", e.getMessage()).isEqualTo(line);
    assertThat(e.column()).as("column of %s", e.getMessage()).isEqualTo(column);
    assertThat(e.detail()).contains(detail);
  }

  @Test
  void readsCounterWithHelpLabelsAndTimestamp() throws Exception {
    List<MetricFamily> families =
        parse(
            "# HELP http_requests_total The total.\n"
                + "# TYPE http_requests_total counter\n"
                + "http_requests_total{method=\"post\",code=\"200\"} 1027 1395066363000\n");
    assertThat(families)
        .containsExactly(
            MetricFamily.of(
                "http_requests_total",
                MetricType.COUNTER,
                "The total.",
                "",
                List.of(
                    Sample.of(
                        "http_requests_total",
                        Labels.of("code", "200", "method", "post"),
                        1027,
                        1395066363000L))));
  }

  @Test
  void readsEveryTextType() throws Exception {
    List<MetricFamily> families =
        parse(
            "# TYPE g gauge\ng -1.5\n"
                + "# TYPE h histogram\n"
                + "h_bucket{le=\"1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 3\nh_count 2\n"
                + "# TYPE s summary\n"
                + "s{quantile=\"0.5\"} 4\ns_sum 5\ns_count 6\n"
                + "# TYPE u untyped\nu 7\n"
                + "bare 8\n");
    assertThat(families)
        .extracting(MetricFamily::name, MetricFamily::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("g", MetricType.GAUGE),
            org.assertj.core.groups.Tuple.tuple("h", MetricType.HISTOGRAM),
            org.assertj.core.groups.Tuple.tuple("s", MetricType.SUMMARY),
            org.assertj.core.groups.Tuple.tuple("u", MetricType.UNKNOWN),
            org.assertj.core.groups.Tuple.tuple("bare", MetricType.UNKNOWN));
    assertThat(families.get(1).samples())
        .extracting(Sample::name)
        .containsExactly("h_bucket", "h_bucket", "h_sum", "h_count");
    assertThat(families.get(2).samples())
        .extracting(Sample::name)
        .containsExactly("s", "s_sum", "s_count");
  }

  @Test
  void untypedSamplesEachMakeAFamilyOfTheirName() throws Exception {
    assertThat(parse("x_bucket{le=\"1\"} 1\nx_sum 1\nx_sum{a=\"b\"} 2\n"))
        .extracting(MetricFamily::name)
        .containsExactly("x_bucket", "x_sum");
  }

  @Test
  void familiesDeclaredWithoutSamplesAreKept() throws Exception {
    assertThat(parse("# HELP a Some help.\n# TYPE a counter\n"))
        .containsExactly(MetricFamily.of("a", MetricType.COUNTER, "Some help.", "", List.of()));
  }

  @Test
  void acceptsWhatThePrometheusServerAccepts() throws Exception {
    assertThat(only("a 1").value()).isEqualTo(1); // no trailing newline
    assertThat(only("\n\n  \t a\t1 \n\n").value()).isEqualTo(1);
    assertThat(only("a {b=\"c\"} 1\n").labels()).isEqualTo(Labels.of("b", "c"));
    assertThat(only("a{b=\"c\" d=\"e\",} 1\n").labels()).isEqualTo(Labels.of("b", "c", "d", "e"));
    assertThat(only("a{ b = \"c\" , } 1\n").labels()).isEqualTo(Labels.of("b", "c"));
    assertThat(only("a{b=\"c\"}1\n").value()).isEqualTo(1);
    assertThat(only("a-1\n").value()).isEqualTo(-1);
    assertThat(only("#no space comment\n# any comment\n# EOF\na 1\n# EOF\n").name()).isEqualTo("a");
    assertThat(only("{\"quoted\"} 1\n").name()).isEqualTo("quoted");
    assertThat(only("a{\"b\"=\"c\"} 1\n").labels()).isEqualTo(Labels.of("b", "c"));
    assertThat(parse("# HELP \n# TYPE\n# HELP a\n")).hasSize(1);
  }

  @Test
  void nulAtTheStartOfALineEndsTheBody() throws Exception {
    assertThat(parse("a 1\n\u0000 garbage {{{\n")).hasSize(1);
    assertThat(only("a{b=\"\u0000x\"} 1").labels().get("b")).isEqualTo("\u0000x");
  }

  @Test
  void labelValuesMayHoldRawNewlines() throws Exception {
    assertThat(only("a{b=\"x\ny\"} 1\n").labels().get("b")).isEqualTo("x\ny");
    assertError("a{b=\"x\ny\"} 1\nb c\n", 3, 3, "invalid value");
  }

  @Test
  void countsTheLinesOfARawNewlineInAValueReadAgain() {
    // The previous set's values are tried first; one with a raw newline must still move the line.
    assertError("a{b=\"x\ny\"} 1\na{b=\"x\ny\"} 2\nb c\n", 5, 3, "invalid value");
  }

  @Test
  void readsLabelsThatRepeatOrResembleThoseOfThePreviousSeries() throws Exception {
    List<MetricFamily> families =
        parse(
            "a{ab=\"x\",c=\"\\\\\"} 1\n"
                + "a{ab=\"xy\",c=\"\\\\\\\"\"} 1\n"
                + "a { abc = \"x\" , c=\"\\\\\"} 1\n"
                + "a{\"a\"=\"x\"} 1\n"
                + "{\"q\",a=\"x\"} 1\n"
                + "b{ab=\"x\"c=\"y\",} 1\n");
    assertThat(families.get(0).samples())
        .extracting(Sample::labels)
        .containsExactly(
            Labels.of("ab", "x", "c", "\\"),
            Labels.of("ab", "xy", "c", "\\\""),
            Labels.of("abc", "x", "c", "\\"),
            Labels.of("a", "x"));
    assertThat(families.get(1).samples()).containsExactly(Sample.of("q", Labels.of("a", "x"), 1));
    assertThat(families.get(2).samples().get(0).labels()).isEqualTo(Labels.of("ab", "x", "c", "y"));
  }

  @Test
  void readsMetricNamesThatRepeatOrResembleRecentOnes() throws Exception {
    // The last few names of the body are tried first.
    List<MetricFamily> families =
        parse("ab 1\nabc 1\nab_c 1\nab 2\na 1\nabcd 1\nabc 2\nab_c{x=\"1\"} 2\nab_cd 1\n");
    assertThat(families)
        .extracting(MetricFamily::name)
        .containsExactly("ab", "abc", "ab_c", "a", "abcd", "ab_cd");
    assertThat(families.get(0).samples()).extracting(Sample::value).containsExactly(1.0, 2.0);
    assertThat(families.get(2).samples())
        .extracting(Sample::labels)
        .containsExactly(Labels.EMPTY, Labels.of("x", "1"));
    assertError("ab 1\nab", 2, 3, "expected value");
  }

  @Test
  void aParserReusedForAnotherBodyReadsThatBodysNamesAndValues() throws Exception {
    parse("ab{x=\"1\"} 1\n");

    assertThat(only("cd{y=\"2\"} 1\n")).isEqualTo(Sample.of("cd", Labels.of("y", "2"), 1));
  }

  @Test
  void decodesEscapes() throws Exception {
    Sample s = only("a{p=\"C:\\\\DIR\\\\\",e=\"x:\\n\\\"y\\\"\",t=\"\\t\\z\"} 1\n");
    assertThat(s.labels().get("p")).isEqualTo("C:\\DIR\\");
    assertThat(s.labels().get("e")).isEqualTo("x:\n\"y\"");
    assertThat(s.labels().get("t")).isEqualTo("\\t\\z");
    assertThat(parse("# HELP a x\\\\y\\nz \\\"q\\\"\n").get(0).help())
        .isEqualTo("x\\y\nz \\\"q\\\"");
  }

  @Test
  void helpTextDropsOnlyTheFirstSeparator() throws Exception {
    assertThat(parse("# HELP a  two spaces\n").get(0).help()).isEqualTo(" two spaces");
    assertThat(parse("# HELP a \t \n").get(0).help()).isEmpty();
    assertThat(parse("# HELP a\n").get(0).help()).isEmpty();
  }

  @Test
  void readsUtf8LabelValuesAndHelp() throws Exception {
    assertThat(only("a{b=\"h\u00e9 \u2603 \uD83D\uDE00\"} 1").labels().get("b"))
        .isEqualTo("h\u00e9 \u2603 \uD83D\uDE00");
    assertThat(parse("# HELP a \u2603\n").get(0).help()).isEqualTo("\u2603");
  }

  @Test
  void readsTheFloatsGoReads() throws Exception {
    String[] texts = {
      "NaN",
      "nan",
      "Inf",
      "+Inf",
      "-Inf",
      "+inf",
      "-infinity",
      "1e3",
      "1E+3",
      ".5",
      "5.",
      "-0",
      "0001.5e-1",
      "12345678901234567890",
      "4.9e-324",
      "1e-400"
    };
    double[] values = {
      Double.NaN,
      Double.NaN,
      Double.POSITIVE_INFINITY,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      Double.POSITIVE_INFINITY,
      Double.NEGATIVE_INFINITY,
      1000,
      1000,
      0.5,
      5,
      -0.0,
      0.15,
      12345678901234567890.0,
      4.9e-324,
      0
    };
    for (int i = 0; i < texts.length; i++) {
      assertThat(Double.valueOf(only("a " + texts[i]).value()))
          .as(texts[i])
          .isEqualTo(Double.valueOf(values[i]));
    }
    for (String bad : new String[] {"1_2", "0x1p-3", "0x1", "+nan", "1e", ".", "1.2.3", "true"}) {
      assertError("a " + bad + "\n", 1, 3, "invalid value");
    }
    assertError("a 1e400", 1, 3, "out of range");
  }

  @Test
  void readsTimestampsInMilliseconds() throws Exception {
    assertThat(only("a 1 1700000000123\n").timestampMillis()).isEqualTo(1700000000123L);
    assertThat(only("a 1 -3982045\n").timestampMillis()).isEqualTo(-3982045L);
    assertThat(only("a 1\n").hasTimestamp()).isFalse();
    assertError("a 1 99999999999999999999\n", 1, 5, "timestamp out of range");
    assertError("a 1 1.5\n", 1, 6, "expected end of line after timestamp");
    assertError("a 1 2 3\n", 1, 7, "expected end of line after timestamp");
  }

  @Test
  void reportsEachErrorWithLineAndColumn() {
    assertError("a 1\n# TYPE a gaugee\n", 2, 10, "invalid metric type \"gaugee\"");
    assertError("# TYPE #\n", 1, 8, "expected metric name after TYPE");
    assertError("a\n", 1, 2, "expected value after metric");
    assertError("a{b='c'} 1\n", 1, 5, "expected label value");
    assertError("a{b} 1\n", 1, 4, "expected '=' after label name");
    assertError("a{b=\"c} 1\n", 1, 5, "unterminated label value");
    assertError("a{\u00ff=\"c\"} 1\n", 1, 3, "expected label name");
    assertError("{a=\"ok\"} 1\n", 1, 10, "metric name not set");
    assertError("a{b=\"1\",b=\"2\"} 1\n", 1, 2, "duplicate label name: b");
    assertError("a{__name__=\"b\"} 1\n", 1, 3, "__name__");
    assertError("a 1 z\n", 1, 5, "expected timestamp or end of line");
    assertError("a 1\r\n", 1, 3, "invalid value");
    assertError("0a 1\n", 1, 1, "expected a metric name");
    assertError("{\"a.b\"} 1\n", 1, 3, "unsupported metric name");
  }

  @Test
  void rejectsInvalidUtf8InLabelValues() {
    byte[] body = {'a', '{', 'b', '=', '"', (byte) 0xff, '"', '}', ' ', '1', '\n'};
    ExpositionException e =
        catchThrowableOfType(() -> parser.parse(body), ExpositionException.class);
    assertThat(e.detail()).contains("not valid UTF-8");
    assertThat(e.column()).isEqualTo(6);
    byte[] surrogate = "a{b=\"\"} 1\n".getBytes(StandardCharsets.UTF_8);
    byte[] withSurrogate = new byte[surrogate.length + 3];
    System.arraycopy(surrogate, 0, withSurrogate, 0, 5);
    withSurrogate[5] = (byte) 0xed;
    withSurrogate[6] = (byte) 0xa0;
    withSurrogate[7] = (byte) 0x80;
    System.arraycopy(surrogate, 5, withSurrogate, 8, surrogate.length - 5);
    assertThat(catchThrowableOfType(() -> parser.parse(withSurrogate), ExpositionException.class))
        .isNotNull();
  }

  @Test
  void repeatedMetadataAndInterleavedFamiliesAreAccepted() throws Exception {
    List<MetricFamily> families =
        parse("# TYPE a gauge\n# TYPE a counter\na 1\nb 2\na 3\n# HELP a late\n");
    assertThat(families).extracting(MetricFamily::name).containsExactly("a", "b");
    assertThat(families.get(0).type()).isEqualTo(MetricType.COUNTER);
    assertThat(families.get(0).help()).isEqualTo("late");
    assertThat(families.get(0).samples()).extracting(Sample::value).containsExactly(1.0, 3.0);
  }

  @Test
  void internsNamesAndValuesAcrossBodies() throws Exception {
    Sample first = only("metric_name{label=\"value\"} 1\n");
    Sample second = only("metric_name{label=\"value\"} 2\n");
    assertThat(second.name()).isSameAs(first.name());
    assertThat(second.labels().name(0)).isSameAs(first.labels().name(0));
    assertThat(second.labels().value(0)).isSameAs(first.labels().value(0));
  }

  @Test
  void parsesASliceOfTheBuffer() throws Exception {
    byte[] body = "xxxa 1\nyyy".getBytes(StandardCharsets.US_ASCII);
    List<MetricFamily> families = parser.parse(body, 3, 4);
    assertThat(families.get(0).samples()).containsExactly(Sample.of("a", Labels.EMPTY, 1));
  }

  @Test
  void countsWithoutKeepingSamples() throws Exception {
    ExpositionStats stats =
        ExpositionStats.check(
            ExpositionFormat.PROMETHEUS_TEXT,
            "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\nx 1\n"
                .getBytes(StandardCharsets.UTF_8));
    assertThat(stats.families()).isEqualTo(2);
    assertThat(stats.samples()).isEqualTo(4);
  }
}
