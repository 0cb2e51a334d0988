package io.github.vulcanscraper.kafka;

/**
 * Kafka's rules for topic names, as {@code org.apache.kafka.common.internals.Topic} applies them.
 */
final class TopicNames {
  static final int MAX_LENGTH = 249;

  private TopicNames() {}

  /**
   * Returns the name when Kafka accepts it.
   *
   * @throws IllegalArgumentException naming the topic and the rule it breaks
   */
  static String requireValid(String topic) {
    if (topic == null || topic.isEmpty()) {
      throw new IllegalArgumentException("topic name must not be empty");
    }
    if (topic.equals(".") || topic.equals("..")) {
      throw new IllegalArgumentException("topic name cannot be \".\" or \"..\": '" + topic + "'");
    }
    if (topic.length() > MAX_LENGTH) {
      throw new IllegalArgumentException(
          "topic name is longer than " + MAX_LENGTH + " characters: '" + topic + "'");
    }
    for (int i = 0; i < topic.length(); i++) {
      char c = topic.charAt(i);
      boolean legal =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '.'
              || c == '_'
              || c == '-';
      if (!legal) {
        throw new IllegalArgumentException(
            "topic name has an illegal character at index "
                + i
                + " (legal: ASCII letters, digits, '.', '_', '-'): '"
                + topic
                + "'");
      }
    }
    return topic;
  }
}
