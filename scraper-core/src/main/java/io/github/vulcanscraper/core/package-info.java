/**
 * The scraping engine: {@link io.github.vulcanscraper.core.Scraper} schedules and runs the scrapes
 * of the targets a {@link io.github.vulcanscraper.api.TargetWatcher} delivers; {@link
 * io.github.vulcanscraper.core.HTTPTarget} fetches one exporter over HTTP; {@link
 * io.github.vulcanscraper.core.ConsistentHashTargeter} keeps this node's share of the targets of a
 * pool; {@link io.github.vulcanscraper.core.JobTargets} and {@link
 * io.github.vulcanscraper.core.StaticJob} turn jobs into targets.
 *
 * <p>Assembling a node:
 *
 * <pre>{@code
 * TargetWatcher all = JobTargets.of(jobWatcher);
 * TargetWatcher mine = ConsistentHashTargeter.builder(all, pool).build();
 * Scraper scraper = Scraper.builder(mine, writer).build();
 * scraper.start();
 * ...
 * scraper.close();
 * }</pre>
 *
 * <p>Semantics follow Prometheus' scrape loop: target labels with {@code honor_labels}, {@code
 * honor_timestamps}, metric relabeling, limits that fail the whole scrape, the synthetic series on
 * every scrape and staleness markers. Unless a method says otherwise, arguments and return values
 * are never {@code null}.
 */
@NullMarked
package io.github.vulcanscraper.core;

import org.jspecify.annotations.NullMarked;
