package io.github.vulcanscraper.discovery;

import static io.github.vulcanscraper.discovery.ConsulTestServer.instance;
import static io.github.vulcanscraper.discovery.Recorder.addresses;
import static io.github.vulcanscraper.discovery.Recorder.targets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.core.discovery.TargetGroup;
import io.github.vulcanscraper.core.http.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.RecordedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

final class ConsulDiscoveryTest {
  private ConsulTestServer consul;
  private final Recorder recorder = new Recorder();
  private @Nullable Subscription subscription;

  @BeforeEach
  void start() throws Exception {
    consul = ConsulTestServer.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (subscription != null) {
      subscription.close();
    }
    consul.close();
  }

  /** Blocking queries wait up to 10 s: longer than any test waits for a change. */
  private ConsulDiscovery.Builder discovery() {
    return ConsulDiscovery.builder()
        .server(consul.hostPort())
        .refreshInterval(Duration.ofSeconds(10));
  }

  private static ObjectNode object(ObjectNode node, String... path) {
    ObjectNode o = node;
    for (String field : path) {
      o = (ObjectNode) o.get(field);
    }
    return o;
  }

  @Test
  void anInstanceGetsEveryLabelPrometheusSets() {
    ObjectNode web = instance("node1", "10.0.0.1", "web-1", 8080, "prod", "v2");
    object(web, "Node", "Meta").put("rack-id", "r1");
    object(web, "Service", "Meta").put("version", "2.1");
    object(web, "Service").put("Address", "10.1.0.1");
    consul.register("web", web);
    subscription = discovery().build().watch(recorder);

    List<TargetGroup> groups = recorder.awaitFirst();

    assertThat(groups).hasSize(1);
    assertThat(groups.get(0).source()).isEqualTo("web");
    assertThat(groups.get(0).labels())
        .isEqualTo(Labels.of("__meta_consul_service", "web", "__meta_consul_dc", "dc1"));
    assertThat(groups.get(0).targets())
        .containsExactly(
            Labels.of(
                "__address__", "10.1.0.1:8080",
                "__meta_consul_address", "10.0.0.1",
                "__meta_consul_node", "node1",
                "__meta_consul_service_id", "web-1",
                "__meta_consul_service_address", "10.1.0.1",
                "__meta_consul_service_port", "8080",
                "__meta_consul_tags", ",prod,v2,",
                "__meta_consul_health", "passing",
                "__meta_consul_metadata_rack_id", "r1",
                "__meta_consul_service_metadata_version", "2.1",
                "__meta_consul_tagged_address_lan", "10.0.0.1"));
  }

  @Test
  void servicesAppearingAndGoingArePickedUpPromptly() {
    consul.register("web", instance("node1", "10.0.0.1", "web-1", 8080));
    subscription = discovery().build().watch(recorder);
    assertThat(addresses(recorder.awaitFirst())).containsExactly("10.0.0.1:8080");

    consul.register("api", instance("node2", "10.0.0.2", "api-1", 9090));
    consul.register("web", instance("node3", "10.0.0.3", "web-2", 8080));
    recorder.await(
        g -> addresses(g).equals(List.of("10.0.0.2:9090", "10.0.0.1:8080", "10.0.0.3:8080")));

    consul.deregister("web");
    recorder.await(g -> addresses(g).equals(List.of("10.0.0.2:9090")));
  }

  @Test
  void onlyConfiguredServicesWithAllConfiguredTagsAreWatched() {
    consul.register("web", instance("node1", "10.0.0.1", "web-1", 8080, "prod", "http"));
    consul.register("web", instance("node2", "10.0.0.2", "web-2", 8080, "dev", "http"));
    consul.register("api", instance("node3", "10.0.0.3", "api-1", 9090, "prod", "http"));
    consul.register("db", instance("node4", "10.0.0.4", "db-1", 5432, "prod"));
    subscription =
        discovery().services("web", "db").tags(List.of("prod", "http")).build().watch(recorder);

    List<TargetGroup> groups = recorder.awaitFirst();

    assertThat(groups).extracting(TargetGroup::source).containsExactly("web");
    assertThat(addresses(groups)).containsExactly("10.0.0.1:8080");
  }

