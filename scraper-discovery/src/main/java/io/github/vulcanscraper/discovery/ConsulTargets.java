package io.github.vulcanscraper.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.core.discovery.TargetGroup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads Consul's answers: the catalog's services with their tags, and a service's health entries
 * made into a group with the labels Prometheus sets. Errors name what is wrong. Thread-safe.
 */
final class ConsulTargets {
  static final String PREFIX = "__meta_consul_";
  static final String ADDRESS = PREFIX + "address";
  static final String NODE = PREFIX + "node";
  static final String METADATA = PREFIX + "metadata_";
  static final String SERVICE_METADATA = PREFIX + "service_metadata_";
  static final String TAGS = PREFIX + "tags";
  static final String SERVICE = PREFIX + "service";
  static final String HEALTH = PREFIX + "health";
  static final String SERVICE_ADDRESS = PREFIX + "service_address";
  static final String SERVICE_PORT = PREFIX + "service_port";
  static final String DATACENTER = PREFIX + "dc";
  static final String NAMESPACE = PREFIX + "namespace";
  static final String PARTITION = PREFIX + "partition";
  static final String TAGGED_ADDRESS = PREFIX + "tagged_address_";
  static final String SERVICE_ID = PREFIX + "service_id";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern INVALID_LABEL_CHARS = Pattern.compile("[^a-zA-Z0-9_]");

  private ConsulTargets() {}

  static JsonNode parse(byte[] body, String what) throws IOException {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null) {
        throw new IOException("empty body");
      }
      return node;
    } catch (IOException e) {
      throw new IOException("malformed " + what + ": " + firstLine(e.getMessage()), e);
    }
  }

  /** The datacenter in an {@code /v1/agent/self} answer. */
  static String datacenter(JsonNode self) throws IOException {
    JsonNode dc = self.path("Config").path("Datacenter");
    if (!dc.isTextual() || dc.textValue().isEmpty()) {
      throw new IOException(
          "malformed agent answer: invalid value '" + dc + "' for Config.Datacenter");
    }
    return dc.textValue();
  }

  /** The services of a {@code /v1/catalog/services} answer, by name, with their tags. */
  static Map<String, List<String>> services(JsonNode catalog) throws IOException {
    if (!catalog.isObject()) {
      throw new IOException(
          "malformed catalog answer: expected an object, got " + catalog.getNodeType());
    }
    Map<String, List<String>> services = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = catalog.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      services.put(e.getKey(), strings(e.getValue(), "catalog answer: " + e.getKey()));
    }
    return services;
  }

  /** The group of a {@code /v1/health/service/<name>} answer. */
  static TargetGroup group(String service, String datacenter, String tagSeparator, JsonNode entries)
      throws IOException {
    String what = "health answer for service " + service;
    if (!entries.isArray()) {
      throw new IOException(
          "malformed " + what + ": expected a list, got " + entries.getNodeType());
    }
    List<Labels> targets = new ArrayList<>(entries.size());
    for (int i = 0; i < entries.size(); i++) {
      try {
        targets.add(target(entries.get(i), tagSeparator));
      } catch (IOException | IllegalArgumentException e) {
        throw new IOException("malformed " + what + ": entry " + i + ": " + e.getMessage(), e);
      }
    }
    Labels labels = Labels.of(SERVICE, service, DATACENTER, datacenter);
    return TargetGroup.of(service, targets, labels);
  }

  private static Labels target(JsonNode entry, String tagSeparator) throws IOException {
    JsonNode node = object(entry.path("Node"), "Node");
    JsonNode svc = object(entry.path("Service"), "Service");
    JsonNode portNode = svc.path("Port");
    if (!portNode.canConvertToInt()) {
      throw new IOException("Service.Port: expected a number, got " + portNode);
    }
    int port = portNode.intValue();
    String nodeAddress = text(node, "Address");
    String serviceAddress = text(svc, "Address");
    String host = serviceAddress.isEmpty() ? nodeAddress : serviceAddress;
    List<String> tags = strings(svc.path("Tags"), "Service.Tags");
    Labels.Builder b = Labels.builder();
    b.set("__address__", HostPort.join(host, port));
    b.set(ADDRESS, nodeAddress);
    b.set(NODE, text(node, "Node"));
    b.set(NAMESPACE, text(svc, "Namespace"));
    b.set(PARTITION, text(svc, "Partition"));
    String joined = tagSeparator + String.join(tagSeparator, tags) + tagSeparator;
    b.set(TAGS, tags.isEmpty() ? "" : joined);
    b.set(SERVICE_ADDRESS, serviceAddress);
    b.set(SERVICE_PORT, Integer.toString(port));
    b.set(SERVICE_ID, text(svc, "ID"));
    b.set(HEALTH, health(entry.path("Checks")));
    map(node.path("Meta"), METADATA, "Node.Meta", b);
    map(svc.path("Meta"), SERVICE_METADATA, "Service.Meta", b);
    map(node.path("TaggedAddresses"), TAGGED_ADDRESS, "Node.TaggedAddresses", b);
    return b.build();
  }

  /** The checks' aggregated status, as Consul's API client computes it. */
  static String health(JsonNode checks) throws IOException {
    if (checks.isMissingNode() || checks.isNull()) {
      return "passing";
    }
    if (!checks.isArray()) {
      throw new IOException("Checks: expected a list, got " + checks.getNodeType());
    }
    boolean warning = false;
    boolean critical = false;
    boolean maintenance = false;
    for (JsonNode check : checks) {
      String id = check.path("CheckID").asText("");
      if (id.equals("_node_maintenance") || id.startsWith("_service_maintenance:")) {
        maintenance = true;
        continue;
      }
      switch (check.path("Status").asText("")) {
        case "passing":
          break;
        case "warning":
          warning = true;
          break;
        case "critical":
          critical = true;
          break;
        default:
          return "";
      }
    }
    return maintenance ? "maintenance" : critical ? "critical" : warning ? "warning" : "passing";
  }

  private static JsonNode object(JsonNode node, String field) throws IOException {
    if (!node.isObject()) {
      throw new IOException(field + ": expected an object, got " + node.getNodeType());
    }
    return node;
  }

  private static String text(JsonNode parent, String field) throws IOException {
    JsonNode v = parent.path(field);
    if (v.isMissingNode() || v.isNull()) {
      return "";
    }
    if (!v.isTextual()) {
      throw new IOException(field + ": expected a string, got " + v.getNodeType());
    }
    return v.textValue();
  }

  private static List<String> strings(JsonNode node, String field) throws IOException {
    if (node.isMissingNode() || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw new IOException(field + ": expected a list, got " + node.getNodeType());
    }
    List<String> out = new ArrayList<>(node.size());
    for (JsonNode s : node) {
      if (!s.isTextual()) {
        throw new IOException(field + ": expected strings, got " + s.getNodeType());
      }
      out.add(s.textValue());
    }
    return out;
  }

  private static void map(JsonNode node, String prefix, String field, Labels.Builder b)
      throws IOException {
    if (node.isMissingNode() || node.isNull()) {
      return;
    }
    if (!node.isObject()) {
      throw new IOException(field + ": expected an object, got " + node.getNodeType());
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getValue().isTextual()) {
        throw new IOException(
            field + "." + e.getKey() + ": expected a string, got " + e.getValue().getNodeType());
      }
      b.set(
          prefix + INVALID_LABEL_CHARS.matcher(e.getKey()).replaceAll("_"),
          e.getValue().textValue());
    }
  }

  private static String firstLine(@Nullable String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
