package io.github.vulcanscraper.core.exposition;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class ByteSinkTest {
  @Test
  void writesStringsAsStringGetBytesDoes() {
    String[] texts = {
      "",
      "plain ascii",
      "caf\u00e9",
      "\u65e5\u672c",
      "\uD83D\uDE00 emoji",
      "\u007f\u0080\u07ff\u0800",
      "\uffff",
      "lone \uD83D high",
      "lone \uDE00 low",
      "ends high \uD83D",
      "\uDE00\uD83D reversed"
    };
    for (String text : texts) {
      ByteSink sink = new ByteSink(1);
      sink.writeUtf8(text);
      assertThat(sink.toByteArray()).as(text).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void writesRandomStringsAndRangesAsStringGetBytesDoes() {
    SplittableRandom random = new SplittableRandom(8);
    char[] alphabet = {'a', 'Z', '"', '\\', '\n', '\u00e9', '\u2603', '\uD83D', '\uDE00', '\u0800'};
    for (int i = 0; i < 20_000; i++) {
      char[] chars = new char[random.nextInt(12)];
      for (int j = 0; j < chars.length; j++) {
        chars[j] = alphabet[random.nextInt(alphabet.length)];
      }
      String text = new String(chars);
      int from = random.nextInt(text.length() + 1);
      int to = from + random.nextInt(text.length() - from + 1);
      ByteSink sink = new ByteSink(4);
      sink.writeAscii('>');
      sink.writeUtf8(text, from, to);
      assertThat(sink.toByteArray())
          .as(text)
          .isEqualTo((">" + text.substring(from, to)).getBytes(StandardCharsets.UTF_8));
    }
  }

  @Test
  void writesDigitsWithAPointAfterTheIntegerDigits() {
    assertThat(withPoint(12345, 5, 1)).isEqualTo("1.2345");
    assertThat(withPoint(12345, 5, 4)).isEqualTo("1234.5");
    assertThat(withPoint(12345, 5, 5)).isEqualTo("12345");
    assertThat(withPoint(7, 1, 1)).isEqualTo("7");
    assertThat(withPoint(1005, 6, 2)).isEqualTo("00.1005"); // the last digits, zero-padded
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 20_000; i++) {
      long v = random.nextLong(1, Long.MAX_VALUE);
      String digits = Long.toString(v);
      int intDigits = random.nextInt(1, digits.length() + 1);
      String expected =
          intDigits == digits.length()
              ? digits
              : digits.substring(0, intDigits) + "." + digits.substring(intDigits);
      assertThat(withPoint(v, digits.length(), intDigits)).isEqualTo(expected);
    }
  }

  private static String withPoint(long v, int digits, int intDigits) {
    ByteSink sink = new ByteSink(1); // grows: the point must not fall outside the buffer
    sink.writeAscii('>');
    sink.writeDigitsWithPoint(v, digits, intDigits);
    return sink.toString().substring(1);
  }

  @Test
  void writesLongsAsLongToStringDoes() {
    long[] values = {
      0, 9, 10, -1, -10, 999_999, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1
    };
    for (long v : values) {
      assertLongWrittenAsLongToStringDoes(v);
    }
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 10_000; i++) {
      assertLongWrittenAsLongToStringDoes(random.nextLong() >> random.nextInt(64));
    }
  }

  private static void assertLongWrittenAsLongToStringDoes(long v) {
    ByteSink sink = new ByteSink(1);
    sink.writeAscii('>');
    sink.writeLong(v);
    assertThat(sink.toString()).isEqualTo(">" + v);
  }

  @Test
  void countsDigitsAndPadsWithZeros() {
    assertThat(ByteSink.digits(0)).isEqualTo(1);
    assertThat(ByteSink.digits(9)).isEqualTo(1);
    assertThat(ByteSink.digits(10)).isEqualTo(2);
    assertThat(ByteSink.digits(999_999_999_999_999_999L)).isEqualTo(18);
    assertThat(ByteSink.digits(Long.MAX_VALUE)).isEqualTo(19);
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 10_000; i++) {
      long v = random.nextLong(Long.MAX_VALUE) >> random.nextInt(63);
      assertThat(ByteSink.digits(v)).as("%s", v).isEqualTo(Long.toString(v).length());
    }
    ByteSink sink = new ByteSink(1);
    sink.writeDigits(42, 5);
    sink.writeAscii(' ');
    sink.writeDigits(123_456_789_012L, 3);
    sink.writeAscii(' ');
    sink.writeDigits(123_456_789_012L, 1);
    sink.writeAscii(' ');
    sink.writeDigits(9_876_543_210_123L, 16);
    assertThat(sink.toString()).isEqualTo("00042 012 2 0009876543210123");
  }

  @Test
  void growsAndResetsKeepingWhatWasWritten() throws Exception {
    ByteSink sink = new ByteSink(0);
    StringBuilder expected = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      sink.writeUtf8("line " + i + " \u00e9\n");
      expected.append("line ").append(i).append(" \u00e9\n");
    }
    byte[] bytes = expected.toString().getBytes(StandardCharsets.UTF_8);
    assertThat(sink.size()).isEqualTo(bytes.length);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    sink.writeTo(out);
    assertThat(out.toByteArray()).isEqualTo(bytes);
    sink.reset();
    sink.write(new byte[] {'a', 'b', 'c'}, 1, 2);
    assertThat(sink.toByteArray()).isEqualTo(new byte[] {'b', 'c'});
  }
}
