package io.github.vulcanscraper.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.MetricType;
import io.github.vulcanscraper.api.Sample;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.Size;

/**
 * Properties of both exposition parsers: any input ends in families or an {@link
 * ExpositionException} within a bound, and what the writer writes reads back the same. Tries are
 * bounded so the whole class runs in seconds.
 */
final class ExpositionPropertiesTest {
  private static final Duration BOUND = Duration.ofSeconds(5);
  private static final String ALPHABET = "{}\"=,# \n\\.0123456789eE+-_aInNf:\tTYPEHLPEOF";

  private static void parsesOrRejects(ExpositionFormat format, byte[] body) {
    Throwable t =
        catchThrowable(
            () ->
                assertTimeoutPreemptively(
                    BOUND, () -> ExpositionParser.of(format).parse(body), "parse hangs"));
    if (t != null) {
      assertThat(t)
          .as("%s on %s", format, new String(body, StandardCharsets.ISO_8859_1))
          .isInstanceOf(ExpositionException.class);
    }
  }

  @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
  void arbitraryBytesParseOrFailWithExpositionException(
      @ForAll @Size(max = 400) byte[] body, @ForAll ExpositionFormat format) {
    parsesOrRejects(format, body);
  }

  @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
  void exposititionLikeTextParsesOrFailsWithExpositionException(
      @ForAll("expositionLike") String text, @ForAll ExpositionFormat format) {
    parsesOrRejects(format, text.getBytes(StandardCharsets.UTF_8));
  }

  @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
  void mutatedValidBodiesParseOrFailWithExpositionException(
      @ForAll("families") List<MetricFamily> families,
      @ForAll ExpositionFormat format,
      @ForAll("mutations") List<int[]> mutations) {
    byte[] body = ExpositionWriter.of(format).toByteArray(families);
    for (int[] m : mutations) {
      body = mutate(body, m[0], m[1], (byte) m[2]);
    }
    parsesOrRejects(format, body);
  }

  @Property(tries = 300)
  void writtenFamiliesReadBackTheSame(
      @ForAll("families") List<MetricFamily> families, @ForAll ExpositionFormat format)
      throws ExpositionException {
    byte[] body = ExpositionWriter.of(format).toByteArray(families);
    List<MetricFamily> read = ExpositionParser.of(format).parse(body);
    String written = new String(body, StandardCharsets.UTF_8);
    assertThat(read).as(written).hasSize(families.size());
    for (int i = 0; i < read.size(); i++) {
      MetricFamily want = families.get(i);
      MetricFamily got = read.get(i);
      assertThat(got.name()).as(written).isEqualTo(want.name());
      assertThat(got.type()).as(written).isEqualTo(want.type());
      assertThat(got.help()).as(written).isEqualTo(want.help());
      assertThat(got.samples()).as(written).containsExactlyElementsOf(want.samples());
    }
  }

  @Property(tries = 300, shrinking = ShrinkingMode.BOUNDED)
  void aWarmSeriesCacheChangesNothingInTheResultOrTheError(
      @ForAll("families") List<MetricFamily> families,
      @ForAll ExpositionFormat format,
      @ForAll("mutations") List<int[]> mutations)
      throws ExpositionException {
    byte[] first = ExpositionWriter.of(format).toByteArray(families);
    SeriesCache cache = new SeriesCache();
    ExpositionParser cached = ExpositionParser.of(format);
    cached.parse(first, 0, first.length, cache);
    byte[] next = first;
    for (int[] m : mutations) {
      next = mutate(next, m[0], m[1], (byte) m[2]);
    }
    byte[] body = next;
    String text = new String(body, StandardCharsets.ISO_8859_1);
    Throwable plainError = catchThrowable(() -> ExpositionParser.of(format).parse(body));
    Throwable cachedError = catchThrowable(() -> cached.parse(body, 0, body.length, cache));
    if (plainError == null) {
      assertThat(cachedError).as(text).isNull();
      List<MetricFamily> plain = ExpositionParser.of(format).parse(body);
      List<MetricFamily> again = cached.parse(body, 0, body.length, cache);
      assertThat(again).as(text).hasSize(plain.size());
      for (int i = 0; i < plain.size(); i++) {
        assertThat(again.get(i).name()).as(text).isEqualTo(plain.get(i).name());
        assertThat(again.get(i).samples()).as(text).isEqualTo(plain.get(i).samples());
      }
    } else {
      assertThat(cachedError).as(text).hasMessage(plainError.getMessage());
    }
    // And back to the first body, after a success or a failure.
    List<MetricFamily> plainFirst = ExpositionParser.of(format).parse(first);
    List<MetricFamily> cachedFirst = cached.parse(first, 0, first.length, cache);
    for (int i = 0; i < plainFirst.size(); i++) {
      assertThat(cachedFirst.get(i).samples()).isEqualTo(plainFirst.get(i).samples());
    }
  }

