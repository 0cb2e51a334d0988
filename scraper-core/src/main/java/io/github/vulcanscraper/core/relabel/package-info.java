/**
 * Relabeling as Prometheus does it: {@link io.github.vulcanscraper.core.relabel.RelabelConfig} (one
 * rule, validated per action) and {@link io.github.vulcanscraper.core.relabel.Relabeler} (a list of
 * rules applied in order, also the {@code metric_relabel_configs} seam of the scraper).
 *
 * <h2>Regular expressions</h2>
 *
 * Rules are written in Go RE2 syntax and run on {@link java.util.regex.Pattern}. They are fully
 * anchored and dot-matches-newline, as Prometheus compiles {@code ^(?s:<regex>)$}. The syntax is
 * translated where the two differ: named groups {@code (?P<name>...)}, POSIX classes {@code
 * [[:alpha:]]}, {@code \s \S \v}, a literal {@code [ &} inside a class, a literal <code>{</code>,
 * and {@code $} (end of text). What RE2 rejects is rejected, even where Java would accept it:
 * look-around, atomic groups, back references, possessive and nested quantifiers, repetition counts
 * above 1000, unknown flags and escapes. Not supported although RE2 has them: the {@code U}
 * (ungreedy) flag and octal escapes; both give a clear error. Case folding and {@code \b} follow
 * Java's Unicode tables, which may differ from Go's for rare characters. Unlike RE2, {@link
 * java.util.regex.Pattern} backtracks: a pathological pattern such as {@code (a+)+b} can take
 * exponential time on a long value, where RE2 takes linear time. Keep relabel regexes simple.
 *
 * <h2>Expansion</h2>
 *
 * {@code $1}, {@code ${1}}, {@code $name} and {@code ${name}} expand as Go's {@code regexp.Expand}:
 * an unknown or unmatched group is empty, a name is the longest run of letters, digits and
 * underscores ({@code $1x} is the group named {@code 1x}), {@code $$} is a dollar.
 *
 * <h2>Label names</h2>
 *
 * Names follow Prometheus' legacy validation, {@code [a-zA-Z_][a-zA-Z0-9_]*}; UTF-8 label names are
 * not supported.
 */
@NullMarked
package io.github.vulcanscraper.core.relabel;

import org.jspecify.annotations.NullMarked;
