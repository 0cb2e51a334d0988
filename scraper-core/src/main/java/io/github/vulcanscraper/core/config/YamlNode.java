package io.github.vulcanscraper.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A YAML document as a tree that remembers the line of every node and every key, read with
 * Jackson's streaming YAML parser. Duplicate keys, aliases and multiple documents are rejected
 * here, with the line, so the model readers above only see plain maps, lists and scalars.
 */
final class YamlNode {
  enum Kind {
    MAP,
    LIST,
    SCALAR,
    NULL
  }

  private static final YAMLFactory FACTORY = YAMLFactory.builder().build();
  private static final Pattern MARK =
      Pattern.compile("\\s*in '[^']*', line (\\d+), column (\\d+):?");

  final Kind kind;
  final int line;

  /** The scalar's text; empty unless {@link Kind#SCALAR}. */
  final String text;

  /** True when the scalar was typed by YAML as a string (quoted, or plain non-number text). */
  final boolean stringTyped;

  final Map<String, YamlNode> entries;
  final Map<String, Integer> keyLines;
  final List<YamlNode> items;

  private YamlNode(
      Kind kind,
      int line,
      String text,
      boolean stringTyped,
      Map<String, YamlNode> entries,
      Map<String, Integer> keyLines,
      List<YamlNode> items) {
    this.kind = kind;
    this.line = line;
    this.text = text;
    this.stringTyped = stringTyped;
    this.entries = entries;
    this.keyLines = keyLines;
    this.items = items;
  }

  static YamlNode nullNode(int line) {
    return new YamlNode(Kind.NULL, line, "", false, Map.of(), Map.of(), List.of());
  }

  /**
   * Parses one YAML document; an empty text gives a {@link Kind#NULL} node.
   *
   * @throws ConfigException on a syntax error, a duplicate key, an alias or a second document
   */
  static YamlNode parse(String yaml) {
    try (JsonParser p = FACTORY.createParser(yaml)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return nullNode(1);
      }
      YamlNode root = read(p, t, "");
      if (p.nextToken() != null) {
        throw new ConfigException("", line(p), "multiple YAML documents are not supported");
      }
      return root;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      throw syntaxError(e.getOriginalMessage(), line);
    } catch (IOException e) {
      throw new ConfigException("", 0, "invalid YAML: " + e.getMessage());
    }
  }

  /**
   * The parser's message on one line, without the excerpts of the document it quotes (they could
   * hold a secret), with the line of the problem.
   */
  static ConfigException syntaxError(@Nullable String message, int fallbackLine) {
    StringBuilder reason = new StringBuilder("invalid YAML: ");
    int line = fallbackLine;
    boolean first = true;
    for (String part : String.valueOf(message).lines().toList()) {
      Matcher m = MARK.matcher(part);
      if (m.matches()) {
        line = Integer.parseInt(m.group(1));
        reason.append(" (line ").append(m.group(1)).append(", column ").append(m.group(2));
        reason.append(')');
      } else if (!part.isBlank() && !part.startsWith(" ")) {
        reason.append(first ? "" : "; ").append(part.trim());
        first = false;
      }
    }
    return new ConfigException("", line, reason.toString());
  }

  private static int line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }

  private static YamlNode read(JsonParser p, JsonToken t, String path) throws IOException {
    int line = line(p);
    if (p instanceof YAMLParser && ((YAMLParser) p).isCurrentAlias()) {
      throw new ConfigException(path, line, "YAML aliases are not supported");
    }
    switch (t) {
      case START_OBJECT:
        return readMap(p, path, line);
      case START_ARRAY:
        List<YamlNode> items = new ArrayList<>();
        for (JsonToken n = p.nextToken(); n != JsonToken.END_ARRAY; n = p.nextToken()) {
          items.add(read(p, n, path + "[" + items.size() + "]"));
        }
        return new YamlNode(
            Kind.LIST, line, "", false, Map.of(), Map.of(), Collections.unmodifiableList(items));
      case VALUE_NULL:
        return nullNode(line);
      case VALUE_STRING:
        return new YamlNode(Kind.SCALAR, line, p.getText(), true, Map.of(), Map.of(), List.of());
      default:
        return new YamlNode(Kind.SCALAR, line, p.getText(), false, Map.of(), Map.of(), List.of());
    }
  }

  private static YamlNode readMap(JsonParser p, String path, int line) throws IOException {
    Map<String, YamlNode> entries = new LinkedHashMap<>();
    Map<String, Integer> keyLines = new LinkedHashMap<>();
    for (JsonToken n = p.nextToken(); n != JsonToken.END_OBJECT; n = p.nextToken()) {
      String key = p.currentName();
      int keyLine = line(p);
      String child = path.isEmpty() ? key : path + "." + key;
      if (entries.containsKey(key)) {
        throw new ConfigException(
            child, keyLine, "key \"" + key + "\" is already set (line " + keyLines.get(key) + ")");
      }
      YamlNode value = read(p, p.nextToken(), child);
      entries.put(key, value);
      keyLines.put(key, keyLine);
    }
    return new YamlNode(
        Kind.MAP,
        line,
        "",
        false,
        Collections.unmodifiableMap(entries),
        Collections.unmodifiableMap(keyLines),
        List.of());
  }
}