  /** Insert (0), delete (1) or replace (2) one byte at a position taken modulo the length. */
  private static byte[] mutate(byte[] body, int kind, int position, byte b) {
    int at = body.length == 0 ? 0 : Math.floorMod(position, body.length);
    if (kind == 0 || body.length == 0) {
      byte[] out = new byte[body.length + 1];
      System.arraycopy(body, 0, out, 0, at);
      out[at] = b;
      System.arraycopy(body, at, out, at + 1, body.length - at);
      return out;
    }
    if (kind == 1) {
      byte[] out = new byte[body.length - 1];
      System.arraycopy(body, 0, out, 0, at);
      System.arraycopy(body, at + 1, out, at, body.length - at - 1);
      return out;
    }
    byte[] out = body.clone();
    out[at] = b;
    return out;
  }

  @Provide
  Arbitrary<String> expositionLike() {
    return Arbitraries.strings().withChars(ALPHABET.toCharArray()).ofMaxLength(300);
  }

  @Provide
  Arbitrary<List<int[]>> mutations() {
    Arbitrary<int[]> one =
        Combinators.combine(
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().greaterOrEqual(0),
                Arbitraries.of(ALPHABET.chars().boxed().toArray(Integer[]::new)))
            .as((Integer k, Integer p, Integer b) -> new int[] {k, p, b});
    return one.list().ofMinSize(1).ofMaxSize(4);
  }

  @Provide
  Arbitrary<List<MetricFamily>> families() {
    return family().list().ofMaxSize(4).uniqueElements(MetricFamily::name);
  }

  private static Arbitrary<String> metricName() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withChars('_', ':')
        .ofMinLength(1)
        .ofMaxLength(12)
        .filter(s -> !s.endsWith("_total") && !s.endsWith("_created") && !s.endsWith("_info"))
        .map(s -> "m" + s);
  }

  private static Arbitrary<String> labelName() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withChars('_')
        .ofMinLength(1)
        .ofMaxLength(8)
        .filter(s -> !s.startsWith("__") && !s.equals("le") && !s.equals("quantile"))
        .map(s -> "l" + s);
  }

  private static Arbitrary<String> text() {
    return Arbitraries.strings()
        .withChars("ab \"\\\n\t#{}=,é\u2603".toCharArray())
        .withCharRange('0', '9')
        .ofMaxLength(10);
  }

  private static Arbitrary<Double> value() {
    return Arbitraries.oneOf(
        Arbitraries.doubles(),
        Arbitraries.of(
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            0.0,
            -0.0,
            Double.MIN_VALUE,
            Double.MAX_VALUE,
            1e-300,
            123456789012345678.0));
  }

  private static Arbitrary<MetricFamily> family() {
    Arbitrary<Labels> labels = Arbitraries.maps(labelName(), text()).ofMaxSize(3).map(Labels::of);
    Arbitrary<Long> timestamp =
        Arbitraries.oneOf(
            Arbitraries.just(Sample.NO_TIMESTAMP),
            Arbitraries.longs().between(-1_000_000_000_000L, 4_000_000_000_000L));
    return Combinators.combine(
            metricName(),
            Arbitraries.of(MetricType.GAUGE, MetricType.UNKNOWN),
            // Leading blanks of HELP are skipped on read, as in Prometheus: not part of the
            // property.
            text().filter(h -> !h.startsWith(" ") && !h.startsWith("\t")),
            Combinators.combine(labels, value(), timestamp)
                .as((l, v, t) -> new Object[] {l, v, t})
                .list()
                .ofMaxSize(4))
        .as(
            (name, type, help, rows) -> {
              List<Sample> samples = new ArrayList<>();
              for (int i = 0; i < rows.size(); i++) {
                Object[] row = rows.get(i);
                // A distinct "i" label keeps every series unique within the family.
                Labels l = ((Labels) row[0]).with("i", Integer.toString(i));
                samples.add(Sample.of(name, l, (Double) row[1], (Long) row[2]));
              }
              return MetricFamily.of(name, type, help, "", samples);
            });
  }
}
