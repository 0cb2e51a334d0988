package io.github.vulcanscraper.discovery;

import static io.github.vulcanscraper.discovery.DnsTestServer.name;
import static io.github.vulcanscraper.discovery.Recorder.addresses;
import static io.github.vulcanscraper.discovery.Recorder.targets;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.core.discovery.TargetGroup;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.SRVRecord;
import org.xbill.DNS.Type;

final class DnsDiscoveryTest {
  private static final String SRV_NAME = "_node._tcp.test.";

  private DnsTestServer dns;
  private @Nullable Subscription subscription;
  private final Recorder recorder = new Recorder();

  @BeforeEach
  void startServer() throws Exception {
    dns = DnsTestServer.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (subscription != null) {
      subscription.close();
    }
    dns.close();
  }

  private DnsDiscovery.Builder discovery(String... names) {
    return DnsDiscovery.builder()
        .names(names)
        .server(dns.hostPort())
        .refreshInterval(Duration.ofMillis(100))
        .timeout(Duration.ofMillis(300));
  }

  private static SRVRecord srv(String host, int port) {
    return new SRVRecord(name(SRV_NAME), DClass.IN, 60, 0, 0, port, name(host));
  }

  private static ARecord a(String name, String ip) throws Exception {
    return new ARecord(name(name), DClass.IN, 60, InetAddress.getByName(ip));
  }

  @Test
  void srvRecordsBecomeTargetsWithoutTheTrailingDot() {
    dns.add(srv("a.test.", 9100), srv("b.test.", 9200));
    subscription = discovery(SRV_NAME).build().watch(recorder);

    List<TargetGroup> groups = recorder.awaitFirst();

    assertThat(groups).hasSize(1);
    assertThat(groups.get(0).source()).isEqualTo(SRV_NAME);
    assertThat(targets(groups))
        .containsExactly(
            Labels.of(
                "__address__", "a.test:9100",
                "__meta_dns_name", SRV_NAME,
                "__meta_dns_srv_record_target", "a.test.",
                "__meta_dns_srv_record_port", "9100"),
            Labels.of(
                "__address__", "b.test:9200",
                "__meta_dns_name", SRV_NAME,
                "__meta_dns_srv_record_target", "b.test.",
                "__meta_dns_srv_record_port", "9200"));
  }

  @Test
  void aRecordsTakeTheConfiguredPort() throws Exception {
    dns.add(a("web.test.", "10.0.0.1"), a("web.test.", "10.0.0.2"));
    subscription =
        discovery("web.test").type(DnsDiscovery.Type.A).port(8080).build().watch(recorder);

    assertThat(targets(recorder.awaitFirst()))
        .containsExactly(
            Labels.of("__address__", "10.0.0.1:8080", "__meta_dns_name", "web.test"),
            Labels.of("__address__", "10.0.0.2:8080", "__meta_dns_name", "web.test"));
  }

  @Test
  void aaaaRecordsAreShortenedAndBracketed() throws Exception {
    dns.add(new AAAARecord(name("v6.test."), DClass.IN, 60, InetAddress.getByName("2001:db8::1")));
    subscription =
        discovery("v6.test.").type(DnsDiscovery.Type.AAAA).port(9100).build().watch(recorder);

    assertThat(addresses(recorder.awaitFirst())).containsExactly("[2001:db8::1]:9100");
  }

  @Test
  void mxAndNsRecordsKeepTheirTargetInAMetaLabel() {
    dns.add(new MXRecord(name("mail.test."), DClass.IN, 60, 10, name("mx1.test.")));
    dns.add(new NSRecord(name("zone.test."), DClass.IN, 60, name("ns1.test.")));
    Recorder ns = new Recorder();
    subscription =
        discovery("mail.test.").type(DnsDiscovery.Type.MX).port(25).build().watch(recorder);
    Subscription nsSubscription =
        discovery("zone.test.").type(DnsDiscovery.Type.NS).port(53).build().watch(ns);
    try {
      assertThat(targets(recorder.awaitFirst()))
          .containsExactly(
              Labels.of(
                  "__address__", "mx1.test:25",
                  "__meta_dns_name", "mail.test.",
                  "__meta_dns_mx_record_target", "mx1.test."));
      assertThat(targets(ns.awaitFirst()))
          .containsExactly(
              Labels.of(
                  "__address__", "ns1.test:53",
                  "__meta_dns_name", "zone.test.",
                  "__meta_dns_ns_record_target", "ns1.test."));
    } finally {
      nsSubscription.close();
    }
  }

  @Test
  void changesArePickedUpOnRefresh() {
    dns.add(srv("a.test.", 9100));
    subscription = discovery(SRV_NAME).build().watch(recorder);
    assertThat(addresses(recorder.awaitFirst())).containsExactly("a.test:9100");

    dns.set(SRV_NAME, Type.SRV, srv("b.test.", 9100), srv("c.test.", 9100));

    recorder.await(g -> addresses(g).equals(List.of("b.test:9100", "c.test:9100")));
  }

