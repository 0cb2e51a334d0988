package io.github.vulcanscraper.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.core.http.HttpClientConfig;
import io.github.vulcanscraper.core.http.Secret;
import io.github.vulcanscraper.core.relabel.RelabelConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ModelBuildersTest {
  @Test
  void globalTimeoutDefaultsToTenSecondsCappedByTheInterval() {
    assertThat(GlobalConfig.builder().build().scrapeTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(GlobalConfig.builder().scrapeInterval(Duration.ofSeconds(5)).build().scrapeTimeout())
        .isEqualTo(Duration.ofSeconds(5));
    assertThat(GlobalConfig.builder().scrapeInterval(Duration.ZERO).build().scrapeInterval())
        .isEqualTo(Duration.ofMinutes(1));
    assertThatThrownBy(
            () ->
                GlobalConfig.builder()
                    .scrapeInterval(Duration.ofSeconds(5))
                    .scrapeTimeout(Duration.ofSeconds(6))
                    .build())
        .hasMessage("global scrape timeout greater than scrape interval (6s > 5s)");
  }

  @Test
  void scrapeConfigInheritsFromItsGlobal() {
    GlobalConfig global =
        GlobalConfig.builder()
            .scrapeInterval(Duration.ofSeconds(20))
            .sampleLimit(5)
            .bodySizeLimit(1024)
            .scrapeProtocols(List.of("PrometheusText0.0.4"))
            .build();

    ScrapeConfig job = ScrapeConfig.builder("j").global(global).build();

    assertThat(job.scrapeInterval()).isEqualTo(Duration.ofSeconds(20));
    assertThat(job.scrapeTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(job.sampleLimit()).isEqualTo(5);
    assertThat(job.bodySizeLimit()).isEqualTo(1024);
    assertThat(job.scrapeProtocols()).containsExactly("PrometheusText0.0.4");
    assertThat(job.scrapePolicy().sampleLimit()).isEqualTo(5);
    assertThat(job.scrapePolicy().metricRelabeler()).isEqualTo(job.metricRelabeler());
  }

  @Test
  void scrapeConfigSettersNameTheBadValue() {
    ScrapeConfig.Builder b = ScrapeConfig.builder("j");

    assertThatThrownBy(() -> b.scheme("ftp")).hasMessage("scheme must be http or https: \"ftp\"");
    assertThatThrownBy(() -> b.sampleLimit(-1)).hasMessage("sample_limit must be >= 0: -1");
    assertThatThrownBy(() -> b.scrapeInterval(Duration.ofSeconds(-1)))
        .hasMessage("scrape_interval must not be negative: PT-1S");
    assertThatThrownBy(() -> b.scrapeProtocols(List.of("Proto9")))
        .hasMessageStartingWith("unknown scrape protocol Proto9");
    assertThatThrownBy(() -> b.scrapeProtocols(List.of("PrometheusProto", "prometheusproto")))
        .hasMessageStartingWith("duplicated protocol in scrape_protocols");
    assertThatThrownBy(() -> b.fallbackScrapeProtocol("text"))
        .hasMessageStartingWith("unknown scrape protocol text");
    assertThatThrownBy(() -> ScrapeConfig.builder("")).hasMessage("job name must not be empty");
  }

  @Test
  void equalConfigurationsAreEqual() {
    ScrapeConfig a =
        ScrapeConfig.builder("j")
            .relabelConfigs(List.of(RelabelConfig.builder().targetLabel("x").build()))
            .params(Map.of("module", List.of("m")))
            .build();
    ScrapeConfig b =
        ScrapeConfig.builder("j")
            .relabelConfigs(List.of(RelabelConfig.builder().targetLabel("x").build()))
            .params(Map.of("module", List.of("m")))
            .build();

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a).isNotEqualTo(ScrapeConfig.builder("j").build());
  }

  @Test
  void discoveryConfigsValidateAsPrometheus() {
    assertThatThrownBy(() -> DnsSdConfig.builder().port(70000))
        .hasMessage("port must be in 0..65535: 70000");
    assertThat(DnsSdConfig.RecordType.of("aaaa")).isEqualTo(DnsSdConfig.RecordType.AAAA);
    assertThatThrownBy(() -> FileSdConfig.of(List.of(), null))
        .hasMessage("file service discovery config must contain at least one path name");
    assertThatThrownBy(() -> FileSdConfig.of(List.of("targets.txt"), null))
        .hasMessage("path name \"targets.txt\" is not valid for file discovery");
    assertThat(FileSdConfig.of(List.of("dir/*.yml", "a.JSON"), Duration.ZERO).refreshInterval())
        .isEqualTo(Duration.ofMinutes(5));
    assertThatThrownBy(() -> HttpSdConfig.of(null, null, HttpClientConfig.DEFAULT))
        .hasMessage("URL is missing");
    assertThatThrownBy(() -> HttpSdConfig.of(URI.create("http:/x"), null, HttpClientConfig.DEFAULT))
        .hasMessage("host is missing in URL");
    assertThatThrownBy(() -> ConsulSdConfig.builder().server(" "))
        .hasMessage("consul SD configuration requires a server address");
    assertThatThrownBy(() -> ConsulSdConfig.builder().scheme("ftp"))
        .hasMessage("scheme must be http or https: ftp");
    assertThatThrownBy(
            () ->
                ConsulSdConfig.builder()
                    .token(Secret.of("t"))
                    .httpClient(
                        HttpClientConfig.builder().authorization("Bearer", Secret.of("c")).build())
                    .build())
        .hasMessage("at most one of consul SD token, authorization, or oauth2 can be configured");
  }

  @Test
  void httpSdToStringHidesUserInfo() {
    HttpSdConfig sd =
        HttpSdConfig.of(URI.create("https://user:pw@sd.example/x"), null, HttpClientConfig.DEFAULT);

    assertThat(sd.toString()).contains("<secret>@sd.example").doesNotContain("pw@");
  }

  @Test
  void staticConfigKeepsTargetsAndLabels() {
    StaticConfig sc = StaticConfig.of(List.of("a:1"), Labels.of("x", "y"));

    assertThat(sc).isEqualTo(StaticConfig.of(List.of("a:1"), Labels.of("x", "y")));
    assertThat(sc.toTargetGroup("3").source()).isEqualTo("3");
  }
}
