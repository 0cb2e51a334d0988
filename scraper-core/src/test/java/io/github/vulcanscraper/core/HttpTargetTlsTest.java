package io.github.vulcanscraper.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.api.ScrapeException;
import io.github.vulcanscraper.core.http.HttpClientConfig;
import io.github.vulcanscraper.core.http.Secret;
import io.github.vulcanscraper.core.http.TlsConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTPTarget over TLS, with a CA, server and client certificates the test makes. */
final class HttpTargetTlsTest {
  private static final HeldCertificate CA =
      new HeldCertificate.Builder().certificateAuthority(0).commonName("vulcan test CA").build();
  private static final HeldCertificate OTHER_CA =
      new HeldCertificate.Builder().certificateAuthority(0).commonName("someone else").build();

  private final MockWebServer server = new MockWebServer();

  @SuppressWarnings("NullAway.Init") // JUnit sets it before each test
  @TempDir
  Path dir;

  @BeforeEach
  void start() throws IOException {
    server.start(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0);
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private void serveTls(HeldCertificate serverCert, boolean requireClientCert) {
    HandshakeCertificates certs =
        new HandshakeCertificates.Builder()
            .heldCertificate(serverCert)
            .addTrustedCertificate(CA.certificate())
            .build();
    server.useHttps(certs.sslSocketFactory(), false);
    if (requireClientCert) {
      server.requireClientAuth();
    }
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", HttpTargetTest.TEXT_TYPE)
            .setBody(HttpTargetTest.TEXT));
  }

  private static HeldCertificate serverCert(String... names) {
    HeldCertificate.Builder b = new HeldCertificate.Builder().signedBy(CA).commonName(names[0]);
    for (String n : names) {
      b.addSubjectAlternativeName(n);
    }
    return b.build();
  }

  private HTTPTarget target(TlsConfig tls) {
    return HTTPTarget.builder()
        .url(URI.create("https://127.0.0.1:" + server.getPort() + "/metrics"))
        .job(JobName.of("tls"))
        .interval(Duration.ofSeconds(10))
        .timeout(Duration.ofSeconds(5))
        .httpClientConfig(HttpClientConfig.builder().tls(tls).build())
        .clients(HttpClients.of(new okhttp3.OkHttpClient()))
        .build();
  }

  private Path caFile() throws IOException {
    return Files.writeString(dir.resolve("ca.pem"), CA.certificatePem());
  }

  private static String reason(HTTPTarget t) {
    try {
      t.fetch();
      return "success";
    } catch (ScrapeException e) {
      assertThat(e.getMessage()).doesNotContain("PRIVATE KEY");
      return e.reason();
    }
  }

  @Test
  void trustsTheCaItIsGivenInAFileOrInline() throws IOException {
    serveTls(serverCert("127.0.0.1"), false);
    assertThat(reason(target(TlsConfig.builder().caFile(caFile()).build()))).isEqualTo("success");
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", HttpTargetTest.TEXT_TYPE)
            .setBody(HttpTargetTest.TEXT));
    assertThat(reason(target(TlsConfig.builder().ca(CA.certificatePem()).build())))
        .isEqualTo("success");
  }

  @Test
  void verifiesByDefaultSoASelfSignedTargetFailsWithoutCaConfig() {
    serveTls(serverCert("127.0.0.1"), false);
    HTTPTarget byDefault =
        HTTPTarget.builder()
            .url(URI.create("https://127.0.0.1:" + server.getPort() + "/metrics"))
            .job(JobName.of("tls"))
            .timeout(Duration.ofSeconds(5))
            .build();

    assertThat(byDefault.httpClientConfig()).isEqualTo(HttpClientConfig.DEFAULT);
    assertThat(reason(byDefault)).isEqualTo("tls");
  }

  @Test
  void failsWithoutTheCa() {
    serveTls(serverCert("127.0.0.1"), false);
    assertThat(reason(target(TlsConfig.builder().ca(OTHER_CA.certificatePem()).build())))
        .isEqualTo("tls");
  }

  @Test
  void skipsVerificationWhenInsecure() {
    serveTls(serverCert("somewhere.else"), false);
    assertThat(reason(target(TlsConfig.builder().insecureSkipVerify(true).build())))
        .isEqualTo("success");
  }

  @Test
  void verifiesTheServerNameItIsGiven() throws IOException {
    serveTls(serverCert("metrics.internal"), false);
    assertThat(reason(target(TlsConfig.builder().caFile(caFile()).build()))).isEqualTo("tls");
    server.enqueue(
        new MockResponse()
            .setHeader("Content-Type", HttpTargetTest.TEXT_TYPE)
            .setBody(HttpTargetTest.TEXT));
    assertThat(
            reason(
                target(
                    TlsConfig.builder().caFile(caFile()).serverName("metrics.internal").build())))
        .isEqualTo("success");
  }

  @Test
  void presentsAClientCertificateWithAnEcOrRsaKey() throws IOException {
    serveTls(serverCert("127.0.0.1"), true);
    assertThat(reason(target(TlsConfig.builder().caFile(caFile()).build())))
        .isNotEqualTo("success");

    for (HeldCertificate client :
        new HeldCertificate[] {
          new HeldCertificate.Builder().signedBy(CA).commonName("ec-client").build(),
          new HeldCertificate.Builder().signedBy(CA).rsa2048().commonName("rsa-client").build()
        }) {
      server.enqueue(
          new MockResponse()
              .setHeader("Content-Type", HttpTargetTest.TEXT_TYPE)
              .setBody(HttpTargetTest.TEXT));
      Path cert = Files.writeString(dir.resolve("client.pem"), client.certificatePem());
      Path key = Files.writeString(dir.resolve("client.key"), client.privateKeyPkcs8Pem());
      TlsConfig tls =
          TlsConfig.builder().caFile(caFile()).certFile(cert).key(Secret.fromFile(key)).build();
      assertThat(reason(target(tls)))
          .as(client.certificate().getSubjectX500Principal().getName())
          .isEqualTo("success");
    }
  }

  @Test
  void readsAPkcs1RsaKey() throws IOException {
    serveTls(serverCert("127.0.0.1"), true);
    HeldCertificate client = new HeldCertificate.Builder().signedBy(CA).rsa2048().build();
    TlsConfig tls =
        TlsConfig.builder()
            .caFile(caFile())
            .cert(client.certificatePem())
            .key(Secret.of(client.privateKeyPkcs1Pem()))
            .build();
    assertThat(reason(target(tls))).isEqualTo("success");
  }

  @Test
  void namesABadKeyFileWithoutShowingIt() throws IOException {
    Path key =
        Files.writeString(
            dir.resolve("bad.key"),
            "-----BEGIN EC PRIVATE KEY-----\nAAAA\n" + "-----END EC PRIVATE KEY-----\n");
    HeldCertificate client = new HeldCertificate.Builder().signedBy(CA).build();
    TlsConfig tls =
        TlsConfig.builder()
            .caFile(caFile())
            .cert(client.certificatePem())
            .key(Secret.fromFile(key))
            .build();
    try {
      target(tls).fetch();
    } catch (ScrapeException e) {
      assertThat(e.reason()).isEqualTo("tls_config");
      assertThat(e)
          .hasMessageContaining(key.toString())
          .hasMessageContaining("PKCS#8")
          .hasMessageNotContaining("AAAA");
      return;
    }
    throw new AssertionError("a bad key was accepted");
  }
}
