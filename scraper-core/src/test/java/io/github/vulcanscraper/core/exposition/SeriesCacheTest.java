package io.github.vulcanscraper.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.Sample;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class SeriesCacheTest {
  private static final String BODY =
      "# TYPE http_requests_total counter\n"
          + "http_requests_total{code=\"200\",method=\"get\"} 10\n"
          + "http_requests_total{method=\"post\", code=\"500\"} 2 1700000000000\n"
          + "temperature 21.5\n"
          + "odd{path=\"C:\\\\dir\",quote=\"a\\\"}b\"} 1\n";

  private static List<MetricFamily> parse(String body, SeriesCache cache)
      throws ExpositionException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return ExpositionParser.of(ExpositionFormat.PROMETHEUS_TEXT).parse(b, 0, b.length, cache);
  }

  private static List<Sample> samples(List<MetricFamily> families) {
    List<Sample> out = new ArrayList<>();
    families.forEach(f -> out.addAll(f.samples()));
    return out;
  }

  @Test
  void aRepeatedBodyReadsTheSameWithTheSameLabelSets() throws ExpositionException {
    SeriesCache cache = new SeriesCache();
    List<Sample> first = samples(parse(BODY, cache));
    List<Sample> second = samples(parse(BODY, cache));
    assertThat(second).isEqualTo(first);
    assertThat(second)
        .isEqualTo(
            samples(
                ExpositionParser.of(ExpositionFormat.PROMETHEUS_TEXT)
                    .parse(BODY.getBytes(StandardCharsets.UTF_8))));
    for (int i = 0; i < first.size(); i++) {
      if (!first.get(i).labels().isEmpty()) {
        assertThat(second.get(i).labels()).isSameAs(first.get(i).labels());
      }
    }
    assertThat(second.get(3).labels().get("quote")).isEqualTo("a\"}b");
  }

  @Test
  void remembersTheLabelledSeriesOfTheLastBodyOnly() throws ExpositionException {
    SeriesCache cache = new SeriesCache();
    parse(BODY, cache);
    assertThat(cache.size()).isEqualTo(3);
    parse("a{x=\"1\"} 1\n", cache);
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void aBodyThatFailsLeavesTheCacheAsItWas() throws ExpositionException {
    SeriesCache cache = new SeriesCache();
    List<Sample> good = samples(parse(BODY, cache));
    assertThatThrownBy(() -> parse("a{x=\"1\"} 1\nb{y=\"2\" 2\n", cache))
        .isInstanceOf(ExpositionException.class)
        .hasMessageContaining("line 2");
    assertThat(cache.size()).isEqualTo(3);
    assertThat(samples(parse(BODY, cache)).get(0).labels()).isSameAs(good.get(0).labels());
  }

  @Test
  void aChangedValueIsReadAndAChangedLabelIsParsed() throws ExpositionException {
    SeriesCache cache = new SeriesCache();
    parse("m{a=\"1\"} 1\n", cache);
    List<Sample> next = samples(parse("m{a=\"1\"} 2\nm{a=\"2\"} 3\n", cache));
    assertThat(next).extracting(Sample::value).containsExactly(2.0, 3.0);
    assertThat(next).extracting(s -> s.labels().get("a")).containsExactly("1", "2");
  }

  @Test
  void anErrorInsideARememberedLineIsStillReportedWhereItIs() throws ExpositionException {
    SeriesCache cache = new SeriesCache();
    parse("m{a=\"1\"} 1\n", cache);
    assertThatThrownBy(() -> parse("m{a=\"1\"} one\n", cache))
        .isInstanceOf(ExpositionException.class)
        .hasMessageContaining("line 1");
  }

  @Test
  void seriesMovedOrInsertedAreStillFoundAndReadRight() throws ExpositionException {
    SeriesCache cache = new SeriesCache();
    String a = "m{k=\"a\"} 1\n";
    String b = "m{k=\"b\"} 2\n";
    String c = "m{k=\"c\"} 3\n";
    String x = "m{k=\"x\"} 4\n";
    List<Sample> first = samples(parse(a + b + c, cache));
    List<Sample> inserted = samples(parse(a + x + b + c, cache));
    assertThat(inserted).extracting(s -> s.labels().get("k")).containsExactly("a", "x", "b", "c");
    assertThat(inserted.get(2).labels()).isSameAs(first.get(1).labels());
    List<Sample> reversed = samples(parse(c + b + x + a, cache));
    assertThat(reversed).extracting(s -> s.labels().get("k")).containsExactly("c", "b", "x", "a");
    assertThat(reversed).extracting(Sample::value).containsExactly(3.0, 2.0, 4.0, 1.0);
    assertThat(reversed.get(3).labels()).isSameAs(first.get(0).labels());
    assertThat(cache.size()).isEqualTo(4);
  }

  @Test
  void aPrefixOfARememberedSeriesIsNotMistakenForIt() throws ExpositionException {
    SeriesCache cache = new SeriesCache();
    parse("m{k=\"a\"} 1\n", cache);
    List<Sample> next = samples(parse("m{k=\"ab\"} 1\nm{k=\"a\",j=\"1\"} 2\n", cache));
    assertThat(next)
        .extracting(s -> s.labels().toString())
        .containsExactly("{k=\"ab\"}", "{j=\"1\",k=\"a\"}");
  }

  private static List<MetricFamily> parseOpenMetrics(String body, SeriesCache cache)
      throws ExpositionException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    return ExpositionParser.of(ExpositionFormat.OPENMETRICS_TEXT).parse(b, 0, b.length, cache);
  }

  private static final String OPENMETRICS =
      "# TYPE req histogram\n"
          + "req_bucket{path=\"/\",le=\"0.5\"} 1\n"
          + "req_bucket{path=\"/\",le=\"+Inf\"} 2\n"
          + "req_count{path=\"/\"} 2\n"
          + "req_sum{path=\"/\"} 0.7\n"
          + "# TYPE g gauge\n"
          + "g{a=\"\",b=\"1\"} 3\n"
          + "# EOF\n";

  @Test
  void openMetricsBodiesAreCachedToo() throws ExpositionException {
    SeriesCache cache = new SeriesCache();
    List<Sample> first = samples(parseOpenMetrics(OPENMETRICS, cache));
    List<Sample> second = samples(parseOpenMetrics(OPENMETRICS, cache));
    assertThat(second).isEqualTo(first);
    assertThat(second.get(0).labels()).isSameAs(first.get(0).labels());
    assertThat(cache.size()).as("the set with an empty value is not cached").isEqualTo(4);
    assertThat(second.get(4).labels().toString()).isEqualTo("{b=\"1\"}");
  }

  @Test
  void aRememberedBucketStillHasItsBoundChecked() throws ExpositionException {
    SeriesCache cache = new SeriesCache();
    parseOpenMetrics(OPENMETRICS, cache);
    String fractional =
        OPENMETRICS.replace(
            "req_bucket{path=\"/\",le=\"0.5\"} 1", "req_bucket{path=\"/\",le=\"0.5\"} 1.5");
    assertThatThrownBy(() -> parseOpenMetrics(fractional, cache))
        .isInstanceOf(ExpositionException.class)
        .hasMessageContaining("bucket value must be an integer");
  }

  @Test
  void anotherFormatStartsTheCacheAfresh() throws ExpositionException {
    SeriesCache cache = new SeriesCache();
    parse("m{a=\"1\",} 1\n", cache);
    assertThat(cache.size()).isEqualTo(1);
    assertThatThrownBy(() -> parseOpenMetrics("m{a=\"1\",} 1\n# EOF\n", cache))
        .isInstanceOf(ExpositionException.class);
  }
}
