package io.github.vulcanscraper.discovery;

import static io.github.vulcanscraper.discovery.DnsTestServer.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.vulcanscraper.core.discovery.TargetGroup;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.SRVRecord;

/**
 * DNS and Consul answers of every shape end in targets or an {@link IOException} naming what was
 * wrong; a failed refresh keeps the last good group. DNS answers are the test server's real answers
 * with bytes after the id damaged, so they travel the resolver's own decoding.
 */
final class DiscoveryDecodingPropertiesTest {
  private static final String SRV = "_node._tcp.test.";
  private static final String HOST = "a.test.";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DnsTestServer dns = startDns();

  private static DnsTestServer startDns() {
    try {
      return DnsTestServer.start();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @BeforeContainer
  static void zone() throws Exception {
    dns.add(new SRVRecord(name(SRV), DClass.IN, 60, 0, 0, 9100, name("b.test.")));
    dns.add(new ARecord(name(HOST), DClass.IN, 60, InetAddress.getByName("10.0.0.1")));
  }

  @AfterContainer
  static void stopDns() throws Exception {
    dns.close();
  }

  private static DnsDiscovery discovery(DnsDiscovery.Type type, String... names) {
    return DnsDiscovery.builder()
        .names(names)
        .type(type)
        .port(80)
        .server(dns.hostPort())
        .timeout(Duration.ofMillis(250))
        .build();
  }

  @Property(tries = 120, shrinking = ShrinkingMode.OFF)
  void damagedDnsAnswersFailWithIoExceptionAndKeepTheLastGoodGroup(
      @ForAll("damage") List<int[]> damage, @ForAll boolean srv) throws Exception {
    DnsDiscovery.Type type = srv ? DnsDiscovery.Type.SRV : DnsDiscovery.Type.A;
    String good = srv ? SRV : HOST;
    // One name that answers well keeps the refresh going; the damaged one must fall back.
    DnsLookup lookup = new DnsLookup(discovery(type, good, "other.test."));
    dns.rewrite(bytes -> bytes);
    List<Exception> errors = new ArrayList<>();
    List<TargetGroup> first = lookup.refresh(errors);
    TargetGroup goodGroup = first.get(0);
    assertThat(goodGroup.targets()).hasSize(1);

    dns.rewrite(bytes -> damage(bytes, damage));
    List<Exception> later = new ArrayList<>();
    Throwable t = catchThrowable(() -> lookup.refresh(later));
    if (t != null) {
      assertThat(t).isInstanceOf(IOException.class).hasMessageContaining("DNS lookup of");
    }
    for (Exception e : later) {
      assertThat(e).isInstanceOf(IOException.class).hasMessageContaining("DNS lookup of");
    }
    dns.rewrite(bytes -> bytes);
  }

  @Property(tries = 60, shrinking = ShrinkingMode.OFF)
  void aFailedNameKeepsItsLastGoodGroup(@ForAll("damage") List<int[]> damage) throws Exception {
    DnsLookup lookup = new DnsLookup(discovery(DnsDiscovery.Type.A, HOST, "other.test."));
    dns.rewrite(bytes -> bytes);
    TargetGroup good = lookup.refresh(new ArrayList<>()).get(0);
    // Garbage after the header: never a DNS answer, always a failure for both names.
    dns.rewrite(bytes -> garbageAfterId(bytes, damage));
    Throwable t = catchThrowable(() -> lookup.refresh(new ArrayList<>()));
    assertThat(t).isInstanceOf(IOException.class);
    dns.rewrite(bytes -> bytes);
    assertThat(lookup.refresh(new ArrayList<>())).contains(good);
  }

  private static byte[] damage(byte[] answer, List<int[]> edits) {
    byte[] out = answer.clone();
    for (int[] e : edits) {
      if (out.length > 2) {
        out[2 + Math.floorMod(e[0], out.length - 2)] = (byte) e[1];
      }
    }
    if (!edits.isEmpty() && edits.get(0)[0] % 5 == 0) {
      // Sometimes cut the answer short, too.
      int keep = 2 + Math.floorMod(edits.get(0)[1], Math.max(1, out.length - 2));
      out = java.util.Arrays.copyOf(out, Math.min(out.length, keep));
    }
    return out;
  }

  private static byte[] garbageAfterId(byte[] answer, List<int[]> edits) {
    byte[] out = new byte[12 + edits.size()];
    out[0] = answer[0];
    out[1] = answer[1];
    out[2] = (byte) 0x84; // a response
    out[5] = 1; // one question that is not there
    for (int i = 0; i < edits.size(); i++) {
      out[12 + i] = (byte) edits.get(i)[1];
    }
    out[12] = (byte) 60; // a label longer than what follows
    return out;
  }

  @Provide
  Arbitrary<List<int[]>> damage() {
    return Combinators.combine(Arbitraries.integers(), Arbitraries.integers().between(0, 255))
        .as((at, b) -> new int[] {at, b})
        .list()
        .ofMinSize(1)
        .ofMaxSize(6);
  }

  @Property(tries = 400, shrinking = ShrinkingMode.BOUNDED)
  void consulAnswersOfAnyShapeDecodeOrFailWithIoException(@ForAll("consulJson") JsonNode answer)
      throws Exception {
    byte[] body = JSON.writeValueAsBytes(answer);
    for (String what : List.of("agent", "catalog", "health")) {
      Throwable t =
          catchThrowable(
              () -> {
                JsonNode node = ConsulTargets.parse(body, what + " answer");
                switch (what) {
                  case "agent":
                    ConsulTargets.datacenter(node);
                    break;
                  case "catalog":
                    ConsulTargets.services(node);
                    break;
                  default:
                    ConsulTargets.group("web", "dc1", ",", node);
                }
              });
      if (t != null) {
        assertThat(t).as("%s: %s", what, answer).isInstanceOf(IOException.class);
        assertThat(t.getMessage()).as("%s: %s", what, answer).isNotBlank();
      }
    }
  }

  @Property(tries = 200, shrinking = ShrinkingMode.BOUNDED)
  void consulBodiesThatAreNotJsonFailWithIoException(@ForAll("notJson") String text) {
    Throwable t =
        catchThrowable(
            () ->
                ConsulTargets.group(
                    "web",
                    "dc1",
                    ",",
                    ConsulTargets.parse(text.getBytes(StandardCharsets.UTF_8), "health answer")));
    if (t != null) {
      assertThat(t).isInstanceOf(IOException.class).hasMessageContaining("health answer");
    }
  }

  @Provide
  Arbitrary<String> notJson() {
    return Arbitraries.strings()
        .withChars("{}[]\":,0-9.eE tnulrfas\\".toCharArray())
        .ofMaxLength(60);
  }

  @Provide
  Arbitrary<JsonNode> consulJson() {
    return json(3);
  }

  private static final List<String> KEYS =
      List.of(
          "Node",
          "Service",
          "Checks",
          "Address",
          "Port",
          "Tags",
          "Meta",
          "TaggedAddresses",
          "ID",
          "Namespace",
          "Partition",
          "Status",
          "Config",
          "Datacenter",
          "web",
          "x");

  private static Arbitrary<JsonNode> json(int depth) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    Arbitrary<JsonNode> scalar =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(6).map(s -> (JsonNode) f.textNode(s)),
            Arbitraries.of("passing", "warning", "critical", "10.0.0.1", "::1", "dc1", "")
                .map(s -> (JsonNode) f.textNode(s)),
            Arbitraries.integers().between(-70000, 70000).map(i -> (JsonNode) f.numberNode(i)),
            Arbitraries.longs().map(l -> (JsonNode) f.numberNode(l)),
            Arbitraries.doubles().map(d -> (JsonNode) f.numberNode(d)),
            Arbitraries.of(true, false).map(b -> (JsonNode) f.booleanNode(b)),
            Arbitraries.just((JsonNode) f.nullNode()));
    if (depth == 0) {
      return scalar;
    }
    Arbitrary<JsonNode> object =
        Arbitraries.maps(Arbitraries.of(KEYS), json(depth - 1))
            .ofMaxSize(6)
            .map(
                m -> {
                  ObjectNode o = f.objectNode();
                  m.forEach(o::set);
                  return (JsonNode) o;
                });
    Arbitrary<JsonNode> array =
        json(depth - 1).list().ofMaxSize(3).map(l -> (JsonNode) f.arrayNode().addAll(l));
    return Arbitraries.oneOf(scalar, object, array);
  }
}
