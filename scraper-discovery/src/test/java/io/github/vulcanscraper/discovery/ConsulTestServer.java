package io.github.vulcanscraper.discovery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;

/**
 * A Consul agent on 127.0.0.1 for tests, answering {@code /v1/agent/self}, {@code
 * /v1/catalog/services} and {@code /v1/health/service/<name>} as Consul's API documentation
 * describes them, with blocking queries: a request whose {@code index} is current is held until the
 * index moves or its {@code wait} elapses. The index is one counter for all data, bumped by every
 * change. It can be stopped and restarted on the same port, set to answer malformed JSON, or have
 * its index go backwards.
 *
 * <pre>{@code
 * try (ConsulTestServer consul = ConsulTestServer.start()) {
 *   consul.register("web", ConsulTestServer.instance("node1", "10.0.0.1", "web-1", 8080));
 * }
 * }</pre>
 */
public final class ConsulTestServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private volatile int port;
  private final Map<String, List<ObjectNode>> services = new TreeMap<>();
  private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
  private volatile @Nullable MockWebServer server;
  private long index = 10;
  private long generation;
  private boolean malformed;
  private boolean stopped;

  private ConsulTestServer() {}

  /** Starts a server on a free port of 127.0.0.1. */
  public static ConsulTestServer start() throws IOException {
    ConsulTestServer consul = new ConsulTestServer();
    int port;
    try (ServerSocket probe =
        new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
      port = probe.getLocalPort();
    }
    // A port given explicitly makes MockWebServer set SO_REUSEADDR, so restart() can rebind.
    MockWebServer server = new MockWebServer();
    server.setDispatcher(consul.dispatcher());
    server.start(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port);
    consul.server = server;
    consul.port = port;
    return consul;
  }

  /** {@code 127.0.0.1:<port>}. */
  public String hostPort() {
    return "127.0.0.1:" + port;
  }

  /** A health entry of a service instance; add {@code Meta}, {@code Checks} and so on to it. */
  public static ObjectNode instance(
      String node, String nodeAddress, String serviceId, int port, String... tags) {
    ObjectNode entry = JSON.createObjectNode();
    ObjectNode n = entry.putObject("Node");
    n.put("Node", node).put("Address", nodeAddress).put("Datacenter", "dc1");
    n.putObject("TaggedAddresses").put("lan", nodeAddress);
    n.putObject("Meta");
    ObjectNode s = entry.putObject("Service");
    s.put("ID", serviceId).put("Address", "").put("Port", port);
    ArrayNode t = s.putArray("Tags");
    for (String tag : tags) {
      t.add(tag);
    }
    s.putObject("Meta");
    ArrayNode checks = entry.putArray("Checks");
    checks.addObject().put("CheckID", "serfHealth").put("Status", "passing");
    return entry;
  }

  /** Registers an instance of a service (its {@code Service.Service} is set to the name). */
  public synchronized void register(String service, ObjectNode instance) {
    ((ObjectNode) instance.get("Service")).put("Service", service);
    services.computeIfAbsent(service, s -> new ArrayList<>()).add(instance);
    changed();
  }

  /** Removes a service and all its instances. */
  public synchronized void deregister(String service) {
    services.remove(service);
    changed();
  }

  /** Makes every answer from now on malformed JSON (or well-formed again). */
  public synchronized void malformed(boolean malformed) {
    this.malformed = malformed;
    changed();
  }

  /** Sets the index lower than it was, as after a restore, and answers every held query. */
  public synchronized void indexGoesBackTo(long lower) {
    index = lower;
    generation++;
    notifyAll();
  }

  /** The current index. */
  public synchronized long index() {
    return index;
  }

  /** Every request received so far. */
  public List<RecordedRequest> requests() {
    return requests;
  }

  /** Stops answering: held queries fail, the port is closed. */
  public void stop() throws IOException {
    synchronized (this) {
      stopped = true;
      notifyAll();
    }
    MockWebServer s = server;
    if (s != null) {
      s.shutdown();
    }
  }

  /** Listens again on the same port, with the same data. */
  public void restart() {
    MockWebServer next = new MockWebServer();
    next.setDispatcher(dispatcher());
    // Connections of the old server may hold the port a moment longer: retry until it binds.
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(
            () -> {
              next.start(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port);
              return true;
            });
    synchronized (this) {
      stopped = false;
      server = next;
    }
  }

  private void changed() {
    index++;
    notifyAll();
  }

  private Dispatcher dispatcher() {
    return new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        requests.add(request);
        return answer(request);
      }
    };
  }

  private synchronized MockResponse answer(RecordedRequest request) throws InterruptedException {
    HttpUrl url = request.getRequestUrl();
    String path = url.encodedPath();
    // Behind a proxy with a path prefix (consul_sd_config's path_prefix), the API starts later.
    int api = path.indexOf("/v1/");
    path = api < 0 ? path : path.substring(api);
    if (path.equals("/v1/agent/self")) {
      return json("{\"Config\": {\"Datacenter\": \"dc1\", \"NodeName\": \"agent\"}}");
    }
    String wanted = url.queryParameter("index");
    if (wanted != null) {
      long waitMillis = parseWait(url.queryParameter("wait"));
      long deadline = System.currentTimeMillis() + waitMillis;
      long held = generation;
      while (index <= Long.parseLong(wanted) && !stopped && held == generation) {
        long left = deadline - System.currentTimeMillis();
        if (left <= 0) {
          break;
        }
        wait(left);
      }
    }
    if (stopped) {
      return new MockResponse().setResponseCode(503);
    }
    if (malformed) {
      return json("{\"this is\": not json").setHeader("X-Consul-Index", index);
    }
    if (path.equals("/v1/catalog/services")) {
      ObjectNode body = JSON.createObjectNode();
      services.forEach(
          (name, instances) -> {
            ArrayNode tags = body.putArray(name);
            instances.forEach(
                i ->
                    i.get("Service")
                        .get("Tags")
                        .forEach(
                            t -> {
                              if (!tags.toString().contains("\"" + t.asText() + "\"")) {
                                tags.add(t);
                              }
                            }));
          });
      return json(body.toString()).setHeader("X-Consul-Index", index);
    }
    if (path.startsWith("/v1/health/service/")) {
      String name = path.substring("/v1/health/service/".length());
      List<String> tags = url.queryParameterValues("tag");
      ArrayNode body = JSON.createArrayNode();
      for (ObjectNode instance : services.getOrDefault(name, List.of())) {
        List<String> has = new ArrayList<>();
        instance.get("Service").get("Tags").forEach(t -> has.add(t.asText()));
        if (has.containsAll(tags)) {
          body.add(instance);
        }
      }
      return json(body.toString()).setHeader("X-Consul-Index", index);
    }
    return new MockResponse().setResponseCode(404).setBody("unknown path " + path);
  }

  private static long parseWait(String wait) {
    if (wait == null) {
      return 5 * 60_000L;
    }
    if (wait.endsWith("ms")) {
      return Long.parseLong(wait.substring(0, wait.length() - 2));
    }
    return Long.parseLong(wait.substring(0, wait.length() - 1)) * 1000;
  }

  private static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
  }

  @Override
  public void close() throws IOException {
    stop();
  }
}
