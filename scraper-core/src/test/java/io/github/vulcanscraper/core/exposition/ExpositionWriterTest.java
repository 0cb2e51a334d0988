package io.github.vulcanscraper.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vulcanscraper.api.Exemplar;
import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.MetricType;
import io.github.vulcanscraper.api.Sample;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class ExpositionWriterTest {
  private static final ExpositionWriter TEXT =
      ExpositionWriter.of(ExpositionFormat.PROMETHEUS_TEXT);
  private static final ExpositionWriter OM = ExpositionWriter.of(ExpositionFormat.OPENMETRICS_TEXT);

  private static List<MetricFamily> roundTrip(ExpositionWriter writer, List<MetricFamily> families)
      throws ExpositionException {
    byte[] body = writer.toByteArray(families);
    return ExpositionParser.of(writer.format()).parse(body);
  }

  @Test
  void formatsFloatsAsGoDoes() {
    Object[][] cases = {
      {0.0, "0"},
      {-0.0, "-0"},
      {1.0, "1"},
      {-1027.0, "-1027"},
      {999999.0, "999999"},
      {1e6, "1e+06"},
      {1234567.0, "1.234567e+06"},
      {0.0001, "0.0001"},
      {0.00001, "1e-05"},
      {1.5, "1.5"},
      {1.458255915e9, "1.458255915e+09"},
      {1.7560473e7, "1.7560473e+07"},
      {0.1, "0.1"},
      {100000.5, "100000.5"},
      {1e21, "1e+21"},
      {123456.789, "123456.789"},
      {Double.MIN_VALUE, "4.9e-324"},
      {Double.MAX_VALUE, "1.7976931348623157e+308"},
      {Double.NaN, "NaN"},
      {Double.POSITIVE_INFINITY, "+Inf"},
      {Double.NEGATIVE_INFINITY, "-Inf"},
      {0.013300656000000001, "0.013300656000000001"},
      {2.5e-7, "2.5e-07"}
    };
    for (Object[] c : cases) {
      assertThat(GoFloat.toString((Double) c[0])).as("%s", c[0]).isEqualTo(c[1]);
    }
  }

  @Test
  void formattedFloatsReadBackToTheSameBits() throws Exception {
    Random random = new Random(42);
    ExpositionParser parser = ExpositionParser.of(ExpositionFormat.PROMETHEUS_TEXT);
    for (int i = 0; i < 20_000; i++) {
      double v =
          i % 2 == 0 ? Double.longBitsToDouble(random.nextLong()) : random.nextInt(1 << 20) / 64.0;
      if (Double.isNaN(v)) {
        continue;
      }
      String text = GoFloat.toString(v);
      assertThat(Double.doubleToLongBits(Double.parseDouble(text)))
          .as(text)
          .isEqualTo(Double.doubleToLongBits(v));
      double parsed =
          parser
              .parse(("a " + text).getBytes(StandardCharsets.US_ASCII))
              .get(0)
              .samples()
              .get(0)
              .value();
      assertThat(Double.doubleToLongBits(parsed)).as(text).isEqualTo(Double.doubleToLongBits(v));
    }
  }

  @Test
  void writesTheDefaultTimestampForSamplesWithoutOne() {
    List<MetricFamily> families =
        List.of(
            MetricFamily.of(
                "m",
                MetricType.GAUGE,
                List.of(
                    Sample.of("m", Labels.of("a", "1"), 1),
                    Sample.of("m", Labels.of("a", "2"), 2, 1_000))));
    assertThat(new String(TEXT.toByteArray(families, 1_700_000_000_123L), StandardCharsets.UTF_8))
        .isEqualTo("# TYPE m gauge\nm{a=\"1\"} 1 1700000000123\nm{a=\"2\"} 2 1000\n");
    assertThat(new String(OM.toByteArray(families, 1_700_000_000_123L), StandardCharsets.UTF_8))
        .isEqualTo("# TYPE m gauge\nm{a=\"1\"} 1 1700000000.123\nm{a=\"2\"} 2 1\n# EOF\n");
    assertThat(TEXT.toByteArray(families, Sample.NO_TIMESTAMP))
        .isEqualTo(TEXT.toByteArray(families));
  }

  @Test
  void writesTheSameLabelSetTheSameWayEveryTime() {
    Labels labels = Labels.of("path", "C:\\dir", "quote", "say \"hi\"", "nl", "a\nb");
    List<MetricFamily> families =
        List.of(MetricFamily.of("m", MetricType.GAUGE, List.of(Sample.of("m", labels, 1))));
    String first = new String(TEXT.toByteArray(families), StandardCharsets.UTF_8);
    String second = new String(TEXT.toByteArray(families), StandardCharsets.UTF_8);
    assertThat(first)
        .isEqualTo(second)
        .isEqualTo(
            "# TYPE m gauge\nm{nl=\"a\\nb\",path=\"C:\\\\dir\",quote=\"say \\\"hi\\\"\"} 1\n");
  }

  @Test
  void writesTheTextFormat() {
    List<MetricFamily> families =
        List.of(
            MetricFamily.of(
                "requests_total",
                MetricType.COUNTER,
                "Requests \\ served\nso far.",
                "",
                List.of(
                    Sample.of(
                        "requests_total",
                        Labels.of("path", "C:\\x", "q", "say \"hi\"\n"),
                        1027,
                        1395066363000L))),
            MetricFamily.of("up", MetricType.UNKNOWN, List.of(Sample.of("up", Labels.EMPTY, 1))));
    assertThat(new String(TEXT.toByteArray(families), StandardCharsets.UTF_8))
        .isEqualTo(
            "# HELP requests_total Requests \\\\ served\\nso far.\n"
                + "# TYPE requests_total counter\n"
                + "requests_total{path=\"C:\\\\x\",q=\"say \\\"hi\\\"\\n\"} 1027 1395066363000\n"
                + "# TYPE up untyped\n"
                + "up 1\n");
  }

  @Test
  void writesOpenMetricsWithUnitsExemplarsTimestampsAndEof() throws Exception {
    List<MetricFamily> families =
        List.of(
            MetricFamily.of(
                "rpc_seconds",
                MetricType.COUNTER,
                "Time \"in\" RPCs.",
                "seconds",
                List.of(
                    Sample.of(
                        "rpc_seconds_total",
                        Labels.EMPTY,
                        2.5,
                        1700000000123L,
                        Exemplar.of(Labels.of("trace_id", "abc"), 0.5, -1500)))));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    OM.write(families, out);
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            "# TYPE rpc_seconds counter\n"
                + "# UNIT rpc_seconds seconds\n"
                + "# HELP rpc_seconds Time \\\"in\\\" RPCs.\n"
                + "rpc_seconds_total 2.5 1700000000.123 # {trace_id=\"abc\"} 0.5 -1.5\n"
                + "# EOF\n");
    assertThat(roundTrip(OM, families)).isEqualTo(families);
  }

  @Test
  void writesMillisecondsAsExactSeconds() {
    long[] millis = {0, 1, 10, 100, 120, 1500, -1, -1100, Long.MAX_VALUE, Long.MIN_VALUE + 1};
    String[] texts = {
      "0",
      "0.001",
      "0.01",
      "0.1",
      "0.12",
      "1.5",
      "-0.001",
      "-1.1",
      "9223372036854775.807",
      "-9223372036854775.807"
    };
    for (int i = 0; i < millis.length; i++) {
      ByteSink sink = new ByteSink(24);
      ExpositionWriter.seconds(millis[i], sink);
      assertThat(sink.toString()).isEqualTo(texts[i]);
    }
  }

  @Test
  void textRoundTripsWhatTheTextFormatHolds() throws Exception {
    String body =
        "# HELP c A counter.\n# TYPE c counter\nc{a=\"x\\\\y\\n\\\"z\\\"\"} 1 -5\nc{a=\"\u2603\"} 2\n"
            + "# TYPE h histogram\nh_bucket{le=\"0.1\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 0.3\n"
            + "h_count 2\n"
            + "# HELP s A summary\n# TYPE s summary\ns{quantile=\"0.9\"} NaN\ns_sum -Inf\n"
            + "s_count 1e+21\n# TYPE g gauge\ng 1.5e-07 1700000000000\nbare 0\n"
            + "# HELP empty Nothing yet.\n# TYPE empty gauge\n";
    List<MetricFamily> families =
        ExpositionParser.of(ExpositionFormat.PROMETHEUS_TEXT)
            .parse(body.getBytes(StandardCharsets.UTF_8));
    assertThat(families).hasSize(6);
    assertThat(roundTrip(TEXT, families)).isEqualTo(families);
  }

  @Test
  void openMetricsRoundTripsEveryType() throws Exception {
    String body =
        "# TYPE c counter\n# HELP c  Blank \\\\ first.\nc_total{a=\"b\"} 1 # {t=\"1\"} 1 1.5\n"
            + "c_created{a=\"b\"} 1.7e+09\n"
            + "# TYPE h_bytes histogram\n# UNIT h_bytes bytes\n"
            + "h_bytes_bucket{le=\"1\"} 0 # {} 1\nh_bytes_bucket{le=\"+Inf\"} 1\nh_bytes_count 1\n"
            + "h_bytes_sum 2\n"
            + "# TYPE gh gaugehistogram\ngh_bucket{le=\"+Inf\"} 1 10\ngh_gcount 1 10\ngh_gsum 1 10\n"
            + "# TYPE s summary\ns{quantile=\"0.5\"} 1\ns_count 3\ns_sum 4\n"
            + "# TYPE i info\ni_info{v=\"1\"} 1\n"
            + "# TYPE st stateset\nst{st=\"a\"} 0\nst{st=\"b\"} 1\n"
            + "# TYPE u unknown\nu 1\ng2 -0.5 -0.25\n# EOF\n";
    List<MetricFamily> families =
        ExpositionParser.of(ExpositionFormat.OPENMETRICS_TEXT)
            .parse(body.getBytes(StandardCharsets.UTF_8));
    assertThat(families).hasSize(8);
    assertThat(roundTrip(OM, families)).isEqualTo(families);
  }

  @Test
  void writesOpenMetricsShapesInTheTextFormatAsClientsDo() throws Exception {
    List<MetricFamily> families =
        List.of(
            MetricFamily.of(
                "c",
                MetricType.COUNTER,
                "Help.",
                "",
                List.of(
                    Sample.of("c_total", Labels.of("a", "1"), 1),
                    Sample.of("c_created", Labels.of("a", "1"), 2))),
            MetricFamily.of("i", MetricType.INFO, List.of(Sample.of("i_info", Labels.EMPTY, 1))));
    String text = new String(TEXT.toByteArray(families), StandardCharsets.UTF_8);
    assertThat(text)
        .isEqualTo(
            "# HELP c_total Help.\n# TYPE c_total counter\nc_total{a=\"1\"} 1\n"
                + "# HELP c_created Help.\n# TYPE c_created gauge\nc_created{a=\"1\"} 2\n"
                + "# TYPE i_info gauge\ni_info 1\n");
    List<Sample> samples = new ArrayList<>();
    roundTrip(TEXT, families).forEach(f -> samples.addAll(f.samples()));
    assertThat(samples)
        .containsExactly(
            Sample.of("c_total", Labels.of("a", "1"), 1),
            Sample.of("c_created", Labels.of("a", "1"), 2),
            Sample.of("i_info", Labels.EMPTY, 1));
  }

  @Test
  void writesNonAsciiLabelValuesAndHelpAsUtf8() throws Exception {
    String help = "Gr\u00f6\u00dfe \u65e5\u672c \uD83D\uDE00 \\ \"q\"\nend";
    Labels labels = Labels.of("a", "\u00e9", "b", "\u65e5\u672c", "c", "\uD83D\uDE00\"\n");
    List<MetricFamily> families =
        List.of(
            MetricFamily.of(
                "m", MetricType.GAUGE, help, "", List.of(Sample.of("m", labels, 1048575))));
    String labelText = "{a=\"\u00e9\",b=\"\u65e5\u672c\",c=\"\uD83D\uDE00\\\"\\n\"}";
    String text =
        "# HELP m Gr\u00f6\u00dfe \u65e5\u672c \uD83D\uDE00 \\\\ \"q\"\\nend\n"
            + "# TYPE m gauge\n"
            + "m"
            + labelText
            + " 1.048575e+06\n";
    String openMetrics =
        "# TYPE m gauge\n"
            + "# HELP m Gr\u00f6\u00dfe \u65e5\u672c \uD83D\uDE00 \\\\ \\\"q\\\"\\nend\n"
            + "m"
            + labelText
            + " 1.048575e+06\n# EOF\n";
    byte[] body = TEXT.toByteArray(families);
    assertThat(body).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    assertThat(OM.toByteArray(families)).isEqualTo(openMetrics.getBytes(StandardCharsets.UTF_8));
    assertThat(body).containsSequence(0xf0, 0x9f, 0x98, 0x80); // U+1F600 as one 4-byte sequence
    assertThat(
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(body)).toString())
        .isEqualTo(text);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    TEXT.write(families, out);
    assertThat(out.toByteArray()).isEqualTo(body);
    StringBuilder appended = new StringBuilder();
    OM.write(families, appended);
    assertThat(appended.toString()).isEqualTo(openMetrics);
    assertThat(roundTrip(TEXT, families)).isEqualTo(families);
    assertThat(roundTrip(OM, families)).isEqualTo(families);
  }

  @Test
  void splitsSamplesThatDoNotBelongToTheTextFamilyInTheOrderTheyFirstAppear() {
    Labels a = Labels.of("a", "1");
    Labels b = Labels.of("a", "2");
    List<MetricFamily> families =
        List.of(
            MetricFamily.of(
                "c",
                MetricType.COUNTER,
                "",
                "",
                List.of(
                    Sample.of("c_created", a, 10),
                    Sample.of("c_total", a, 1),
                    Sample.of("c_other", a, 3),
                    Sample.of("c_created", b, 20),
                    Sample.of("c_total", b, 2))),
            MetricFamily.of(
                "h",
                MetricType.HISTOGRAM,
                "H.",
                "",
                List.of(
                    Sample.of("h_bucket", Labels.of("le", "+Inf"), 1),
                    Sample.of("h_created", Labels.EMPTY, 5),
                    Sample.of("h_count", Labels.EMPTY, 1),
                    Sample.of("h_sum", Labels.EMPTY, 0.5),
                    Sample.of("h_gcount", Labels.EMPTY, 1))),
            MetricFamily.of(
                "u",
                MetricType.UNKNOWN,
                List.of(Sample.of("u", Labels.EMPTY, 1), Sample.of("u_x", Labels.EMPTY, 2))),
            MetricFamily.of("n", MetricType.COUNTER, List.of(Sample.of("n", Labels.EMPTY, 7))));
    assertThat(new String(TEXT.toByteArray(families, 99), StandardCharsets.UTF_8))
        .isEqualTo(
            "# TYPE c_total counter\nc_total{a=\"1\"} 1 99\nc_total{a=\"2\"} 2 99\n"
                + "# TYPE c_created gauge\nc_created{a=\"1\"} 10 99\nc_created{a=\"2\"} 20 99\n"
                + "# TYPE c_other gauge\nc_other{a=\"1\"} 3 99\n"
                + "# HELP h H.\n# TYPE h histogram\nh_bucket{le=\"+Inf\"} 1 99\nh_count 1 99\n"
                + "h_sum 0.5 99\n"
                + "# HELP h_created H.\n# TYPE h_created gauge\nh_created 5 99\n"
                + "# HELP h_gcount H.\n# TYPE h_gcount gauge\nh_gcount 1 99\n"
                + "# TYPE u untyped\nu 1 99\n# TYPE u_x untyped\nu_x 2 99\n"
                + "# TYPE n counter\nn 7 99\n");
  }

  @Test
  void randomFamiliesRoundTripInBothFormats() throws Exception {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      List<MetricFamily> families = new ArrayList<>();
      int n = 1 + random.nextInt(4);
      for (int f = 0; f < n; f++) {
        String name = "m" + round + "_" + f;
        List<Sample> samples = new ArrayList<>();
        boolean timestamps = random.nextBoolean();
        long ts = random.nextInt(1 << 30) * 1000L + random.nextInt(1000);
        for (int s = 0; s < 1 + random.nextInt(5); s++) {
          Labels labels = Labels.of("id", Integer.toString(s), "v", randomValue(random));
          double value = random.nextInt(3) == 0 ? random.nextGaussian() * 1e6 : random.nextInt(100);
          samples.add(
              timestamps ? Sample.of(name, labels, value, ts + s) : Sample.of(name, labels, value));
        }
        MetricType type = random.nextBoolean() ? MetricType.GAUGE : MetricType.UNKNOWN;
        families.add(MetricFamily.of(name, type, randomValue(random), "", samples));
      }
      assertThat(roundTrip(OM, families)).isEqualTo(families);
      List<MetricFamily> text = roundTrip(TEXT, families);
      for (int i = 0; i < families.size(); i++) {
        if (!families.get(i).help().isBlank()) {
          assertThat(text.get(i)).isEqualTo(families.get(i));
        } else {
          assertThat(text.get(i).samples()).isEqualTo(families.get(i).samples());
        }
      }
    }
  }

  private static String randomValue(Random random) {
    String alphabet = "ab \\\"\n\t{}=,#\u00e9\u2603\uD83D\uDE00";
    StringBuilder sb = new StringBuilder();
    int len = random.nextInt(8);
    for (int i = 0; i < len; i++) {
      int at = random.nextInt(alphabet.length() - 1);
      if (Character.isHighSurrogate(alphabet.charAt(at))) {
        sb.append(alphabet, at, at + 2);
      } else if (!Character.isLowSurrogate(alphabet.charAt(at))) {
        sb.append(alphabet.charAt(at));
      }
    }
    return sb.toString();
  }
}