  @Test
  void healthAggregatesTheChecksAsConsulDoes() {
    ObjectNode warning = instance("node1", "10.0.0.1", "web-1", 8080);
    warning.withArray("Checks").addObject().put("CheckID", "service:web").put("Status", "warning");
    ObjectNode critical = instance("node2", "10.0.0.2", "web-2", 8080);
    critical.withArray("Checks").addObject().put("CheckID", "x").put("Status", "critical");
    ObjectNode maintenance = instance("node3", "10.0.0.3", "web-3", 8080);
    maintenance
        .withArray("Checks")
        .addObject()
        .put("CheckID", "_node_maintenance")
        .put("Status", "critical");
    consul.register("web", warning);
    consul.register("web", critical);
    consul.register("web", maintenance);
    subscription = discovery().build().watch(recorder);

    assertThat(targets(recorder.awaitFirst()))
        .extracting(t -> t.get("__meta_consul_health"))
        .containsExactly("warning", "critical", "maintenance");
  }

  @Test
  void sendsTheTokenAndTheFiltersAsConsulExpectsThem() {
    consul.register("web", instance("node1", "10.0.0.1", "web-1", 8080, "prod"));
    subscription =
        discovery()
            .token(Secret.of("t0ken"))
            .datacenter("dc9")
            .namespace("team")
            .nodeMeta(Map.of("rack", "r1"))
            .filter("ServiceTags contains \"prod\"")
            .healthFilter("Service.Port > 0")
            .tags(List.of("prod"))
            .build()
            .watch(recorder);

    List<TargetGroup> groups = recorder.awaitFirst();

    assertThat(groups.get(0).labels().get("__meta_consul_dc")).isEqualTo("dc9");
    RecordedRequest health =
        consul.requests().stream()
            .filter(r -> r.getPath().startsWith("/v1/health/service/web"))
            .findFirst()
            .orElseThrow();
    assertThat(health.getHeader("X-Consul-Token")).isEqualTo("t0ken");
    assertThat(health.getRequestUrl().queryParameter("dc")).isEqualTo("dc9");
    assertThat(health.getRequestUrl().queryParameter("ns")).isEqualTo("team");
    assertThat(health.getRequestUrl().queryParameter("node-meta")).isEqualTo("rack:r1");
    assertThat(health.getRequestUrl().queryParameter("filter")).isEqualTo("Service.Port > 0");
    assertThat(health.getRequestUrl().queryParameterValues("tag")).containsExactly("prod");
    assertThat(health.getRequestUrl().queryParameterNames()).contains("stale");
    RecordedRequest catalog =
        consul.requests().stream()
            .filter(r -> r.getPath().startsWith("/v1/catalog/services"))
            .findFirst()
            .orElseThrow();
    assertThat(catalog.getRequestUrl().queryParameter("filter"))
        .isEqualTo("ServiceTags contains \"prod\"");
    assertThat(consul.requests()).noneMatch(r -> r.getPath().startsWith("/v1/agent/self"));
  }

  @Test
  void aPathPrefixAndTagSeparatorAreHonoured() {
    consul.register("web", instance("node1", "10.0.0.1", "web-1", 8080, "a", "b"));
    subscription = discovery().pathPrefix("consul/").tagSeparator("|").build().watch(recorder);

    assertThat(targets(recorder.awaitFirst()).get(0).get("__meta_consul_tags")).isEqualTo("|a|b|");
    assertThat(consul.requests()).allMatch(r -> r.getPath().startsWith("/consul/v1/"));
  }

  @Test
  void queriesBlockOnTheLastIndex() {
    consul.register("web", instance("node1", "10.0.0.1", "web-1", 8080));
    subscription = discovery().build().watch(recorder);
    recorder.awaitFirst();
    long index = consul.index();

    consul.register("web", instance("node2", "10.0.0.2", "web-2", 8080));
    recorder.await(g -> addresses(g).size() == 2);

    assertThat(consul.requests())
        .anyMatch(
            r ->
                r.getPath().startsWith("/v1/health/service/web")
                    && String.valueOf(index).equals(r.getRequestUrl().queryParameter("index"))
                    && "10000ms".equals(r.getRequestUrl().queryParameter("wait")));
  }

