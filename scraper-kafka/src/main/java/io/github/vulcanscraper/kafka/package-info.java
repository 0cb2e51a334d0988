/**
 * Kafka as the metric bus: {@link io.github.vulcanscraper.kafka.KafkaWriter} sends every scrape as
 * one record, keyed by target so that a target's scrapes stay ordered in one partition, its value
 * written by a {@link io.github.vulcanscraper.kafka.MetricEncoder} (Prometheus text with timestamps
 * by default, OpenMetrics, or JSON). Consumers read records back with the matching {@link
 * io.github.vulcanscraper.kafka.MetricDecoder}, chosen from the record's {@code content-type}
 * header.
 *
 * <p>Unless a method says otherwise, arguments and return values are never {@code null}.
 */
@NullMarked
package io.github.vulcanscraper.kafka;

import org.jspecify.annotations.NullMarked;
