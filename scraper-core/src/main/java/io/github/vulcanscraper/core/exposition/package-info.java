/**
 * Reading and writing the exposition formats: the Prometheus text format 0.0.4 and OpenMetrics 1.0,
 * with Prometheus' content negotiation.
 */
@NullMarked
package io.github.vulcanscraper.core.exposition;

import org.jspecify.annotations.NullMarked;