  @Test
  void anIndexThatGoesBackwardsStartsOverFromZero() {
    consul.register("web", instance("node1", "10.0.0.1", "web-1", 8080));
    // A query that reaches Consul with an index from before the reset is held for its whole
    // wait, as Consul holds it; a short wait keeps the test short.
    subscription = discovery().refreshInterval(Duration.ofSeconds(1)).build().watch(recorder);
    recorder.awaitFirst();
    int before = consul.requests().size();

    consul.indexGoesBackTo(2);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                consul.requests().stream()
                    .skip(before)
                    .anyMatch(
                        r ->
                            r.getPath().startsWith("/v1/health/service/web")
                                && r.getRequestUrl().queryParameter("index") == null));

    consul.register("web", instance("node2", "10.0.0.2", "web-2", 8080));
    recorder.await(g -> addresses(g).equals(List.of("10.0.0.1:8080", "10.0.0.2:8080")));
  }

  @Test
  void theServerDownKeepsTheLastGoodTargetsUntilItIsBack() throws Exception {
    consul.register("web", instance("node1", "10.0.0.1", "web-1", 8080));
    subscription = discovery().build().watch(recorder);
    recorder.awaitFirst();

    consul.stop();
    recorder.awaitErrors(1);
    assertThat(addresses(recorder.last())).containsExactly("10.0.0.1:8080");
    assertThat(recorder.snapshots).hasSize(1);

    consul.register("web", instance("node2", "10.0.0.2", "web-2", 8080));
    consul.restart();
    recorder.await(g -> addresses(g).equals(List.of("10.0.0.1:8080", "10.0.0.2:8080")));
  }

  @Test
  void aMalformedAnswerKeepsTheLastGoodTargets() {
    consul.register("web", instance("node1", "10.0.0.1", "web-1", 8080));
    subscription = discovery().build().watch(recorder);
    recorder.awaitFirst();

    consul.malformed(true);

    assertThat(recorder.awaitErrors(1)).hasMessageContaining("malformed answer");
    assertThat(recorder.snapshots).hasSize(1);

    consul.malformed(false);
    consul.register("web", instance("node2", "10.0.0.2", "web-2", 8080));
    recorder.await(g -> addresses(g).size() == 2);
  }

  @Test
  void anEntryOfTheWrongShapeIsNamed() {
    ObjectNode bad = instance("node1", "10.0.0.1", "web-1", 8080);
    object(bad, "Service").put("Port", "eighty");
    consul.register("web", bad);
    subscription = discovery().build().watch(recorder);

    assertThat(recorder.awaitErrors(1))
        .hasMessageContaining(
            "malformed health answer for service web: entry 0: Service.Port: expected a number");
  }

  @Test
  void anOversizedAnswerIsRejected() {
    consul.register("web", instance("node1", "10.0.0.1", "web-1", 8080));
    subscription = discovery().responseSizeLimit(10).build().watch(recorder);

    assertThat(recorder.awaitErrors(1)).hasMessageContaining("exceeds the response size limit");
  }

  @Test
  void theTokenIsNeverPrinted() {
    ConsulDiscovery d = discovery().token(Secret.of("t0ken")).build();

    assertThat(d.toString()).doesNotContain("t0ken").contains("token=<secret>");
  }

  @Test
  void theBuilderRejectsBadSettingsNamingTheValue() {
    assertThatThrownBy(() -> ConsulDiscovery.builder().scheme("ftp"))
        .hasMessage("scheme must be http or https: ftp");
    assertThatThrownBy(() -> ConsulDiscovery.builder().server(""))
        .hasMessage("consul SD configuration requires a server address");
    assertThatThrownBy(() -> ConsulDiscovery.builder().refreshInterval(Duration.ofSeconds(-1)))
        .hasMessage("refresh_interval must be > 0: PT-1S");
  }
}
