/**
 * The contracts of Vulcan Scraper and its immutable metric model. This package depends on the JDK
 * alone, so a host application can implement a {@link io.github.vulcanscraper.api.Writer}, a {@link
 * io.github.vulcanscraper.api.Pool} or a {@link io.github.vulcanscraper.api.Targeter} without
 * pulling in the engine's dependencies.
 *
 * <p>The flow: a {@link io.github.vulcanscraper.api.JobWatcher} delivers {@link
 * io.github.vulcanscraper.api.Job}s; each job is a {@link
 * io.github.vulcanscraper.api.TargetWatcher} of {@link io.github.vulcanscraper.api.Targeter}s; a
 * consistent hash over the {@link io.github.vulcanscraper.api.Pool}'s members keeps this node's
 * share; each owned target is fetched on its schedule and the resulting {@link
 * io.github.vulcanscraper.api.Scrape} goes to a {@link io.github.vulcanscraper.api.Writer}.
 *
 * <p>Every watcher delivers <em>snapshots</em>, never deltas: the complete current set, first
 * promptly after {@code watch}, then again on every change. Unless a method says otherwise,
 * arguments and return values are never {@code null}.
 */
@NullMarked
package io.github.vulcanscraper.api;

import org.jspecify.annotations.NullMarked;
