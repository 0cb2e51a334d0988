package io.github.vulcanscraper.discovery;

import static io.github.vulcanscraper.discovery.DnsTestServer.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.ScrapeException;
import io.github.vulcanscraper.api.SnapshotListener;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.api.Targeter;
import io.github.vulcanscraper.core.HTTPTarget;
import io.github.vulcanscraper.core.config.PrometheusConfig;
import io.github.vulcanscraper.core.config.ScrapeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.SRVRecord;

final class ScrapeConfigJobTest {
  @SuppressWarnings("NullAway.Init")
  @TempDir
  Path dir;

  private final List<List<Targeter>> snapshots = new CopyOnWriteArrayList<>();
  private final List<Exception> errors = new CopyOnWriteArrayList<>();
  private final SnapshotListener<List<Targeter>> listener =
      new SnapshotListener<>() {
        @Override
        public void onSnapshot(List<Targeter> snapshot) {
          snapshots.add(snapshot);
        }

        @Override
        public void onError(Exception error) {
          errors.add(error);
        }
      };
  private @Nullable Subscription subscription;

  @AfterEach
  void stop() {
    if (subscription != null) {
      subscription.close();
    }
  }

  private static ScrapeConfig config(String yaml) {
    return PrometheusConfig.parse(yaml).scrapeConfigs().get(0);
  }

