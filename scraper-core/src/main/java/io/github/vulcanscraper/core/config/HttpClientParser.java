package io.github.vulcanscraper.core.config;

import io.github.vulcanscraper.core.http.HttpClientConfig;
import io.github.vulcanscraper.core.http.Secret;
import io.github.vulcanscraper.core.http.TlsConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads Prometheus' HTTP client settings ({@code basic_auth}, {@code authorization}, {@code
 * tls_config}, {@code proxy_url}, {@code http_headers}...), inlined in a scrape config or an SD
 * config, into an {@link HttpClientConfig}.
 */
final class HttpClientParser {
  static final List<String> KEYS =
      List.of(
          "basic_auth",
          "authorization",
          "oauth2",
          "bearer_token",
          "bearer_token_file",
          "tls_config",
          "follow_redirects",
          "enable_http2",
          "proxy_url",
          "no_proxy",
          "proxy_from_environment",
          "proxy_connect_header",
          "http_headers");

  private static final Set<String> RESERVED_HEADERS =
      Set.of(
          "authorization",
          "host",
          "content-encoding",
          "content-length",
          "content-type",
          "user-agent",
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "www-authenticate",
          "accept-encoding",
          "x-prometheus-remote-write-version",
          "x-prometheus-remote-read-version",
          "x-prometheus-scrape-timeout-seconds",
          "x-amz-date",
          "x-amz-security-token",
          "x-amz-content-sha256");

  private final @Nullable Path baseDir;

  HttpClientParser(@Nullable Path baseDir) {
    this.baseDir = baseDir;
  }

  /** The file {@code name}, relative to the base directory; errors are reported at {@code at}. */
  Path file(String name, Node at) {
    Path p;
    try {
      p = Path.of(name);
    } catch (InvalidPathException e) {
      throw at.error("invalid file name: " + e.getReason());
    }
    return baseDir == null || p.isAbsolute() ? p : baseDir.resolve(p);
  }

