package io.github.vulcanscraper.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.api.ScrapeException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import okhttp3.mockwebserver.SocketPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plain http:// scrapes on the target's own connection, against real servers on loopback. */
final class PlainHttpTest {
  private static final String TEXT = HttpTargetTest.TEXT;

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void startServer() throws IOException {
    server.start(loopback(), 0);
  }

  @AfterEach
  void stopServer() throws IOException {
    server.shutdown();
  }

  private static InetAddress loopback() throws IOException {
    return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
  }

  private HTTPTarget.Builder target(String url) {
    return HTTPTarget.builder()
        .url(URI.create(url))
        .job(JobName.of("node"))
        .interval(Duration.ofSeconds(10))
        .timeout(Duration.ofSeconds(5));
  }

  private HTTPTarget.Builder target() {
    return target("http://127.0.0.1:" + server.getPort() + "/metrics?collect%5B%5D=cpu");
  }

  private static MockResponse text() {
    return new MockResponse().setHeader("Content-Type", HttpTargetTest.TEXT_TYPE).setBody(TEXT);
  }

  @Test
  void sendsWhatOkHttpWouldSend() throws Exception {
    server.enqueue(text());
    assertThat(target().build().fetch().get(0).samples()).hasSize(2);
    RecordedRequest r = server.takeRequest();
    assertThat(r.getRequestLine()).isEqualTo("GET /metrics?collect%5B%5D=cpu HTTP/1.1");
    assertThat(r.getHeader("Host")).isEqualTo("127.0.0.1:" + server.getPort());
    assertThat(r.getHeader("Connection")).isEqualTo("Keep-Alive");
    assertThat(r.getHeader("User-Agent")).isEqualTo(HttpFetch.USER_AGENT);
    assertThat(r.getHeader("Accept-Encoding")).isEqualTo("gzip");
  }

  @Test
  void readsAChunkedBody() throws Exception {
    server.enqueue(text().setChunkedBody(TEXT, 3));
    server.enqueue(text());
    HTTPTarget t = target().build();
    assertThat(t.fetch().get(0).samples()).hasSize(2);
    assertThat(t.fetch().get(0).samples()).hasSize(2);
    server.takeRequest();
    assertThat(server.takeRequest().getSequenceNumber()).isOne(); // same connection
  }

