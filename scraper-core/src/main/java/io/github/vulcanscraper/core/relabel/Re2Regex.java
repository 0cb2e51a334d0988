package io.github.vulcanscraper.core.relabel;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * A relabel regex: Go RE2 syntax, fully anchored and dot-matches-newline, as Prometheus compiles
 * {@code ^(?s:<regex>)$}. Compiled once; immutable and thread-safe.
 *
 * <p>Common shapes skip the regex engine: the default {@code (.*)}, which matches everything with
 * group 1 the whole input; a pattern without metacharacters, which matches only itself; {@code
 * literal.*}, a prefix test; {@code a|b|c} of literals, a set lookup.
 */
final class Re2Regex {
  /** The source of the default regex. */
  static final String DEFAULT_SOURCE = "(.*)";

  private static final String META = "\\.+*?()|[]{}^$";

  private enum Kind {
    ANY,
    LITERAL,
    PREFIX,
    LITERAL_SET,
    GENERAL
  }

  private final String source;
  private final Kind kind;
  private final @Nullable Pattern pattern;
  private final Map<String, Integer> groupNames;
  private final int groupCount;

  /** The prefix of {@link Kind#PREFIX}. */
  private final @Nullable String prefix;

  /** The alternatives of {@link Kind#LITERAL_SET}. */
  private final @Nullable Set<String> literals;

  private Re2Regex(
      String source,
      Kind kind,
      @Nullable Pattern pattern,
      Map<String, Integer> names,
      int groupCount) {
    this.source = source;
    this.kind = kind;
    this.pattern = pattern;
    this.groupNames = names;
    this.groupCount = groupCount;
    this.prefix = kind == Kind.PREFIX ? source.substring(0, source.length() - 2) : null;
    this.literals = kind == Kind.LITERAL_SET ? Set.copyOf(List.of(source.split("\\|", -1))) : null;
  }

  /**
   * Compiles a relabel regex.
   *
   * @throws IllegalArgumentException naming the regex and the problem when it is not valid RE2 or
   *     uses what Java cannot match the same way
   */
  static Re2Regex compile(String source) {
    if (source.equals(DEFAULT_SOURCE)) {
      return new Re2Regex(source, Kind.ANY, null, Map.of(), 1);
    }
    if (isLiteral(source)) {
      return new Re2Regex(source, Kind.LITERAL, null, Map.of(), 0);
    }
    if (source.endsWith(".*") && isLiteral(source.substring(0, source.length() - 2))) {
      return new Re2Regex(source, Kind.PREFIX, null, Map.of(), 0);
    }
    if (source.indexOf('|') >= 0 && isLiteral(source.replace("|", ""))) {
      return new Re2Regex(source, Kind.LITERAL_SET, null, Map.of(), 0);
    }
    Re2Translator t = Re2Translator.translate(source);
    try {
      Pattern p =
          Pattern.compile("(?s:" + t.javaSource() + ")", Pattern.UNIX_LINES | Pattern.UNICODE_CASE);
      return new Re2Regex(source, Kind.GENERAL, p, Map.copyOf(t.groupNames()), t.groupCount());
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "error parsing regexp \"" + source + "\": " + e.getDescription(), e);
    }
  }

  private static boolean isLiteral(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (META.indexOf(s.charAt(i)) >= 0) {
        return false;
      }
    }
    return true;
  }

  /** The regex as written in the configuration. */
  String source() {
    return source;
  }

  /** True for the default {@code (.*)}. */
  boolean isDefault() {
    return kind == Kind.ANY;
  }

  /** True when the whole of {@code s} matches. */
  boolean matches(String s) {
    switch (kind) {
      case ANY:
        return true;
      case LITERAL:
        return source.equals(s);
      case PREFIX:
        return s.startsWith(Objects.requireNonNull(prefix));
      case LITERAL_SET:
        return Objects.requireNonNull(literals).contains(s);
      default:
        return Objects.requireNonNull(pattern).matcher(s).matches();
    }
  }

  /**
   * Matches the whole of {@code s}; returns the group spans (start, end for group 0, 1, ...; -1 for
   * a group that did not take part) or {@code null} when it does not match.
   */
  int @Nullable [] match(String s) {
    switch (kind) {
      case ANY:
        return new int[] {0, s.length(), 0, s.length()};
      case LITERAL:
      case PREFIX:
      case LITERAL_SET:
        return matches(s) ? new int[] {0, s.length()} : null;
      default:
        Matcher m = Objects.requireNonNull(pattern).matcher(s);
        if (!m.matches()) {
          return null;
        }
        int[] spans = new int[2 * (groupCount + 1)];
        for (int g = 0; g <= groupCount; g++) {
          spans[2 * g] = m.start(g);
          spans[2 * g + 1] = m.end(g);
        }
        return spans;
    }
  }

  /**
   * Expands {@code template} as Go's {@code regexp.Expand}: {@code $1}, {@code ${1}}, {@code
   * $name}, {@code ${name}} are replaced by that group of {@code input} (empty when it does not
   * exist or did not match); a name is the longest run of letters, digits and {@code _}, so {@code
   * $1x} means the group named {@code 1x}; {@code $$} is a {@code $}; a malformed reference stays
   * as written.
   */
  String expand(String template, String input, int[] spans) {
    int dollar = template.indexOf('$');
    if (dollar < 0) {
      return template;
    }
    StringBuilder out = new StringBuilder(template.length() + input.length());
    int i = 0;
    while (dollar >= 0) {
      out.append(template, i, dollar);
      i = dollar + 1;
      if (i < template.length() && template.charAt(i) == '$') {
        out.append('$');
        i++;
      } else {
        boolean brace = i < template.length() && template.charAt(i) == '{';
        int start = brace ? i + 1 : i;
        int end = start;
        while (end < template.length()) {
          int cp = template.codePointAt(end);
          if (!Character.isLetter(cp) && !Character.isDigit(cp) && cp != '_') {
            break;
          }
          end += Character.charCount(cp);
        }
        boolean ok =
            end > start && (!brace || (end < template.length() && template.charAt(end) == '}'));
        if (!ok) {
          out.append('$');
        } else {
          appendGroup(template.substring(start, end), input, spans, out);
          i = brace ? end + 1 : end;
        }
      }
      dollar = template.indexOf('$', i);
    }
    out.append(template, i, template.length());
    return out.toString();
  }

  private void appendGroup(String name, String input, int[] spans, StringBuilder out) {
    int group = groupNumber(name);
    if (group < 0) {
      Integer named = groupNames.get(name);
      group = named == null ? -1 : named;
    }
    if (group >= 0 && 2 * group + 1 < spans.length && spans[2 * group] >= 0) {
      out.append(input, spans[2 * group], spans[2 * group + 1]);
    }
  }

  /** The number a name stands for as Go reads it, or -1 when it is not a number. */
  private static int groupNumber(String name) {
    if (name.length() > 1 && name.charAt(0) == '0') {
      return -1;
    }
    int n = 0;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < '0' || c > '9' || n >= 100_000_000) {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Re2Regex && ((Re2Regex) o).source.equals(source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  @Override
  public String toString() {
    return source;
  }
}
