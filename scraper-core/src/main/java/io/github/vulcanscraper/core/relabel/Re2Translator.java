package io.github.vulcanscraper.core.relabel;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Translates a Go RE2 regular expression, as Prometheus writes them, into an equivalent {@link
 * java.util.regex.Pattern} source, and rejects what RE2 rejects but Java would accept with another
 * meaning.
 *
 * <p>Translated: named groups {@code (?P<name>...)} and {@code (?<name>...)} become plain groups
 * (Java allows no {@code _} in group names; the names are kept in {@link #groupNames()} for
 * expansion); POSIX classes {@code [[:alpha:]]}; {@code \s} and {@code \S} (RE2's set has no
 * vertical tab); {@code \v} (a vertical tab in RE2, a class in Java); a {@code [} or {@code &}
 * inside a class (nesting and intersection in Java, literals in RE2); a <code>{</code> that starts
 * no repetition (a literal in RE2, an error in Java); {@code $} outside multi-line mode (end of
 * text in RE2; Java would also match before a final newline).
 *
 * <p>Rejected, as RE2 rejects them: look-around, atomic groups, back references, possessive and
 * nested quantifiers, repetition counts above 1000, flags other than {@code i m s}, and escapes RE2
 * does not know ({@code \h \R \X \G \Z \e \c \k ...}). Also rejected although RE2 accepts them: the
 * {@code U} (ungreedy) flag and octal escapes ({@code \012}); both are rare in relabel rules.
 *
 * <p>Known small differences that remain: {@code \b} and case folding follow Java's Unicode tables.
 */
final class Re2Translator {
  private static final int MAX_REPEAT = 1000;
  private static final Map<String, String> POSIX_CLASSES =
      Map.ofEntries(
          Map.entry("alnum", "Alnum"),
          Map.entry("alpha", "Alpha"),
          Map.entry("ascii", "ASCII"),
          Map.entry("blank", "Blank"),
          Map.entry("cntrl", "Cntrl"),
          Map.entry("digit", "Digit"),
          Map.entry("graph", "Graph"),
          Map.entry("lower", "Lower"),
          Map.entry("print", "Print"),
          Map.entry("punct", "Punct"),
          Map.entry("space", "Space"),
          Map.entry("upper", "Upper"),
          Map.entry("word", "word"),
          Map.entry("xdigit", "XDigit"));

  private final String re;
  private final StringBuilder out = new StringBuilder();
  private final Map<String, Integer> groupNames = new LinkedHashMap<>();
  private final boolean multiline;
  private int pos;
  private int groups;
  private int depth;

  /** Whether the last item is something a quantifier may apply to. */
  private boolean quantifiable;

  /** 0: last item no quantifier; 1: a quantifier; 2: a quantifier made lazy by {@code ?}. */
  private int quantifierState;

  private Re2Translator(String re) {
    this.re = re;
    this.multiline = usesMultilineFlag(re);
  }

  /**
   * Translates {@code re}.
   *
   * @throws IllegalArgumentException naming the problem when RE2 would reject {@code re} or Java
   *     cannot express it
   */
  static Re2Translator translate(String re) {
    Re2Translator t = new Re2Translator(re);
    t.run();
    return t;
  }

  /** The Java pattern source. */
  String javaSource() {
    return out.toString();
  }

  /** The number of capturing groups. */
  int groupCount() {
    return groups;
  }

  /** Group names to their numbers. */
  Map<String, Integer> groupNames() {
    return groupNames;
  }

  private static boolean usesMultilineFlag(String re) {
    for (int i = re.indexOf("(?"); i >= 0; i = re.indexOf("(?", i + 2)) {
      for (int j = i + 2; j < re.length(); j++) {
        char c = re.charAt(j);
        if (c == 'm') {
          return true;
        }
        if (c != 'i' && c != 's' && c != 'U' && c != '-') {
          break;
        }
      }
    }
    return false;
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " in regex \"" + re + "\"");
  }

  private void run() {
    while (pos < re.length()) {
      char c = re.charAt(pos);
      switch (c) {
        case '\\':
          escape();
          break;
        case '[':
          charClass();
          atom();
          break;
        case '(':
          openGroup();
          break;
        case ')':
          if (--depth < 0) {
            throw error("unexpected )");
          }
          out.append(')');
          pos++;
          atom();
          break;
        case '*':
        case '+':
        case '?':
          quantifier(String.valueOf(c), 1);
          break;
        case '{':
          brace();
          break;
        case '}':
          out.append("\\}");
          pos++;
          atom();
          break;
        case '$':
          out.append(multiline ? "$" : "\\z");
          pos++;
          atom();
          break;
        case '^':
        case '|':
          out.append(c);
          pos++;
          quantifiable = false;
          quantifierState = 0;
          break;
        default:
          appendCodePoint();
          atom();
      }
    }
    if (depth > 0) {
      throw error("missing closing )");
    }
  }

  private void atom() {
    quantifiable = true;
    quantifierState = 0;
  }

  private void appendCodePoint() {
    int cp = re.codePointAt(pos);
    out.appendCodePoint(cp);
    pos += Character.charCount(cp);
  }

  private void quantifier(String text, int length) {
    if (quantifierState == 1 && text.equals("?")) {
      out.append('?');
      pos++;
      quantifierState = 2;
      return;
    }
    if (quantifierState != 0) {
      throw error("invalid nested repetition operator " + re.substring(pos, pos + length));
    }
    if (!quantifiable) {
      throw error("missing argument to repetition operator " + re.substring(pos, pos + length));
    }
    out.append(text);
    pos += length;
    quantifierState = 1;
  }

  private void brace() {
    int end = re.indexOf('}', pos);
    String body = end < 0 ? null : re.substring(pos + 1, end);
    if (body == null || !body.matches("[0-9]+(,[0-9]*)?")) {
      out.append("\\{");
      pos++;
      atom();
      return;
    }
    String[] parts = body.split(",", -1);
    long min = parseCount(parts[0]);
    long max = parts.length == 1 ? min : parts[1].isEmpty() ? -1 : parseCount(parts[1]);
    if (min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && max < min)) {
      throw error("invalid repeat count {" + body + "}");
    }
    quantifier("{" + body + "}", body.length() + 2);
  }

  private static long parseCount(String digits) {
    return digits.length() > 5 ? Long.MAX_VALUE : Long.parseLong(digits);
  }

  private void openGroup() {
    if (re.startsWith("(?P<", pos)
        || (re.startsWith("(?<", pos)
            && !re.startsWith("(?<=", pos)
            && !re.startsWith("(?<!", pos))) {
      int start = re.indexOf('<', pos) + 1;
      int end = re.indexOf('>', start);
      String name = end < 0 ? "" : re.substring(start, end);
      if (!name.matches("[A-Za-z0-9_]+")) {
        throw error(
            "invalid named capture " + (end < 0 ? re.substring(pos) : re.substring(pos, end + 1)));
      }
      groups++;
      if (groupNames.putIfAbsent(name, groups) != null) {
        throw error("duplicate capture group name " + name);
      }
      out.append('(');
      pos = end + 1;
    } else if (re.startsWith("(?", pos)) {
      int i = pos + 2;
      StringBuilder flags = new StringBuilder();
      boolean negated = false;
      while (i < re.length() && re.charAt(i) != ':' && re.charAt(i) != ')') {
        char f = re.charAt(i);
        if (f == 'U') {
          throw error("the U (ungreedy) flag is not supported");
        }
        if (f == '-' && !negated) {
          negated = true;
        } else if (f != 'i' && f != 'm' && f != 's') {
          throw error("invalid or unsupported Perl syntax " + re.substring(pos, i + 1));
        }
        flags.append(f);
        i++;
      }
      if (i >= re.length()) {
        throw error("missing closing )");
      }
      if (re.charAt(i) == ')') {
        if (flags.length() == 0 || flags.charAt(flags.length() - 1) == '-') {
          throw error("invalid or unsupported Perl syntax " + re.substring(pos, i + 1));
        }
        out.append("(?").append(flags).append(')');
        pos = i + 1;
        quantifiable = false;
        quantifierState = 0;
        return;
      }
      if (flags.length() > 0 && flags.charAt(flags.length() - 1) == '-') {
        throw error("invalid or unsupported Perl syntax " + re.substring(pos, i + 1));
      }
      out.append("(?").append(flags).append(':');
      pos = i + 1;
    } else {
      groups++;
      out.append('(');
      pos++;
    }
    depth++;
    quantifiable = false;
    quantifierState = 0;
  }

  private void escape() {
    if (pos + 1 >= re.length()) {
      throw error("trailing backslash at end of expression");
    }
    char c = re.charAt(pos + 1);
    if (c == 'Q') {
      int end = re.indexOf("\\E", pos + 2);
      String literal = re.substring(pos + 2, end < 0 ? re.length() : end);
      pos = end < 0 ? re.length() : end + 2;
      for (int i = 0; i < literal.length(); ) {
        int cp = literal.codePointAt(i);
        appendLiteral(cp);
        i += Character.charCount(cp);
      }
      if (!literal.isEmpty()) {
        atom();
      }
      return;
    }
    if (c == 'A' || c == 'z' || c == 'b' || c == 'B') {
      out.append('\\').append(c);
      pos += 2;
      atom();
      return;
    }
    classEscape(false);
    atom();
  }

  /** An escape that stands for characters; valid inside and outside a class. */
  private void classEscape(boolean inClass) {
    char c = re.charAt(pos + 1);
    switch (c) {
      case 'a':
      case 'f':
      case 't':
      case 'n':
      case 'r':
      case 'd':
      case 'D':
      case 'w':
      case 'W':
        out.append('\\').append(c);
        pos += 2;
        return;
      case 'v':
        out.append("\\x0B");
        pos += 2;
        return;
      case 's':
        out.append(inClass ? "\\t\\n\\f\\r " : "[\\t\\n\\f\\r ]");
        pos += 2;
        return;
      case 'S':
        out.append("[^\\t\\n\\f\\r ]");
        pos += 2;
        return;
      case 'x':
        hexEscape();
        return;
      case 'p':
      case 'P':
        unicodeClass(c);
        return;
      default:
        if (c < 128 && !Character.isLetterOrDigit(c)) {
          out.append('\\').append(c);
          pos += 2;
          return;
        }
        if (c >= '0' && c <= '7') {
          throw error("octal escapes are not supported: \\" + c);
        }
        throw error("invalid escape sequence \\" + c);
    }
  }

  private void hexEscape() {
    int start = pos + 2;
    if (start < re.length() && re.charAt(start) == '{') {
      int end = re.indexOf('}', start);
      if (end < 0 || !re.substring(start + 1, end).matches("[0-9A-Fa-f]{1,6}")) {
        throw error("invalid escape sequence " + re.substring(pos, Math.min(re.length(), pos + 4)));
      }
      out.append(re, pos, end + 1);
      pos = end + 1;
    } else {
      if (start + 2 > re.length() || !re.substring(start, start + 2).matches("[0-9A-Fa-f]{2}")) {
        throw error("invalid escape sequence " + re.substring(pos, Math.min(re.length(), pos + 4)));
      }
      out.append(re, pos, start + 2);
      pos = start + 2;
    }
  }

  private void unicodeClass(char p) {
    int start = pos + 2;
    if (start >= re.length()) {
      throw error("invalid character class range \\" + p);
    }
    if (re.charAt(start) != '{') {
      if (!Character.isLetter(re.charAt(start))) {
        throw error("invalid character class range \\" + p + re.charAt(start));
      }
      out.append('\\').append(p).append(re.charAt(start));
      pos = start + 1;
      return;
    }
    int end = re.indexOf('}', start);
    if (end < 0) {
      throw error("invalid character class range " + re.substring(pos));
    }
    String name = re.substring(start + 1, end);
    boolean negate = p == 'P';
    if (name.startsWith("^")) {
      negate = !negate;
      name = name.substring(1);
    }
    if (!name.matches("[A-Za-z_]+")) {
      throw error("invalid character class range " + re.substring(pos, end + 1));
    }
    // One or two letters name a general category (L, Lu); longer names are scripts (Greek).
    String java = name.length() <= 2 ? name : "Is" + name;
    out.append('\\').append(negate ? 'P' : 'p').append('{').append(java).append('}');
    pos = end + 1;
  }

  private void appendLiteral(int cp) {
    if (cp < 128 && !Character.isLetterOrDigit(cp) && cp != ' ' && cp != '_') {
      out.append('\\');
    }
    out.appendCodePoint(cp);
  }

  private void charClass() {
    int start = pos;
    out.append('[');
    pos++;
    if (pos < re.length() && re.charAt(pos) == '^') {
      out.append('^');
      pos++;
    }
    boolean first = true;
    while (true) {
      if (pos >= re.length()) {
        throw error("missing closing ] " + re.substring(start));
      }
      char c = re.charAt(pos);
      if (c == ']' && !first) {
        out.append(']');
        pos++;
        return;
      }
      first = false;
      if (c == '[' && re.startsWith("[:", pos)) {
        int end = re.indexOf(":]", pos + 2);
        if (end > 0) {
          String name = re.substring(pos + 2, end);
          boolean negate = name.startsWith("^");
          String java = POSIX_CLASSES.get(negate ? name.substring(1) : name);
          if (java == null) {
            throw error("invalid character class range [:" + name + ":]");
          }
          out.append(
              java.equals("word")
                  ? (negate ? "\\W" : "\\w")
                  : (negate ? "\\P{" : "\\p{") + java + "}");
          pos = end + 2;
          continue;
        }
      }
      if (c == '\\') {
        if (pos + 1 >= re.length()) {
          throw error("trailing backslash at end of expression");
        }
        if (re.charAt(pos + 1) == 'Q') {
          int end = re.indexOf("\\E", pos + 2);
          String literal = re.substring(pos + 2, end < 0 ? re.length() : end);
          pos = end < 0 ? re.length() : end + 2;
          literal.codePoints().forEach(this::appendLiteral);
          continue;
        }
        classEscape(true);
        continue;
      }
      if (c == '[' || c == '&' || c == ']') {
        out.append('\\').append(c);
        pos++;
        continue;
      }
      appendCodePoint();
    }
  }
}