  @Test
  void aNameThatDoesNotExistGivesAnEmptyGroup() {
    dns.add(srv("a.test.", 9100));
    subscription = discovery(SRV_NAME, "_missing._tcp.test.").build().watch(recorder);

    List<TargetGroup> groups = recorder.awaitFirst();

    assertThat(groups)
        .extracting(TargetGroup::source)
        .containsExactly(SRV_NAME, "_missing._tcp.test.");
    assertThat(groups.get(1).targets()).isEmpty();
    assertThat(recorder.errors).isEmpty();
  }

  @Test
  void aTimeoutKeepsTheLastGoodTargetsAndIsReported() {
    dns.add(srv("a.test.", 9100));
    subscription = discovery(SRV_NAME).build().watch(recorder);
    recorder.awaitFirst();

    dns.mode(DnsTestServer.Mode.SILENT);
    Exception error = recorder.awaitErrors(1);

    assertThat(error).hasMessageContaining("DNS lookup of " + SRV_NAME + " SRV failed");
    assertThat(recorder.snapshots).hasSize(1);
    assertThat(addresses(recorder.last())).containsExactly("a.test:9100");

    dns.set(SRV_NAME, Type.SRV, srv("b.test.", 9100));
    dns.mode(DnsTestServer.Mode.NORMAL);
    recorder.await(g -> addresses(g).equals(List.of("b.test:9100")));
  }

  @Test
  void aTruncatedAnswerIsAskedAgainOverTcp() {
    dns.add(srv("a.test.", 9100));
    dns.mode(DnsTestServer.Mode.TRUNCATE_UDP);
    subscription = discovery(SRV_NAME).build().watch(recorder);

    assertThat(addresses(recorder.awaitFirst())).containsExactly("a.test:9100");
    assertThat(dns.udpQueries()).isPositive();
    assertThat(dns.tcpQueries()).isPositive();
  }

  @Test
  void aMalformedAnswerKeepsTheLastGoodTargets() {
    dns.add(srv("a.test.", 9100));
    subscription = discovery(SRV_NAME).build().watch(recorder);
    recorder.awaitFirst();

    dns.mode(DnsTestServer.Mode.MALFORMED);
    assertThat(recorder.awaitErrors(1))
        .hasMessageStartingWith("DNS lookup of " + SRV_NAME + " SRV failed: malformed answer");

    assertThat(recorder.snapshots).hasSize(1);
    assertThat(addresses(recorder.last())).containsExactly("a.test:9100");
  }

  @Test
  void aServerFailureKeepsTheLastGoodTargetsOfThatNameOnly() {
    dns.add(srv("a.test.", 9100));
    subscription = discovery(SRV_NAME).build().watch(recorder);
    recorder.awaitFirst();

    dns.mode(DnsTestServer.Mode.SERVFAIL);

    assertThat(recorder.awaitErrors(1)).hasMessageContaining("SERVFAIL");
    assertThat(addresses(recorder.last())).containsExactly("a.test:9100");
  }

  @Test
  void aFirstLookupThatFailsReportsAndDeliversNothing() {
    dns.mode(DnsTestServer.Mode.SERVFAIL);
    subscription = discovery(SRV_NAME).build().watch(recorder);

    recorder.awaitErrors(1);
    assertThat(recorder.snapshots).isEmpty();

    dns.add(srv("a.test.", 9100));
    dns.mode(DnsTestServer.Mode.NORMAL);
    assertThat(addresses(recorder.awaitFirst())).containsExactly("a.test:9100");
  }

  @Test
  void closingStopsDeliveries() {
    dns.add(srv("a.test.", 9100));
    subscription = discovery(SRV_NAME).build().watch(recorder);
    recorder.awaitFirst();
    subscription.close();
    int queries = dns.udpQueries();

    dns.set(SRV_NAME, Type.SRV, srv("b.test.", 9100));

    // Awaitility: the lookups stop, so the query count stays (polled, not slept on).
    org.awaitility.Awaitility.await()
        .during(Duration.ofMillis(400))
        .atMost(Duration.ofSeconds(2))
        .until(() -> dns.udpQueries() <= queries + 1);
    assertThat(recorder.snapshots).hasSize(1);
  }

  @Test
  void theBuilderRejectsBadSettingsNamingTheValue() {
    assertThatThrownBy(
            () -> DnsDiscovery.builder().names("x.test").type(DnsDiscovery.Type.A).build())
        .hasMessageContaining("port is required")
        .hasMessageContaining("A");
    assertThatThrownBy(() -> DnsDiscovery.builder().refreshInterval(Duration.ZERO))
        .hasMessage("refresh_interval must be > 0: PT0S");
    assertThatThrownBy(() -> DnsDiscovery.builder().server("localhost"))
        .hasMessage("expected HOST:PORT, got: localhost");
    assertThatThrownBy(() -> DnsDiscovery.builder().port(70000))
        .hasMessage("port must be in 1..65535: 70000");
    assertThatThrownBy(() -> DnsDiscovery.builder().build())
        .hasMessageContaining("at least one name");
  }
}
