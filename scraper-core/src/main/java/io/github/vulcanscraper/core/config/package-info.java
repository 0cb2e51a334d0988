/**
 * Prometheus configuration: the {@code global} section and {@code scrape_configs}, read from YAML
 * as strictly as Prometheus reads them ({@link
 * io.github.vulcanscraper.core.config.PrometheusConfig}), the immutable model of a job ({@link
 * io.github.vulcanscraper.core.config.ScrapeConfig}) and its service discovery entries ({@link
 * io.github.vulcanscraper.core.config.StaticConfig}, {@link
 * io.github.vulcanscraper.core.config.DnsSdConfig}, {@link
 * io.github.vulcanscraper.core.config.ConsulSdConfig}, {@link
 * io.github.vulcanscraper.core.config.FileSdConfig}, {@link
 * io.github.vulcanscraper.core.config.HttpSdConfig}), durations and sizes in Prometheus' notation
 * ({@link io.github.vulcanscraper.core.config.Durations}, {@link
 * io.github.vulcanscraper.core.config.ByteSizes}), and the building of targets from discovered
 * labels ({@link io.github.vulcanscraper.core.config.TargetLabels}).
 *
 * <p>Errors are {@link io.github.vulcanscraper.core.config.ConfigException}s that name the path
 * ({@code scrape_configs[2].relabel_configs[0].regex}) and the line.
 */
@NullMarked
package io.github.vulcanscraper.core.config;

import org.jspecify.annotations.NullMarked;
