/**
 * Service discovery for Vulcan Scraper: the mechanisms of Prometheus' scrape configs that find
 * targets, each an immutable {@link io.github.vulcanscraper.discovery.Discoverer} built from its
 * settings: {@link io.github.vulcanscraper.discovery.StaticDiscovery static_configs}, {@link
 * io.github.vulcanscraper.discovery.DnsDiscovery dns_sd_configs}, {@link
 * io.github.vulcanscraper.discovery.ConsulDiscovery consul_sd_configs}, {@link
 * io.github.vulcanscraper.discovery.FileDiscovery file_sd_configs} and {@link
 * io.github.vulcanscraper.discovery.HttpDiscovery http_sd_configs}.
 *
 * <p>Every mechanism delivers the full list of its target groups first and then again on every
 * change; when its backend fails it keeps the last good groups, reports the error and retries with
 * backoff.
 */
@NullMarked
package io.github.vulcanscraper.discovery;

import org.jspecify.annotations.NullMarked;
