package io.github.vulcanscraper.discovery;

import io.github.vulcanscraper.core.http.TlsConfig;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import okhttp3.internal.tls.OkHostnameVerifier;
import org.jspecify.annotations.Nullable;

/**
 * Applies a {@link TlsConfig} to an OkHttp client: the CA to trust, a client certificate with its
 * PKCS#8 PEM key, the server name to verify, or no verification at all.
 */
final class Tls {
  private static final char[] NO_PASSWORD = new char[0];

  private Tls() {}

  static void apply(TlsConfig tls, OkHttpClient.Builder b) throws IOException {
    try {
      X509TrustManager trust =
          tls.insecureSkipVerify() ? new TrustAll() : trustManager(pem(tls.ca(), tls.caFile()));
      KeyManager[] keys = null;
      String cert = pem(tls.cert(), tls.certFile());
      if (cert != null) {
        if (tls.key() == null) {
          throw new IOException("tls_config has a client certificate but no key");
        }
        keys = keyManagers(cert, tls.key().reveal());
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys, new TrustManager[] {trust}, null);
      b.sslSocketFactory(context.getSocketFactory(), trust);
      if (tls.insecureSkipVerify()) {
        b.hostnameVerifier((host, session) -> true);
      } else if (tls.serverName() != null) {
        String name = tls.serverName();
        b.hostnameVerifier((host, session) -> OkHostnameVerifier.INSTANCE.verify(name, session));
      }
    } catch (GeneralSecurityException e) {
      throw new IOException("tls_config: " + e.getMessage(), e);
    }
  }

  private static @Nullable String pem(@Nullable String inline, @Nullable Path file)
      throws IOException {
    if (inline != null) {
      return inline;
    }
    return file == null ? null : Files.readString(file, StandardCharsets.US_ASCII);
  }

  private static X509TrustManager trustManager(@Nullable String caPem)
      throws GeneralSecurityException, IOException {
    TrustManagerFactory f =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    if (caPem == null) {
      f.init((KeyStore) null);
    } else {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (Certificate c : certificates(caPem)) {
        store.setCertificateEntry("ca" + i++, c);
      }
      f.init(store);
    }
    return (X509TrustManager) f.getTrustManagers()[0];
  }

  private static Collection<? extends Certificate> certificates(String pem)
      throws GeneralSecurityException {
    return CertificateFactory.getInstance("X.509")
        .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }

  private static KeyManager[] keyManagers(String certPem, String keyPem)
      throws GeneralSecurityException, IOException {
    String body =
        keyPem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    if (keyPem.contains("BEGIN RSA PRIVATE KEY") || keyPem.contains("BEGIN EC PRIVATE KEY")) {
      throw new IOException("tls_config key must be PKCS#8 PEM (BEGIN PRIVATE KEY)");
    }
    byte[] der = Base64.getDecoder().decode(body);
    PrivateKey key = null;
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        break;
      } catch (GeneralSecurityException tryNext) {
        // not this algorithm
      }
    }
    if (key == null) {
      throw new IOException("tls_config key: not an RSA, EC or Ed25519 PKCS#8 key");
    }
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setKeyEntry(
        "client", key, NO_PASSWORD, certificates(certPem).toArray(new Certificate[0]));
    KeyManagerFactory f = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    f.init(store, NO_PASSWORD);
    return f.getKeyManagers();
  }

  /** Trusts every certificate: {@code insecure_skip_verify}. */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