  /** Reads the HTTP client keys of {@code f}; legacy basic auth may come from the caller. */
  HttpClientConfig parse(Node.Fields f) {
    HttpClientConfig.Builder b = HttpClientConfig.builder();
    Node oauth2 = f.get("oauth2");
    if (oauth2 != null && !oauth2.isNull()) {
      throw oauth2.error("oauth2 is not supported");
    }
    boolean basic = basicAuth(f.get("basic_auth"), b);
    Node bearer = f.get("bearer_token");
    Node bearerFile = f.get("bearer_token_file");
    String token = bearer == null ? "" : bearer.string();
    String tokenFile = bearerFile == null ? "" : bearerFile.string();
    Node where = f.node();
    if (!token.isEmpty() && !tokenFile.isEmpty()) {
      throw where.error("at most one of bearer_token & bearer_token_file must be configured");
    }
    if (basic && (!token.isEmpty() || !tokenFile.isEmpty())) {
      throw where.error(
          "at most one of basic_auth, oauth2, bearer_token & bearer_token_file must be configured");
    }
    Node auth = f.get("authorization");
    if (auth != null && !auth.isNull()) {
      if (!token.isEmpty() || !tokenFile.isEmpty()) {
        throw auth.error("authorization is not compatible with bearer_token & bearer_token_file");
      }
      if (basic) {
        throw auth.error("at most one of basic_auth, oauth2 & authorization must be configured");
      }
      authorization(auth, b);
    } else if (!token.isEmpty()) {
      b.authorization("Bearer", Secret.of(token));
    } else if (!tokenFile.isEmpty()) {
      b.authorization("Bearer", Secret.fromFile(file(tokenFile, where)));
    }
    Node tls = f.get("tls_config");
    if (tls != null) {
      b.tls(tls(tls));
    }
    Node follow = f.get("follow_redirects");
    if (follow != null) {
      b.followRedirects(follow.bool());
    }
    Node http2 = f.get("enable_http2");
    if (http2 != null) {
      b.enableHttp2(http2.bool());
    }
    proxy(f, b);
    Node headers = f.get("http_headers");
    if (headers != null) {
      headers(headers, b);
    }
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw where.error(String.valueOf(e.getMessage()), e);
    }
  }

  private boolean basicAuth(@Nullable Node n, HttpClientConfig.Builder b) {
    if (n == null || n.isNull()) {
      return false;
    }
    Node.Fields f = n.fields("basic_auth");
    unsupportedRef(f, "username_ref", "username_file", "password_ref");
    String user = string(f, "username");
    Node password = f.get("password");
    Node passwordFile = f.get("password_file");
    String pw = password == null ? "" : password.string();
    String pwFile = passwordFile == null ? "" : passwordFile.string();
    f.done();
    if (!pw.isEmpty() && !pwFile.isEmpty()) {
      throw n.error(
          "at most one of basic_auth password, password_file & password_ref must be"
              + " configured");
    }
    Secret secret =
        !pwFile.isEmpty() ? Secret.fromFile(file(pwFile, n)) : pw.isEmpty() ? null : Secret.of(pw);
    b.basicAuth(user, secret);
    return true;
  }

  private void authorization(Node n, HttpClientConfig.Builder b) {
    Node.Fields f = n.fields("authorization");
    unsupportedRef(f, "credentials_ref");
    String type = string(f, "type").trim();
    String credentials = string(f, "credentials");
    String file = string(f, "credentials_file");
    f.done();
    if (!credentials.isEmpty() && !file.isEmpty()) {
      throw n.error(
          "at most one of authorization credentials & credentials_file must be" + " configured");
    }
    Secret secret = !file.isEmpty() ? Secret.fromFile(file(file, n)) : Secret.of(credentials);
    n.check(() -> b.authorization(type, secret));
  }

  private TlsConfig tls(Node n) {
    Node.Fields f = n.fields("tls_config");
    unsupportedRef(f, "ca_ref", "cert_ref", "key_ref");
    TlsConfig.Builder b = TlsConfig.builder();
    String ca = string(f, "ca");
    String caFile = string(f, "ca_file");
    String cert = string(f, "cert");
    String certFile = string(f, "cert_file");
    String key = string(f, "key");
    String keyFile = string(f, "key_file");
    String serverName = string(f, "server_name");
    Node skip = f.get("insecure_skip_verify");
    Node min = f.get("min_version");
    if (min != null) {
      String v = min.string();
      if (!v.isEmpty() && !Set.of("TLS10", "TLS11", "TLS12").contains(v)) {
        throw min.error(
            v.equals("TLS13") ? "min_version TLS13 is not supported" : "unknown TLS version: " + v);
      }
    }
    Node max = f.get("max_version");
    if (max != null && !max.string().isEmpty()) {
      throw max.error("max_version is not supported");
    }
    f.done();
    if (!key.isEmpty() && !keyFile.isEmpty()) {
      throw n.error("at most one of key and key_file must be configured");
    }
    b.ca(ca.isEmpty() ? null : ca)
        .caFile(caFile.isEmpty() ? null : file(caFile, n))
        .cert(cert.isEmpty() ? null : cert)
        .certFile(certFile.isEmpty() ? null : file(certFile, n))
        .key(
            !keyFile.isEmpty()
                ? Secret.fromFile(file(keyFile, n))
                : key.isEmpty() ? null : Secret.of(key))
        .serverName(serverName.isEmpty() ? null : serverName)
        .insecureSkipVerify(skip != null && skip.bool());
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw n.error(String.valueOf(e.getMessage()), e);
    }
  }

  private void proxy(Node.Fields f, HttpClientConfig.Builder b) {
    Node url = f.get("proxy_url");
    if (url != null && !url.string().isEmpty()) {
      URI uri;
      try {
        uri = new URI(url.string());
      } catch (URISyntaxException e) {
        throw url.error("invalid proxy_url: " + e.getReason());
      }
      url.check(() -> b.proxyUrl(uri));
    }
    Node noProxy = f.get("no_proxy");
    if (noProxy != null && !noProxy.string().isEmpty()) {
      throw noProxy.error("no_proxy is not supported");
    }
    Node fromEnv = f.get("proxy_from_environment");
    if (fromEnv != null && fromEnv.bool()) {
      throw fromEnv.error("proxy_from_environment is not supported");
    }
    Node connect = f.get("proxy_connect_header");
    if (connect != null && !connect.isNull() && !connect.fields("").keys().isEmpty()) {
      throw connect.error("proxy_connect_header is not supported");
    }
  }

  private void headers(Node n, HttpClientConfig.Builder b) {
    Node.Fields headers = n.fields("http_headers");
    for (String name : headers.keys()) {
      Node h = headers.present(name);
      if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
        throw h.error("setting header \"" + name + "\" is not allowed");
      }
      Node.Fields f = h.fields("header");
      List<Secret> values = new ArrayList<>();
      Node v = f.get("values");
      if (v != null) {
        v.strings().forEach(s -> values.add(Secret.of(s)));
      }
      Node s = f.get("secrets");
      if (s != null) {
        s.strings().forEach(x -> values.add(Secret.of(x)));
      }
      Node files = f.get("files");
      if (files != null) {
        files.strings().forEach(x -> values.add(Secret.fromFile(file(x, files))));
      }
      f.done();
      h.check(() -> b.header(name, values));
    }
  }

  private static String string(Node.Fields f, String key) {
    Node n = f.get(key);
    return n == null ? "" : n.string();
  }

  private static void unsupportedRef(Node.Fields f, String... keys) {
    for (String key : keys) {
      Node n = f.get(key);
      if (n != null && !n.string().isEmpty()) {
        throw n.error(key + " is not supported");
      }
    }
  }
}
