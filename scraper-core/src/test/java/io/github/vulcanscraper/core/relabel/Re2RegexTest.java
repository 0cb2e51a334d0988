package io.github.vulcanscraper.core.relabel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.junit.jupiter.api.Test;

final class Re2RegexTest {
  private static String expand(String regex, String input, String template) {
    Re2Regex re = Re2Regex.compile(regex);
    int[] spans = re.match(input);
    assertThat(spans).as("%s matches %s", regex, input).isNotNull();
    return re.expand(template, input, Objects.requireNonNull(spans));
  }

  @Test
  void isFullyAnchoredAndDotMatchesNewline() {
    assertThat(Re2Regex.compile("f|o").matches("foo")).isFalse();
    assertThat(Re2Regex.compile("foo").matches("foo")).isTrue();
    assertThat(Re2Regex.compile("line1.*line2").matches("line1\nline2")).isTrue();
    assertThat(Re2Regex.compile(".*_total$").matches("http_requests_total")).isTrue();
    assertThat(Re2Regex.compile("foo$").matches("foo\n")).isFalse();
    assertThat(Re2Regex.compile("").matches("")).isTrue();
    assertThat(Re2Regex.compile("").matches("a")).isFalse();
  }

  @Test
  void expandsAsGoRegexpExpand() {
    assertThat(expand("f(.*)", "foo", "ch${1}-ch$1")).isEqualTo("choo-choo");
    assertThat(expand("(a)(b)", "ab", "$2$1$$")).isEqualTo("ba$");
    assertThat(expand("(a)", "a", "$1x")).isEmpty();
    assertThat(expand("(a)", "a", "${1}x")).isEqualTo("ax");
    assertThat(expand("(a)", "a", "$9")).isEmpty();
    assertThat(expand("(a)", "a", "$01")).isEmpty();
    assertThat(expand("(a)", "a", "cost: $")).isEqualTo("cost: $");
    assertThat(expand("(a)", "a", "${1")).isEqualTo("${1");
    assertThat(expand("(a)|(b)", "b", "[$1][$2]")).isEqualTo("[][b]");
  }

  @Test
  void namedGroupsWorkInBothSyntaxesAndMayHoldUnderscores() {
    assertThat(expand("(?P<first_part>\\w+)-(?<rest>.*)", "a-b", "$rest/${first_part}"))
        .isEqualTo("b/a");
  }

  @Test
  void translatesPosixClassesAndRe2Escapes() {
    assertThat(Re2Regex.compile("[[:alpha:]]+[[:digit:]]").matches("abc1")).isTrue();
    assertThat(Re2Regex.compile("[[:^space:]]+").matches("a b")).isFalse();
    assertThat(Re2Regex.compile("a\\sb").matches("a\u000Bb")).isFalse();
    assertThat(Re2Regex.compile("a\\vb").matches("a\u000Bb")).isTrue();
    assertThat(Re2Regex.compile("[a[]+").matches("[a[")).isTrue();
    assertThat(Re2Regex.compile("[a&&b]+").matches("a&")).isTrue();
    assertThat(Re2Regex.compile("a{,2}").matches("a{,2}")).isTrue();
    assertThat(Re2Regex.compile("\\Q.*\\E").matches(".*")).isTrue();
    assertThat(Re2Regex.compile("(?i)abc").matches("ABC")).isTrue();
    assertThat(Re2Regex.compile("a{2,3}").matches("aaa")).isTrue();
    assertThat(Re2Regex.compile("\\p{Greek}+").matches("αβ")).isTrue();
  }

  @Test
  void rejectsWhatRe2Rejects() {
    for (String bad :
        List.of(
            "a(?=b)", "(?!a)", "(?<=a)b", "(?>a)", "(a)\\1", "a*+", "a**", "a{1001}", "(?x)a",
            "\\Z", "\\h", "a(b", "a)b", "[a", "*a", "(?U)a", "\\012")) {
      assertThatThrownBy(() -> Re2Regex.compile(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining(bad.length() > 3 ? bad.substring(0, 2) : bad);
    }
  }

  @Test
  void shortcutShapesMatchAsTheRegexWould() {
    Re2Regex prefix = Re2Regex.compile("go_.*");
    Re2Regex set = Re2Regex.compile("GET|POST|");

    assertThat(prefix.matches("go_goroutines")).isTrue();
    assertThat(prefix.matches("go_\nx")).isTrue();
    assertThat(prefix.matches("xgo_")).isFalse();
    assertThat(prefix.match("go_x")).containsExactly(0, 4);
    assertThat(set.matches("POST")).isTrue();
    assertThat(set.matches("")).isTrue();
    assertThat(set.matches("GET|POST")).isFalse();
    assertThat(expand("go_.*", "go_x", "[$0][$1]")).isEqualTo("[go_x][]");
  }

  @Test
  void randomPatternsCompileOrFailWithIllegalArgumentOnly() {
    String alphabet = "ab.*+?|()[]{}^$\\:PQEsSdwvx0129,-<>=!_";
    Random random = new Random(7);
    int compiled = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder();
      int n = 1 + random.nextInt(12);
      for (int j = 0; j < n; j++) {
        sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String pattern = sb.toString();
      Re2Regex re;
      try {
        re = Re2Regex.compile(pattern);
      } catch (IllegalArgumentException e) {
        assertThat(e.getMessage()).as(pattern).isNotBlank();
        continue;
      }
      compiled++;
      for (String input : List.of("", "ab", "a\nb", "{1}", "[x]")) {
        int[] spans = re.match(input);
        if (spans != null) {
          re.expand("$1${2}$x", input, spans);
        }
      }
    }
    assertThat(compiled).isGreaterThan(1000);
  }

  @Test
  void lazyQuantifiersAreAccepted() {
    assertThat(expand("(a+?)(a*)", "aaa", "$1|$2")).isEqualTo("a|aa");
  }
}
