package io.github.vulcanscraper.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.core.discovery.TargetGroup;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

final class TargetLabelsTest {
  private static ScrapeConfig job(String yaml) {
    return PrometheusConfig.parse("scrape_configs:\n  - job_name: node\n" + yaml)
        .scrapeConfigs()
        .get(0);
  }

  private static ScrapeTarget kept(ScrapeConfig config, Labels target, Labels group) {
    return Objects.requireNonNull(TargetLabels.populate(config, target, group), "dropped");
  }

  @Test
  void buildsTheUrlAndLabelsWithDefaultsAndNoDefaultPort() {
    ScrapeTarget t =
        kept(
            job("    scrape_interval: 30s\n"),
            Labels.of("__address__", "h1", "__meta_x", "y"),
            Labels.of("env", "prod"));

    assertThat(t.url()).isEqualTo(URI.create("http://h1/metrics"));
    assertThat(t.labels()).isEqualTo(Labels.of("env", "prod", "instance", "h1", "job", "node"));
    assertThat(t.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(t.discoveredLabels().toMap())
        .containsEntry("__meta_x", "y")
        .containsEntry("__scrape_interval__", "30s")
        .containsEntry("__scrape_timeout__", "10s")
        .containsEntry("__scheme__", "http")
        .containsEntry("__metrics_path__", "/metrics")
        .containsEntry("job", "node");
  }

  @Test
  void targetLabelsWinOverGroupLabels() {
    ScrapeTarget t =
        kept(job(""), Labels.of("__address__", "h:1", "env", "dev"), Labels.of("env", "prod"));

    assertThat(t.labels().get("env")).isEqualTo("dev");
  }

  @Test
  void paramsBecomeLabelsAndRelabelingCanOverrideThem() {
    ScrapeConfig config =
        job(
            "    metrics_path: /probe\n"
                + "    params: {module: [http_2xx, other], z: ['a b']}\n"
                + "    relabel_configs:\n"
                + "      - source_labels: [__address__]\n"
                + "        target_label: __param_target\n"
                + "      - source_labels: [__param_target]\n"
                + "        target_label: instance\n"
                + "      - target_label: __address__\n"
                + "        replacement: blackbox:9115\n");

    ScrapeTarget t = kept(config, Labels.of("__address__", "https://example.com"), Labels.EMPTY);

    assertThat(t.url())
        .isEqualTo(
            URI.create(
                "http://blackbox:9115/probe?module=http_2xx&module=other"
                    + "&target=https%3A%2F%2Fexample.com&z=a+b"));
    assertThat(t.instance()).isEqualTo("https://example.com");
    assertThat(t.discoveredLabels().get("__param_module")).isEqualTo("http_2xx");
  }

  @Test
  void intervalAndTimeoutMayComeFromLabels() {
    ScrapeTarget t =
        kept(
            job(""),
            Labels.of(
                "__address__", "h:1", "__scrape_interval__", "5s", "__scrape_timeout__", "2s"),
            Labels.EMPTY);

    assertThat(t.interval()).isEqualTo(Duration.ofSeconds(5));
    assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aDroppedTargetIsNull() {
    ScrapeConfig config =
        job(
            "    relabel_configs:\n      - source_labels: [__address__]\n        regex: h.*\n"
                + "        action: drop\n");

    assertThat(TargetLabels.populate(config, Labels.of("__address__", "h:1"), Labels.EMPTY))
        .isNull();
  }

  @Test
  void anInvalidTargetGivesAClearError() {
    ScrapeConfig config = job("");

    assertThatThrownBy(() -> TargetLabels.populate(config, Labels.of("a", "b"), Labels.EMPTY))
        .hasMessage("no address");
    assertThatThrownBy(
            () ->
                TargetLabels.populate(config, Labels.of("__address__", "http://h/x"), Labels.EMPTY))
        .hasMessage("\"http://h/x\" is not a valid hostname");
    assertThatThrownBy(
            () ->
                TargetLabels.populate(
                    config,
                    Labels.of(
                        "__address__",
                        "h",
                        "__scrape_interval__",
                        "1m",
                        "__scrape_timeout__",
                        "2m"),
                    Labels.EMPTY))
        .hasMessage("scrape timeout cannot be greater than scrape interval (\"2m\" > \"1m\")");
    assertThatThrownBy(
            () ->
                TargetLabels.populate(
                    config,
                    Labels.of("__address__", "h", "__scrape_interval__", "soon"),
                    Labels.EMPTY))
        .hasMessageStartingWith("error parsing scrape interval: ");
    assertThatThrownBy(
            () ->
                TargetLabels.populate(
                    config,
                    Labels.of("__address__", "h", "__scrape_timeout__", "0s"),
                    Labels.EMPTY))
        .hasMessage("scrape timeout cannot be 0");
  }

  @Test
  void aGroupKeepsItsValidTargetsAndReportsTheOthers() {
    TargetGroup group =
        TargetGroup.of(
            "0",
            List.of(Labels.of("__address__", "good:1"), Labels.of("__address__", "bad/x")),
            Labels.EMPTY);
    List<String> errors = new ArrayList<>();

    List<ScrapeTarget> targets =
        TargetLabels.fromGroup(job(""), group, (labels, e) -> errors.add(e.getMessage()));

    assertThat(targets).extracting(ScrapeTarget::instance).containsExactly("good:1");
    assertThat(errors).containsExactly("\"bad/x\" is not a valid hostname");
  }

  @Test
  void staticConfigsBecomeTargetGroups() {
    StaticConfig sc = StaticConfig.of(List.of("a:1", "b:2"), Labels.of("env", "x"));

    TargetGroup g = sc.toTargetGroup("0");

    assertThat(g.targets())
        .containsExactly(Labels.of("__address__", "a:1"), Labels.of("__address__", "b:2"));
    assertThat(g.labels()).isEqualTo(Labels.of("env", "x"));
  }
}
