package io.github.vulcanscraper.core.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A YAML node with its path in the document, and the conversions the model needs. Every conversion
 * failure becomes a {@link ConfigException} naming this node's path and line.
 */
final class Node {
  private static final Set<String> TRUE =
      Set.of("true", "True", "TRUE", "yes", "Yes", "YES", "y", "Y", "on", "On", "ON");
  private static final Set<String> FALSE =
      Set.of("false", "False", "FALSE", "no", "No", "NO", "n", "N", "off", "Off", "OFF");

  /**
   * Paths of fields that hold a secret (and their items): an error there names the field and the
   * kind of value, never the value.
   */
  private static final java.util.regex.Pattern SECRET_PATH =
      java.util.regex.Pattern.compile(
          "(^|\\.)(password|credentials|token|bearer_token|key|secrets)(\\[\\d+])?$");

  final YamlNode yaml;
  final String path;

  Node(YamlNode yaml, String path) {
    this.yaml = yaml;
    this.path = path;
  }

  int line() {
    return yaml.line;
  }

  boolean isNull() {
    return yaml.kind == YamlNode.Kind.NULL;
  }

  /** Null, or an empty string where YAML gives one for an empty item ({@code -} at the end). */
  boolean isEmpty() {
    return isNull() || (yaml.kind == YamlNode.Kind.SCALAR && yaml.text.isEmpty());
  }

  ConfigException error(String reason) {
    return new ConfigException(path, yaml.line, reason);
  }

  ConfigException error(String reason, Throwable cause) {
    return new ConfigException(path, yaml.line, reason, cause);
  }

  private String kindName() {
    switch (yaml.kind) {
      case MAP:
        return "a mapping";
      case LIST:
        return "a list";
      default:
        return "a scalar";
    }
  }

  /** The scalar's text; {@code ""} for null. */
  String string() {
    if (isNull()) {
      return "";
    }
    if (yaml.kind != YamlNode.Kind.SCALAR) {
      throw error("expected a string, got " + kindName());
    }
    return yaml.text;
  }

  boolean bool() {
    if (yaml.kind == YamlNode.Kind.SCALAR && !yaml.stringTyped) {
      if (TRUE.contains(yaml.text)) {
        return true;
      }
      if (FALSE.contains(yaml.text)) {
        return false;
      }
    }
    if (isNull()) {
      return false;
    }
    throw error("expected true or false, got " + describe());
  }

  private String describe() {
    boolean shown = yaml.kind == YamlNode.Kind.SCALAR && !SECRET_PATH.matcher(path).find();
    return shown ? "\"" + yaml.text + "\"" : kindName();
  }

  /** A non-negative integer of at most {@code max}; null reads as 0. */
  long unsigned(long max) {
    if (isNull()) {
      return 0;
    }
    String s = yaml.kind == YamlNode.Kind.SCALAR && !yaml.stringTyped ? yaml.text : null;
    if (s == null || !s.matches("\\+?[0-9_]+")) {
      throw error("expected a non-negative integer, got " + describe());
    }
    String digits = s.replace("_", "").replace("+", "");
    try {
      long v = Long.parseLong(digits);
      if (v > max) {
        throw error("must be at most " + max + ", got " + s);
      }
      return v;
    } catch (NumberFormatException e) {
      throw error("must be at most " + max + ", got " + s);
    }
  }

  int limit() {
    return (int) unsigned(Integer.MAX_VALUE);
  }

  /** A Prometheus duration; null reads as zero (unset). */
  Duration duration() {
    if (isNull()) {
      return Duration.ZERO;
    }
    return convert(Durations::parse);
  }

  long bytes() {
    if (isNull()) {
      return 0;
    }
    return convert(ByteSizes::parse);
  }

  /** Applies {@code f} to the string, turning its {@link IllegalArgumentException} into ours. */
  <T> T convert(Function<String, T> f) {
    String s = string();
    try {
      return f.apply(s);
    } catch (IllegalArgumentException e) {
      throw error(String.valueOf(e.getMessage()), e);
    }
  }

  /** Runs {@code r}, turning its {@link IllegalArgumentException} into an error here. */
  void check(Runnable r) {
    try {
      r.run();
    } catch (ConfigException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw error(String.valueOf(e.getMessage()), e);
    }
  }

  /** The items; null reads as none. */
  List<Node> list() {
    if (isNull()) {
      return List.of();
    }
    if (yaml.kind != YamlNode.Kind.LIST) {
      throw error("expected a list, got " + describe());
    }
    List<Node> out = new ArrayList<>(yaml.items.size());
    for (int i = 0; i < yaml.items.size(); i++) {
      out.add(new Node(yaml.items.get(i), path + "[" + i + "]"));
    }
    return out;
  }

  List<String> strings() {
    List<String> out = new ArrayList<>();
    for (Node n : list()) {
      out.add(n.string());
    }
    return out;
  }

  /** A mapping of strings to strings; null reads as empty. Keys keep their order. */
  Map<String, String> stringMap() {
    Map<String, String> out = new LinkedHashMap<>();
    Fields f = fields("");
    for (String key : f.keys()) {
      out.put(key, f.present(key).string());
    }
    return out;
  }

  /** The mapping's fields; null reads as an empty mapping. */
  Fields fields(String typeName) {
    if (!isEmpty() && yaml.kind != YamlNode.Kind.MAP) {
      throw error("expected a mapping, got " + describe());
    }
    return new Fields(isEmpty() ? new Node(YamlNode.nullNode(line()), path) : this, typeName);
  }

  /** The fields of a mapping, read one by one; {@link #done} rejects the ones not read. */
  static final class Fields {
    private final Node node;
    private final String typeName;
    private final Set<String> used = new java.util.HashSet<>();

    Fields(Node node, String typeName) {
      this.node = node;
      this.typeName = typeName;
    }

    Node node() {
      return node;
    }

    Set<String> keys() {
      return node.yaml.entries.keySet();
    }

    boolean has(String key) {
      return node.yaml.entries.containsKey(key);
    }

    /** The field's value, or {@code null} when absent. Marks the field as known. */
    @Nullable Node get(String key) {
      used.add(key);
      YamlNode v = node.yaml.entries.get(key);
      return v == null ? null : new Node(v, childPath(key));
    }

    /** The value of a field known to exist, e.g. one of {@link #keys()}. */
    Node present(String key) {
      return Objects.requireNonNull(get(key), key);
    }

    private String childPath(String key) {
      return node.path.isEmpty() ? key : node.path + "." + key;
    }

    /** Marks fields as known and ignored. */
    void ignore(String... keys) {
      used.addAll(List.of(keys));
    }

    /**
     * Rejects the fields not read.
     *
     * @param unsupported fields Prometheus knows but this library does not, with the reason
     */
    void done(Map<String, String> unsupported) {
      for (Map.Entry<String, YamlNode> e : node.yaml.entries.entrySet()) {
        String key = e.getKey();
        if (used.contains(key)) {
          continue;
        }
        int line = node.yaml.keyLines.getOrDefault(key, e.getValue().line);
        String reason = unsupported.get(key);
        if (reason != null) {
          throw new ConfigException(childPath(key), line, reason);
        }
        throw new ConfigException(
            childPath(key),
            line,
            "field " + key + " not found in " + typeName.toLowerCase(Locale.ROOT));
      }
    }

    void done() {
      done(Map.of());
    }
  }
}
