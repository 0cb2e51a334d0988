package io.github.vulcanscraper.discovery;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.core.discovery.TargetGroup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads the target group lists of file and HTTP discovery, as Prometheus' {@code targetgroup}:
 * {@code [{"targets": ["host:port", ...], "labels": {"name": "value", ...}}, ...]}. Group {@code i}
 * is sourced {@code <origin>:<i>} and gets the label {@code originLabel=origin}. Errors name the
 * group, the field and the value. Thread-safe.
 */
final class GroupsParser {
  private static final ObjectMapper JSON = mapper(new ObjectMapper());
  private static final ObjectMapper YAML = mapper(new ObjectMapper(new YAMLFactory()));

  private GroupsParser() {}

  private static ObjectMapper mapper(ObjectMapper m) {
    m.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return m;
  }

  static List<TargetGroup> json(byte[] body, String origin, String originLabel) throws IOException {
    return groups(read(JSON, body), origin, originLabel, false);
  }

  /** YAML is read strictly, as Prometheus reads SD files: an unknown field is an error. */
  static List<TargetGroup> yaml(byte[] body, String origin, String originLabel) throws IOException {
    return groups(read(YAML, body), origin, originLabel, true);
  }

  private static JsonNode read(ObjectMapper mapper, byte[] body) throws IOException {
    JsonNode root = mapper.readTree(body);
    return root == null ? mapper.nullNode() : root;
  }

  private static List<TargetGroup> groups(
      JsonNode root, String origin, String originLabel, boolean strict) throws IOException {
    if (root.isNull() || root.isMissingNode()) {
      return List.of();
    }
    if (!root.isArray()) {
      throw new IOException("expected a list of target groups, got " + kind(root));
    }
    List<TargetGroup> groups = new ArrayList<>(root.size());
    for (int i = 0; i < root.size(); i++) {
      groups.add(group(root.get(i), i, origin, originLabel, strict));
    }
    return groups;
  }

  private static TargetGroup group(
      JsonNode node, int i, String origin, String originLabel, boolean strict) throws IOException {
    String where = "group " + i;
    if (!node.isObject()) {
      throw new IOException(where + ": expected an object, got " + kind(node));
    }
    if (strict) {
      for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
        String field = it.next();
        if (!field.equals("targets") && !field.equals("labels")) {
          throw new IOException(where + ": unknown field \"" + field + "\"");
        }
      }
    }
    List<Labels> targets = new ArrayList<>();
    JsonNode ts = node.path("targets");
    if (!ts.isMissingNode() && !ts.isNull()) {
      if (!ts.isArray()) {
        throw new IOException(where + ": targets: expected a list, got " + kind(ts));
      }
      for (int t = 0; t < ts.size(); t++) {
        JsonNode target = ts.get(t);
        if (!target.isTextual()) {
          throw new IOException(
              where + ": targets[" + t + "]: expected a string, got " + kind(target));
        }
        targets.add(Labels.of("__address__", target.textValue()));
      }
    }
    Labels.Builder labels = Labels.builder();
    JsonNode ls = node.path("labels");
    if (!ls.isMissingNode() && !ls.isNull()) {
      if (!ls.isObject()) {
        throw new IOException(where + ": labels: expected a map, got " + kind(ls));
      }
      for (Iterator<Map.Entry<String, JsonNode>> it = ls.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        JsonNode value = e.getValue();
        if (!value.isTextual()) {
          throw new IOException(
              where + ": labels." + e.getKey() + ": expected a string, got " + kind(value));
        }
        try {
          labels.add(e.getKey(), value.textValue());
        } catch (IllegalArgumentException bad) {
          throw new IOException(where + ": labels: " + bad.getMessage());
        }
      }
    }
    labels.set(originLabel, origin);
    try {
      return TargetGroup.of(origin + ":" + i, targets, labels.build());
    } catch (IllegalArgumentException bad) {
      throw new IOException(where + ": labels: " + bad.getMessage());
    }
  }

  private static String kind(JsonNode node) {
    String text = node.toString();
    if (text.length() > 40) {
      text = text.substring(0, 40) + "...";
    }
    return node.getNodeType().name().toLowerCase(java.util.Locale.ROOT) + " " + text;
  }
}