  private List<Targeter> await(java.util.function.Predicate<List<Targeter>> condition) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> !snapshots.isEmpty() && condition.test(snapshots.get(snapshots.size() - 1)));
    return snapshots.get(snapshots.size() - 1);
  }

  private static List<String> urls(List<Targeter> targets) {
    return targets.stream()
        .map(t -> ((HTTPTarget) t).url().toString())
        .collect(Collectors.toList());
  }

  @Test
  void staticTargetsBecomeHttpTargetsAsPrometheusBuildsThem() {
    ScrapeConfig config =
        config(
            "scrape_configs:\n"
                + "- job_name: node\n"
                + "  scrape_interval: 30s\n"
                + "  scrape_timeout: 5s\n"
                + "  honor_labels: true\n"
                + "  sample_limit: 100\n"
                + "  params: {module: [http_2xx]}\n"
                + "  static_configs:\n"
                + "  - targets: ['a:9100', 'b:9100']\n"
                + "    labels: {env: prod}\n"
                + "  relabel_configs:\n"
                + "  - source_labels: [__address__]\n"
                + "    regex: 'b:.*'\n"
                + "    action: drop\n");
    subscription = ScrapeConfigJob.of(config).watch(listener);

    List<Targeter> targets = await(t -> true);

    assertThat(targets).hasSize(1);
    HTTPTarget a = (HTTPTarget) targets.get(0);
    assertThat(a.key()).isEqualTo("node/a:9100");
    assertThat(a.url().toString()).isEqualTo("http://a:9100/metrics?module=http_2xx");
    assertThat(a.labels()).isEqualTo(Labels.of("env", "prod", "instance", "a:9100", "job", "node"));
    assertThat(a.interval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(a.timeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(a.policy().honorLabels()).isTrue();
    assertThat(a.policy().sampleLimit()).isEqualTo(100);
    assertThat(a.acceptHeader()).startsWith("application/openmetrics-text;version=1.0.0;q=0.");
  }

  @Test
  void fileTargetsFollowTheFileWithTheirMetaLabelsRelabeled() throws Exception {
    Path file = dir.resolve("targets.yml");
    Files.writeString(file, "- targets: ['a:9100']\n");
    ScrapeConfig config =
        config(
            "scrape_configs:\n"
                + "- job_name: files\n"
                + "  file_sd_configs:\n"
                + "  - files: ['"
                + dir.resolve("*.yml")
                + "']\n"
                + "    refresh_interval: 1h\n"
                + "  relabel_configs:\n"
                + "  - source_labels: [__meta_filepath]\n"
                + "    target_label: source_file\n");
    subscription = ScrapeConfigJob.of(config).watch(listener);
    assertThat(urls(await(t -> true))).containsExactly("http://a:9100/metrics");

    Path tmp = dir.resolve("targets.tmp");
    Files.writeString(tmp, "- targets: ['a:9100', 'b:9100']\n");
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

    List<Targeter> targets = await(t -> t.size() == 2);
    assertThat(targets.get(1).labels().get("source_file")).isEqualTo(file.toString());
  }

  @Test
  void dnsTargetsAreResolvedWithTheFactorysServer() throws Exception {
    try (DnsTestServer dns = DnsTestServer.start()) {
      dns.add(new SRVRecord(name("_node._tcp.test."), DClass.IN, 60, 0, 0, 9100, name("a.test.")));
      ScrapeConfig config =
          config(
              "scrape_configs:\n"
                  + "- job_name: dns\n"
                  + "  dns_sd_configs:\n"
                  + "  - names: ['_node._tcp.test.']\n");
      subscription =
          JobFactory.builder().dnsServer(dns.hostPort()).build().job(config).watch(listener);

      List<Targeter> targets = await(t -> true);

      assertThat(urls(targets)).containsExactly("http://a.test:9100/metrics");
      assertThat(targets.get(0).key()).isEqualTo("dns/a.test:9100");
    }
  }

  @Test
  void theFirstSnapshotWaitsForEveryDiscovererAndAFailedOneCountsAsEmpty() throws Exception {
    try (DnsTestServer dns = DnsTestServer.start()) {
      dns.mode(DnsTestServer.Mode.SERVFAIL);
      ScrapeConfig config =
          config(
              "scrape_configs:\n"
                  + "- job_name: mixed\n"
                  + "  static_configs:\n"
                  + "  - targets: ['a:9100']\n"
                  + "  dns_sd_configs:\n"
                  + "  - names: ['_node._tcp.test.']\n");
      subscription =
          JobFactory.builder().dnsServer(dns.hostPort()).build().job(config).watch(listener);

      assertThat(urls(await(t -> true))).containsExactly("http://a:9100/metrics");
      assertThat(errors).isNotEmpty();
      assertThat(snapshots).hasSize(1);
    }
  }

  @Test
  void pastTheTargetLimitEveryTargetFailsItsScrapes() {
    ScrapeConfig config =
        config(
            "scrape_configs:\n"
                + "- job_name: limited\n"
                + "  target_limit: 1\n"
                + "  static_configs:\n"
                + "  - targets: ['a:9100', 'b:9100']\n");
    subscription = ScrapeConfigJob.of(config).watch(listener);

    List<Targeter> targets = await(t -> true);

    assertThat(targets)
        .extracting(Targeter::key)
        .containsExactly("limited/a:9100", "limited/b:9100");
    assertThatThrownBy(() -> targets.get(0).fetch())
        .isInstanceOf(ScrapeException.class)
        .hasMessage("target_limit exceeded (number of targets: 2, limit: 1)");
    assertThat(errors).isNotEmpty();
  }

  @Test
  void anInvalidTargetIsLeftOutAndTheOthersStay() throws Exception {
    Files.writeString(dir.resolve("t.json"), "[{\"targets\": [\"a:9100\", \"http://b:9100/x\"]}]");
    ScrapeConfig config =
        config(
            "scrape_configs:\n"
                + "- job_name: mixed\n"
                + "  file_sd_configs:\n"
                + "  - files: ['"
                + dir.resolve("t.json")
                + "']\n");
    subscription = ScrapeConfigJob.of(config).watch(listener);

    assertThat(urls(await(t -> true))).containsExactly("http://a:9100/metrics");
  }

  @Test
  void aJobWithoutDiscoveryHasNoTargets() {
    ScrapeConfig config = config("scrape_configs:\n- job_name: empty\n");
    subscription = ScrapeConfigJob.of(config).watch(listener);

    assertThat(await(t -> true)).isEmpty();
  }

  @Test
  void jobsOfTheSameConfigAreEqual() {
    String yaml = "scrape_configs:\n- job_name: a\n  static_configs:\n  - targets: ['a:1']\n";

    assertThat(ScrapeConfigJob.of(config(yaml))).isEqualTo(ScrapeConfigJob.of(config(yaml)));
    assertThat(JobFactory.DEFAULT.jobs(PrometheusConfig.parse(yaml)))
        .extracting(j -> j.name().value())
        .containsExactly("a");
  }
}
