package io.github.vulcanscraper.zookeeper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vulcanscraper.api.Member;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data of a scraper's ephemeral node: a JSON object such as {@code
 * {"host":"scraper-1","version":"0.1.0","weight":2.0}}. {@code weight} becomes the member's weight,
 * every other string field an attribute. Data that is not such an object (empty, or written by
 * another implementation, such as the local address Curator writes by default) gives a member of
 * weight 1 without attributes, so foreign nodes still count.
 */
final class MemberData {
  private static final Logger log = LoggerFactory.getLogger(MemberData.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private MemberData() {}

  static byte[] encode(double weight, Map<String, String> attributes) {
    ObjectNode node = JSON.createObjectNode();
    new TreeMap<>(attributes).forEach(node::put);
    node.put("weight", weight);
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static Member decode(String id, byte[] data) {
    if (data == null || data.length == 0) {
      return Member.of(id);
    }
    JsonNode node;
    try {
      node = JSON.readTree(data);
    } catch (IOException e) {
      log.debug("scraper {} has non-JSON data; taken with weight 1", id);
      return Member.of(id);
    }
    if (node == null || !node.isObject()) {
      return Member.of(id);
    }
    double weight = 1.0;
    JsonNode w = node.get("weight");
    if (w != null) {
      if (w.isNumber() && w.asDouble() > 0 && Double.isFinite(w.asDouble())) {
        weight = w.asDouble();
      } else {
        log.warn("scraper {} has an invalid weight {}; taken as 1", id, w);
      }
    }
    Map<String, String> attributes = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (!field.getKey().equals("weight") && field.getValue().isTextual()) {
        attributes.put(field.getKey(), field.getValue().asText());
      }
    }
    return Member.of(id, weight, attributes);
  }
}
