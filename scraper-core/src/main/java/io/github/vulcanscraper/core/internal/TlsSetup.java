package io.github.vulcanscraper.core.internal;

import io.github.vulcanscraper.core.http.TlsConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.jspecify.annotations.Nullable;

/**
 * The JDK TLS objects for a {@link TlsConfig}: the trust manager (the CA given, the JDK's trust
 * store, or trust in anything with {@code insecure_skip_verify}), the client certificate and key,
 * and, with {@code server_name}, SNI and hostname verification against that name instead of the
 * URL's host. Files are read when this is built.
 */
public final class TlsSetup {
  private static final char[] NO_PASSWORD = new char[0];

  /** The socket factory to use. */
  public final SSLSocketFactory socketFactory;

  /** The trust manager behind the socket factory. */
  public final X509TrustManager trustManager;

  /** The hostname verifier to use, or {@code null} for the client's default. */
  public final @Nullable HostnameVerifier hostnameVerifier;

  private TlsSetup(
      SSLSocketFactory socketFactory,
      X509TrustManager trustManager,
      @Nullable HostnameVerifier verifier) {
    this.socketFactory = socketFactory;
    this.trustManager = trustManager;
    this.hostnameVerifier = verifier;
  }

  /**
   * The TLS objects for {@code config}.
   *
   * @throws GeneralSecurityException when a certificate or key does not parse
   * @throws IOException when a file cannot be read (the message names the file)
   */
  public static TlsSetup of(TlsConfig config) throws GeneralSecurityException, IOException {
    X509TrustManager trust = trustManager(config);
    KeyManagerFactory keys = keyManagers(config);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keys == null ? null : keys.getKeyManagers(), new TrustManager[] {trust}, null);
    SSLSocketFactory factory = context.getSocketFactory();
    @Nullable HostnameVerifier verifier = null;
    if (config.insecureSkipVerify()) {
      verifier = (host, session) -> true;
    } else if (config.serverName() != null) {
      String name = config.serverName();
      factory = new SniSocketFactory(factory, name);
      verifier = (host, session) -> matches(name, session);
    }
    return new TlsSetup(factory, trust, verifier);
  }

  private static X509TrustManager trustManager(TlsConfig config)
      throws GeneralSecurityException, IOException {
    if (config.insecureSkipVerify()) {
      return new TrustAll();
    }
    KeyStore store = null;
    String caPem = config.ca() != null ? config.ca() : read(config.caFile());
    if (caPem != null) {
      store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int i = 0;
      for (X509Certificate c :
          Pem.certificates(caPem, config.caFile() != null ? "ca_file " + config.caFile() : "ca")) {
        store.setCertificateEntry("ca-" + i++, c);
      }
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager) {
        return (X509TrustManager) tm;
      }
    }
    throw new GeneralSecurityException(
        "no X509TrustManager in " + Arrays.toString(tmf.getTrustManagers()));
  }

  private static @Nullable KeyManagerFactory keyManagers(TlsConfig config)
      throws GeneralSecurityException, IOException {
    String certPem = config.cert() != null ? config.cert() : read(config.certFile());
    if (certPem == null || config.key() == null) {
      return null;
    }
    String what = config.certFile() != null ? "cert_file " + config.certFile() : "cert";
    List<X509Certificate> chain = Pem.certificates(certPem, what);
    String keyWhat = config.key().isFile() ? "key_file " + config.key().file() : "key";
    PrivateKey key = Pem.privateKey(config.key().reveal(), keyWhat);
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setKeyEntry("client", key, NO_PASSWORD, chain.toArray(new X509Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, NO_PASSWORD);
    return kmf;
  }

  private static @Nullable String read(@Nullable Path file) throws IOException {
    return file == null ? null : Files.readString(file, StandardCharsets.US_ASCII);
  }

  /** True when the peer's certificate names {@code name} (DNS or IP subject alternative names). */
  static boolean matches(String name, SSLSession session) {
    try {
      X509Certificate cert = (X509Certificate) session.getPeerCertificates()[0];
      Collection<List<?>> sans = cert.getSubjectAlternativeNames();
      if (sans == null) {
        return false;
      }
      String wanted = name.toLowerCase(Locale.ROOT);
      for (List<?> san : sans) {
        int type = (Integer) san.get(0);
        String value = String.valueOf(san.get(1)).toLowerCase(Locale.ROOT);
        if (type == 2 && dnsMatches(wanted, value)) {
          return true;
        }
        if (type == 7 && ipMatches(wanted, value)) {
          return true;
        }
      }
      return false;
    } catch (SSLPeerUnverifiedException | CertificateParsingException e) {
      return false;
    }
  }

  private static boolean dnsMatches(String host, String pattern) {
    if (!pattern.startsWith("*.")) {
      return host.equals(pattern);
    }
    String suffix = pattern.substring(1); // ".example.com"
    return host.endsWith(suffix) && host.indexOf('.') == host.length() - suffix.length();
  }

  private static boolean ipMatches(String host, String ip) {
    try {
      return InetAddress.getByName(ip).equals(InetAddress.getByName(host));
    } catch (IOException e) {
      return false;
    }
  }

  /** Trusts every server certificate: {@code insecure_skip_verify}. */
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

  /** Sends {@code server_name} as SNI on every socket it makes. */
  private static final class SniSocketFactory extends SSLSocketFactory {
    private final SSLSocketFactory delegate;
    private final String serverName;

    SniSocketFactory(SSLSocketFactory delegate, String serverName) {
      this.delegate = delegate;
      this.serverName = serverName;
    }

    private Socket configure(Socket s) {
      if (s instanceof SSLSocket) {
        SSLParameters p = ((SSLSocket) s).getSSLParameters();
        p.setServerNames(List.of(new SNIHostName(serverName)));
        ((SSLSocket) s).setSSLParameters(p);
      }
      return s;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose)
        throws IOException {
      return configure(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return configure(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      return configure(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return configure(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(
        InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
      return configure(delegate.createSocket(address, port, localAddress, localPort));
    }
  }
}
