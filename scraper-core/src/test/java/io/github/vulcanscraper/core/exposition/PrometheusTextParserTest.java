package io.github.vulcanscraper.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

  private ExpositionException error(String text) {
    return (ExpositionException)
        org.assertj.core.api.Assertions.catchThrowable(() -> parse(text));
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
  void groupsHistogramSamplesUnderTheirFamily() throws Exception {
    List<MetricFamily> families =
        parse(
            "# TYPE h histogram\n"
                + "h_bucket{le=\"1\"} 1\n"
                + "h_bucket{le=\"+Inf\"} 2\n"
                + "h_sum 3\n"
                + "h_count 2");
    assertThat(families).hasSize(1);
    assertThat(families.get(0).type()).isEqualTo(MetricType.HISTOGRAM);
    assertThat(families.get(0).samples()).extracting(Sample::name)
        .containsExactly("h_bucket", "h_bucket", "h_sum", "h_count");
  }

  @Test
  void rejectsBadValueWithPosition() {
    ExpositionException e = error("a 1\nb true\n");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.column()).isEqualTo(3);
    assertThatThrownBy(() -> parse("a{b=\"c\" 1")).isInstanceOf(ExpositionException.class);
  }
}
