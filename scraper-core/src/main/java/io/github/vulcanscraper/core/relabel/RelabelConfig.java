package io.github.vulcanscraper.core.relabel;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One relabel rule, as an entry of Prometheus' {@code relabel_configs} or {@code
 * metric_relabel_configs}, with Prometheus' defaults and per-action validation.
 *
 * <p>Defaults: no source labels, separator {@code ;}, regex {@code (.*)}, replacement {@code $1},
 * action {@link Action#REPLACE}. Regexes use Go RE2 syntax and are fully anchored and
 * dot-matches-newline ({@code ^(?s:<regex>)$}); they are compiled once, when the rule is built.
 * What of RE2 is translated for Java, and what is rejected, is listed in the package documentation.
 * Label names follow Prometheus' legacy validation ({@code [a-zA-Z_][a-zA-Z0-9_]*}): UTF-8 label
 * names are not supported.
 *
 * <p>Immutable and thread-safe. Build one with {@link #builder()}:
 *
 * <pre>{@code
 * RelabelConfig shard = RelabelConfig.builder()
 *     .action(RelabelConfig.Action.HASHMOD)
 *     .sourceLabels(List.of("__address__"))
 *     .modulus(4)
 *     .targetLabel("__tmp_shard")
 *     .build();
 * }</pre>
 */
public final class RelabelConfig {
  /** The default separator, {@code ;}. */
  public static final String DEFAULT_SEPARATOR = ";";

  /** The default regex, {@code (.*)}. */
  public static final String DEFAULT_REGEX = Re2Regex.DEFAULT_SOURCE;

  /** The default replacement, {@code $1}. */
  public static final String DEFAULT_REPLACEMENT = "$1";

  private static final Re2Regex DEFAULT_COMPILED = Re2Regex.compile(DEFAULT_REGEX);

  /** What a rule does; the YAML names are the lower-case constant names. */
  public enum Action {
    /** Sets {@code target_label} to the expanded replacement when the regex matches. */
    REPLACE,
    /** Drops the target or series unless the joined source values match the regex. */
    KEEP,
    /** Drops the target or series when the joined source values match the regex. */
    DROP,
    /** Drops unless the joined source values equal the value of {@code target_label}. */
    KEEPEQUAL,
    /** Drops when the joined source values equal the value of {@code target_label}. */
    DROPEQUAL,
    /** Sets {@code target_label} to the md5 of the joined source values modulo {@code modulus}. */
    HASHMOD,
    /** Copies every label whose name matches to the name the replacement expands to. */
    LABELMAP,
    /** Removes every label whose name matches. */
    LABELDROP,
    /** Removes every label whose name does not match. */
    LABELKEEP,
    /** Sets {@code target_label} to the joined source values in lower case. */
    LOWERCASE,
    /** Sets {@code target_label} to the joined source values in upper case. */
    UPPERCASE;

    /**
     * The name used in YAML, e.g. {@code hashmod}.
     *
     * @return the lower-case YAML name
     */
    public String yamlName() {
      return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The action with this YAML name, case-insensitively as Prometheus reads it.
     *
     * @param name the YAML name, e.g. {@code labelmap} or {@code HashMod}
     * @return the action
     * @throws IllegalArgumentException for an empty or unknown name
     */
    public static Action of(String name) {
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException("relabel action cannot be empty");
      }
      for (Action a : values()) {
        if (a.yamlName().equals(name.toLowerCase(Locale.ROOT))) {
          return a;
        }
      }
      throw new IllegalArgumentException("unknown relabel action \"" + name + "\"");
    }
  }

  private final List<String> sourceLabels;
  private final boolean sourceLabelsSet;
  private final String separator;
  private final Re2Regex regex;
  private final boolean regexSet;
  private final long modulus;
  private final String targetLabel;
  private final String replacement;
  private final Action action;

  private RelabelConfig(Builder b) {
    this.sourceLabels = b.sourceLabels;
    this.sourceLabelsSet = b.sourceLabelsSet;
    this.separator = b.separator;
    this.regex = b.regex;
    this.regexSet = b.regexSet;
    this.modulus = b.modulus;
    this.targetLabel = b.targetLabel;
    this.replacement = b.replacement;
    this.action = b.action;
  }

  /**
   * A builder with Prometheus' defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this rule.
   *
   * @return a new builder, independent of this rule
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.sourceLabels = sourceLabels;
    b.sourceLabelsSet = sourceLabelsSet;
    b.separator = separator;
    b.regex = regex;
    b.regexSet = regexSet;
    b.modulus = modulus;
    b.targetLabel = targetLabel;
    b.replacement = replacement;
    b.action = action;
    return b;
  }

  /**
   * {@code source_labels}: the labels whose values are joined; empty by default.
   *
   * @return the source label names, in order
   */
  public List<String> sourceLabels() {
    return sourceLabels;
  }

  /**
   * {@code separator} between the joined source values; {@code ;} by default.
   *
   * @return the separator
   */
  public String separator() {
    return separator;
  }

  /**
   * {@code regex} as written (without the anchoring); {@code (.*)} by default.
   *
   * @return the regex text
   */
  public String regex() {
    return regex.source();
  }

  /**
   * {@code modulus} for {@link Action#HASHMOD}, an unsigned 64-bit value; 0 when unset.
   *
   * @return the modulus as unsigned bits, 0 when unset
   */
  public long modulus() {
    return modulus;
  }

  /**
   * {@code target_label}; empty when unset. May hold {@code $} references for replace.
   *
   * @return the target label, empty when unset
   */
  public String targetLabel() {
    return targetLabel;
  }

  /**
   * {@code replacement}; {@code $1} by default.
   *
   * @return the replacement, with {@code $1}, {@code ${name}} style references
   */
  public String replacement() {
    return replacement;
  }

  /**
   * {@code action}; {@link Action#REPLACE} by default.
   *
   * @return the action
   */
  public Action action() {
    return action;
  }

  Re2Regex compiledRegex() {
    return regex;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof RelabelConfig)) {
      return false;
    }
    RelabelConfig c = (RelabelConfig) o;
    return sourceLabels.equals(c.sourceLabels)
        && separator.equals(c.separator)
        && regex.equals(c.regex)
        && modulus == c.modulus
        && targetLabel.equals(c.targetLabel)
        && replacement.equals(c.replacement)
        && action == c.action;
  }

  @Override
  public int hashCode() {
    return Objects.hash(sourceLabels, separator, regex, modulus, targetLabel, replacement, action);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("RelabelConfig{action=").append(action.yamlName());
    if (!sourceLabels.isEmpty()) {
      sb.append(", sourceLabels=").append(sourceLabels);
    }
    if (!separator.equals(DEFAULT_SEPARATOR)) {
      sb.append(", separator=").append(separator);
    }
    sb.append(", regex=").append(regex.source());
    if (modulus != 0) {
      sb.append(", modulus=").append(Long.toUnsignedString(modulus));
    }
    if (!targetLabel.isEmpty()) {
      sb.append(", targetLabel=").append(targetLabel);
    }
    return sb.append(", replacement=").append(replacement).append('}').toString();
  }

  /** True for {@code [a-zA-Z_][a-zA-Z0-9_]*}. */
  static boolean isLabelName(String s) {
    if (s.isEmpty() || !isNameStart(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      if (!isWordChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when {@code s} is a label name that may hold {@code $1}, {@code ${1}} or {@code ${name}}
   * references: what Prometheus' {@code ^(?:(?:[a-zA-Z_]|\$(?:\{\w+\}|\w+))+\w*)+$} accepts.
   * Checked by hand: that regex backtracks exponentially in Java on long invalid input.
   */
  static boolean isTemplate(String s) {
    int i = 0;
    int n = s.length();
    if (n == 0) {
      return false;
    }
    if (isNameStart(s.charAt(0))) {
      i = 1;
    } else if (s.charAt(0) == '$') {
      i = skipReference(s, 0);
      if (i < 0) {
        return false;
      }
    } else {
      return false;
    }
    while (i < n) {
      char c = s.charAt(i);
      if (isWordChar(c)) {
        i++;
      } else if (c == '$') {
        i = skipReference(s, i);
        if (i < 0) {
          return false;
        }
      } else {
        return false;
      }
    }
    return true;
  }

  /** The index after the reference starting with the {@code $} at {@code i}, or -1. */
  private static int skipReference(String s, int i) {
    int j = i + 1;
    boolean brace = j < s.length() && s.charAt(j) == '{';
    if (brace) {
      j++;
    }
    int start = j;
    while (j < s.length() && isWordChar(s.charAt(j))) {
      j++;
    }
    if (j == start) {
      return -1;
    }
    if (brace) {
      if (j >= s.length() || s.charAt(j) != '}') {
        return -1;
      }
      j++;
    }
    return j;
  }

  private static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  private static boolean isWordChar(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }

  /**
   * Builds a {@link RelabelConfig}. Setters check their value at once; {@link #build()} checks the
   * combination as Prometheus does for the action. Not thread-safe.
   */
  public static final class Builder {
    private List<String> sourceLabels = List.of();
    private boolean sourceLabelsSet;
    private String separator = DEFAULT_SEPARATOR;
    private Re2Regex regex = DEFAULT_COMPILED;
    private boolean regexSet;
    private long modulus;
    private String targetLabel = "";
    private String replacement = DEFAULT_REPLACEMENT;
    private Action action = Action.REPLACE;

    private Builder() {}

    /**
     * Sets {@code source_labels}.
     *
     * @param names the source label names, in order; copied
     * @return this builder
     * @throws IllegalArgumentException when a name is not a valid label name
     */
    public Builder sourceLabels(List<String> names) {
      for (String n : names) {
        if (n == null || !isLabelName(n)) {
          throw new IllegalArgumentException("\"" + n + "\" is not a valid label name");
        }
      }
      this.sourceLabels = List.copyOf(names);
      this.sourceLabelsSet = true;
      return this;
    }

    /**
     * Sets {@code separator}.
     *
     * @param separator the separator; not null
     * @return this builder
     */
    public Builder separator(String separator) {
      this.separator = Objects.requireNonNull(separator, "separator");
      return this;
    }

    /**
     * Sets and compiles {@code regex} (RE2 syntax; anchored on both ends when matching).
     *
     * @param regex the regex; not null
     * @return this builder
     * @throws IllegalArgumentException when the regex does not compile, with the reason
     */
    public Builder regex(String regex) {
      this.regex = Re2Regex.compile(Objects.requireNonNull(regex, "regex"));
      this.regexSet = true;
      return this;
    }

    /**
     * Sets {@code modulus}, read as an unsigned 64-bit value.
     *
     * @param modulus the modulus, unsigned 64-bit; must be non-zero for {@link Action#HASHMOD}
     * @return this builder
     */
    public Builder modulus(long modulus) {
      this.modulus = modulus;
      return this;
    }

    /**
     * Sets {@code target_label}.
     *
     * @param targetLabel the target label; not null, may hold {@code $} references for replace
     * @return this builder
     */
    public Builder targetLabel(String targetLabel) {
      this.targetLabel = Objects.requireNonNull(targetLabel, "targetLabel");
      return this;
    }

    /**
     * Sets {@code replacement}.
     *
     * @param replacement the replacement; not null, may hold {@code $} references
     * @return this builder
     */
    public Builder replacement(String replacement) {
      this.replacement = Objects.requireNonNull(replacement, "replacement");
      return this;
    }

    /**
     * Sets {@code action}.
     *
     * @param action the action; not null
     * @return this builder
     */
    public Builder action(Action action) {
      this.action = Objects.requireNonNull(action, "action");
      return this;
    }

    /**
     * The rule.
     *
     * @return a new, immutable rule
     * @throws IllegalArgumentException with Prometheus' message when the fields do not fit the
     *     action (e.g. "relabel configuration for hashmod requires non-zero modulus")
     */
    public RelabelConfig build() {
      validate();
      return new RelabelConfig(this);
    }

    private void validate() {
      String a = action.yamlName();
      if (modulus == 0 && action == Action.HASHMOD) {
        throw new IllegalArgumentException(
            "relabel configuration for hashmod requires non-zero modulus");
      }
      boolean needsTarget =
          action == Action.REPLACE
              || action == Action.HASHMOD
              || action == Action.LOWERCASE
              || action == Action.UPPERCASE
              || action == Action.KEEPEQUAL
              || action == Action.DROPEQUAL;
      if (needsTarget && targetLabel.isEmpty()) {
        throw new IllegalArgumentException(
            "relabel configuration for " + a + " action requires 'target_label' value");
      }
      if (action == Action.REPLACE) {
        boolean valid =
            targetLabel.contains("$") ? isTemplate(targetLabel) : isLabelName(targetLabel);
        if (!valid) {
          throw invalidTarget(a);
        }
      }
      boolean copyAction =
          action == Action.LOWERCASE
              || action == Action.UPPERCASE
              || action == Action.KEEPEQUAL
              || action == Action.DROPEQUAL;
      if ((copyAction || action == Action.HASHMOD) && !isLabelName(targetLabel)) {
        throw invalidTarget(a);
      }
      if (copyAction && !replacement.equals(DEFAULT_REPLACEMENT)) {
        throw new IllegalArgumentException("'replacement' can not be set for " + a + " action");
      }
      if (action == Action.LABELMAP && !isTemplate(replacement)) {
        throw new IllegalArgumentException(
            "\"" + replacement + "\" is invalid 'replacement' for " + a + " action");
      }
      if ((action == Action.KEEPEQUAL || action == Action.DROPEQUAL)
          && (regexSet || modulus != 0 || !separator.equals(DEFAULT_SEPARATOR))) {
        throw new IllegalArgumentException(
            a + " action requires only 'source_labels' and `target_label`, and no other fields");
      }
      if ((action == Action.LABELDROP || action == Action.LABELKEEP)
          && (sourceLabelsSet
              || !targetLabel.isEmpty()
              || modulus != 0
              || !separator.equals(DEFAULT_SEPARATOR)
              || !replacement.equals(DEFAULT_REPLACEMENT))) {
        throw new IllegalArgumentException(
            a + " action requires only 'regex', and no other fields");
      }
    }

    private IllegalArgumentException invalidTarget(String action) {
      return new IllegalArgumentException(
          "\"" + targetLabel + "\" is invalid 'target_label' for " + action + " action");
    }
  }
}
