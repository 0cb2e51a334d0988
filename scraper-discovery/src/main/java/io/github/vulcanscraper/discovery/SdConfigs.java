package io.github.vulcanscraper.discovery;

import io.github.vulcanscraper.core.config.ConsulSdConfig;
import io.github.vulcanscraper.core.config.DnsSdConfig;
import io.github.vulcanscraper.core.config.FileSdConfig;
import io.github.vulcanscraper.core.config.HttpSdConfig;
import io.github.vulcanscraper.core.config.ScrapeConfig;
import io.github.vulcanscraper.core.config.StaticConfig;
import io.github.vulcanscraper.core.discovery.TargetGroup;
import java.util.ArrayList;
import java.util.List;

/** The discoverers of a scrape config's discovery sections, from the YAML model. */
final class SdConfigs {
  private SdConfigs() {}

  /**
   * One discoverer per {@code *_sd_configs} entry, and one for all {@code static_configs} (their
   * groups sourced by index, as in Prometheus).
   *
   * @param dnsServers {@code HOST:PORT} of the DNS servers to ask instead of the system's; may be
   *     empty
   */
  static List<Discoverer> discoverers(ScrapeConfig config, List<String> dnsServers) {
    List<Discoverer> all = new ArrayList<>();
    if (!config.staticConfigs().isEmpty()) {
      List<TargetGroup> groups = new ArrayList<>();
      List<StaticConfig> statics = config.staticConfigs();
      for (int i = 0; i < statics.size(); i++) {
        groups.add(statics.get(i).toTargetGroup(Integer.toString(i)));
      }
      all.add(StaticDiscovery.of(groups));
    }
    for (DnsSdConfig c : config.dnsSdConfigs()) {
      all.add(dns(c, dnsServers));
    }
    for (ConsulSdConfig c : config.consulSdConfigs()) {
      all.add(consul(c));
    }
    for (FileSdConfig c : config.fileSdConfigs()) {
      all.add(
          FileDiscovery.builder().files(c.files()).refreshInterval(c.refreshInterval()).build());
    }
    for (HttpSdConfig c : config.httpSdConfigs()) {
      all.add(
          HttpDiscovery.builder()
              .url(c.url())
              .http(c.httpClient())
              .refreshInterval(c.refreshInterval())
              .build());
    }
    return all;
  }

  static DnsDiscovery dns(DnsSdConfig c, List<String> servers) {
    DnsDiscovery.Builder b =
        DnsDiscovery.builder()
            .names(c.names())
            .type(DnsDiscovery.Type.valueOf(c.type().name()))
            .refreshInterval(c.refreshInterval());
    if (c.port() != 0) {
      b.port(c.port());
    }
    servers.forEach(b::server);
    return b.build();
  }

  static ConsulDiscovery consul(ConsulSdConfig c) {
    return ConsulDiscovery.builder()
        .server(c.server())
        .pathPrefix(c.pathPrefix() == null ? "" : c.pathPrefix())
        .scheme(c.scheme())
        .token(c.token())
        .datacenter(c.datacenter())
        .namespace(c.namespace())
        .partition(c.partition())
        .services(c.services())
        .tags(c.tags())
        .nodeMeta(c.nodeMeta())
        .filter(c.filter())
        .healthFilter(c.healthFilter())
        .allowStale(c.allowStale())
        .refreshInterval(c.refreshInterval())
        .tagSeparator(c.tagSeparator())
        .http(c.httpClient())
        .build();
  }
}