  @Test
  void sendsTheRequestAgainOnANewConnectionWhenTheTargetClosedTheKeptOne() throws Exception {
    server.enqueue(text().setSocketPolicy(SocketPolicy.DISCONNECT_AT_END));
    server.enqueue(text());
    HTTPTarget t = target().build();
    t.fetch();
    assertThat(t.fetch().get(0).samples()).hasSize(2);
    server.takeRequest();
    assertThat(server.takeRequest().getSequenceNumber()).isZero(); // a new connection
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void doesNotSendAgainWhenTheResponseHadStarted() throws Exception {
    AtomicInteger requests = new AtomicInteger();
    try (ServerSocket s = new ServerSocket(0, 10, loopback())) {
      Thread serving =
          new Thread(
              () -> {
                try (Socket c = s.accept()) {
                  InputStream in = c.getInputStream();
                  OutputStream out = c.getOutputStream();
                  readRequest(in);
                  requests.incrementAndGet();
                  out.write(ok("m 1\n").getBytes(StandardCharsets.ISO_8859_1));
                  readRequest(in);
                  requests.incrementAndGet();
                  out.write(
                      "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nm 1"
                          .getBytes(StandardCharsets.ISO_8859_1));
                } catch (IOException e) {
                  // the test's assertions say what went wrong
                }
              });
      serving.start();
      HTTPTarget t = target("http://127.0.0.1:" + s.getLocalPort() + "/metrics").build();
      assertThat(t.fetch().get(0).samples()).hasSize(1);
      ScrapeException e = HttpTargetTest.failure(t);
      assertThat(e.reason()).isEqualTo("io");
      assertThat(e).hasMessageContaining("unexpected end of stream");
      serving.join(TimeUnit.SECONDS.toMillis(10));
      assertThat(requests).hasValue(2);
    }
  }

  @Test
  void readsAnHttp10ResponseToTheEndAndConnectsAnewNextTime() throws Exception {
    AtomicInteger connections = new AtomicInteger();
    try (ServerSocket s = new ServerSocket(0, 10, loopback())) {
      Thread serving =
          new Thread(
              () -> {
                for (int i = 0; i < 2; i++) {
                  try (Socket c = s.accept()) {
                    connections.incrementAndGet();
                    readRequest(c.getInputStream());
                    c.getOutputStream()
                        .write(
                            "HTTP/1.0 200 OK\r\n\r\nm 1\nn 2\n".getBytes(StandardCharsets.UTF_8));
                  } catch (IOException e) {
                    return;
                  }
                }
              });
      serving.start();
      HTTPTarget t = target("http://127.0.0.1:" + s.getLocalPort() + "/metrics").build();
      assertThat(t.fetch()).hasSize(2);
      assertThat(t.fetch()).hasSize(2);
      serving.join(TimeUnit.SECONDS.toMillis(10));
      assertThat(connections).hasValue(2);
    }
  }

  @Test
  void followsARedirectThroughOkHttpFromThenOn() throws Exception {
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            return "/other".equals(request.getPath())
                ? text()
                : new MockResponse().setResponseCode(302).setHeader("Location", "/other");
          }
        });
    HTTPTarget t = target().build();
    assertThat(t.fetch().get(0).samples()).hasSize(2);
    assertThat(t.fetch().get(0).samples()).hasSize(2);
    assertThat(server.takeRequest().getPath()).startsWith("/metrics"); // the plain scrape
    assertThat(server.takeRequest().getPath()).startsWith("/metrics"); // OkHttp's
    assertThat(server.takeRequest().getPath()).isEqualTo("/other");
    assertThat(server.takeRequest().getPath()).startsWith("/metrics"); // OkHttp's again
    assertThat(server.takeRequest().getPath()).isEqualTo("/other");
    assertThat(server.getRequestCount()).isEqualTo(5);
  }

  @Test
  void leavesAHostsOwnClientInCharge() throws Exception {
    AtomicInteger seen = new AtomicInteger();
    OkHttpClient own =
        new OkHttpClient.Builder()
            .addInterceptor(
                chain -> {
                  seen.incrementAndGet();
                  return chain.proceed(chain.request());
                })
            .build();
    server.enqueue(text());
    HTTPTarget t = target().clients(HttpClients.of(own)).build();
    assertThat(t.fetch().get(0).samples()).hasSize(2);
    assertThat(seen).hasValue(1);
  }

  @Test
  void closesAnIdleConnectionAfterItsKeepAliveTime() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 10, loopback())) {
      Http1Connection c =
          Http1Connection.open("127.0.0.1", s.getLocalPort(), new Http1Connection.Abortable());
      try (Socket accepted = s.accept()) {
        c.idle(TimeUnit.MILLISECONDS.toNanos(50));
        await().atMost(Duration.ofSeconds(10)).until(c::isClosed);
        assertThat(c.take()).isFalse();
        assertThat(accepted.getInputStream().read()).isEqualTo(-1); // the server sees it closed
      }
    }
  }

  @Test
  void takesAnIdleConnectionBeforeItsKeepAliveTimeEnds() throws Exception {
    try (ServerSocket s = new ServerSocket(0, 10, loopback())) {
      Http1Connection c =
          Http1Connection.open("127.0.0.1", s.getLocalPort(), new Http1Connection.Abortable());
      try (Socket accepted = s.accept()) {
        c.idle(TimeUnit.HOURS.toNanos(1));
        assertThat(c.take()).isTrue();
        assertThat(c.isClosed()).isFalse();
        c.close();
        assertThat(accepted.getInputStream().read()).isEqualTo(-1);
      }
    }
  }

  private static String ok(String body) {
    return "HTTP/1.1 200 OK\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
  }

  /** Reads a request's head, up to its empty line. */
  private static void readRequest(InputStream in) throws IOException {
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("request cut short");
      }
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
  }
}
