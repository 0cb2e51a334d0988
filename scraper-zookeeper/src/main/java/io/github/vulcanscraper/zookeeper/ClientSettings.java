package io.github.vulcanscraper.zookeeper;

import io.github.vulcanscraper.core.http.Secret;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.framework.api.ACLProvider;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.ACL;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.jspecify.annotations.Nullable;

/**
 * How a component reaches ZooKeeper: either a {@link CuratorFramework} the host owns, or a connect
 * string from which the component builds, starts and closes its own client. Shared by the builders
 * of {@link ZooKeeperPool}, {@link ZooKeeperJobWatcher} and {@link JobStore}. Mutable; used by one
 * builder at a time.
 */
final class ClientSettings {
  static final Duration DEFAULT_SESSION_TIMEOUT = Duration.ofSeconds(15);
  static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(5);

  private @Nullable CuratorFramework client;
  private @Nullable String connectString;
  private Duration sessionTimeout = DEFAULT_SESSION_TIMEOUT;
  private Duration connectionTimeout = DEFAULT_CONNECTION_TIMEOUT;
  private @Nullable String digestUser;
  private @Nullable Secret digestPassword;
  private String root = Layout.DEFAULT_ROOT;

  void client(CuratorFramework client) {
    this.client = Objects.requireNonNull(client, "client");
  }

  void connectString(String connectString) {
    Objects.requireNonNull(connectString, "connectString");
    if (connectString.isBlank()) {
      throw new IllegalArgumentException("connect string must not be blank");
    }
    this.connectString = connectString;
  }

  void sessionTimeout(Duration timeout) {
    this.sessionTimeout = positiveMillis("session timeout", timeout);
  }

  void connectionTimeout(Duration timeout) {
    this.connectionTimeout = positiveMillis("connection timeout", timeout);
  }

  void digest(String user, Secret password) {
    Objects.requireNonNull(user, "user");
    if (user.isEmpty() || user.indexOf(':') >= 0) {
      throw new IllegalArgumentException(
          "digest user must be non-empty without ':': \"" + user + "\"");
    }
    this.digestUser = user;
    this.digestPassword = Objects.requireNonNull(password, "password");
  }

  void root(String root) {
    Layout.of(root);
    this.root = root;
  }

  Layout layout() {
    return Layout.of(root);
  }

  /** Checks that exactly one way to reach ZooKeeper was given. */
  void validate() {
    if ((client == null) == (connectString == null)) {
      throw new IllegalStateException(
          "exactly one of client(...) and connectString(...) is required");
    }
    if (client != null && digestUser != null) {
      throw new IllegalStateException(
          "digest(...) applies only with connectString(...); configure authorization and an"
              + " ACLProvider on the CuratorFramework you pass instead");
    }
  }

  /** True when the component builds and closes its own client. */
  boolean ownsClient() {
    return client == null;
  }

  /** The host's client, or a new, not yet started, client of the component's own. */
  CuratorFramework newOrGivenClient() {
    CuratorFramework given = client;
    if (given != null) {
      return given;
    }
    String connect = connectString;
    if (connect == null) {
      throw new IllegalStateException(
          "exactly one of client(...) and connectString(...) is required");
    }
    CuratorFrameworkFactory.Builder builder =
        CuratorFrameworkFactory.builder()
            .connectString(connect)
            .sessionTimeoutMs((int) sessionTimeout.toMillis())
            .connectionTimeoutMs((int) connectionTimeout.toMillis())
            .retryPolicy(new ExponentialBackoffRetry(200, 10, 5_000));
    String user = digestUser;
    Secret password = digestPassword;
    if (user != null && password != null) {
      String credentials = user + ":" + reveal(password);
      builder
          .authorization("digest", credentials.getBytes(StandardCharsets.UTF_8))
          .aclProvider(new DigestAclProvider(digestAcl(credentials)));
    }
    return builder.build();
  }

  private static String reveal(Secret password) {
    try {
      return password.reveal();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the ZooKeeper digest password: " + password, e);
    }
  }

  /** All rights for the digest identity, read for everyone else. */
  private static List<ACL> digestAcl(String credentials) {
    try {
      Id id = new Id("digest", DigestAuthenticationProvider.generateDigest(credentials));
      // Not List.of: ZooKeeper asks the list whether it contains null, which List.of refuses.
      return Collections.unmodifiableList(
          Arrays.asList(
              new ACL(ZooDefs.Perms.ALL, id),
              new ACL(ZooDefs.Perms.READ, ZooDefs.Ids.ANYONE_ID_UNSAFE)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA1 is not available", e);
    }
  }

  private static Duration positiveMillis(String what, Duration value) {
    Objects.requireNonNull(value, what);
    if (value.toMillis() <= 0 || value.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(what + " must be between 1 ms and 24 days: " + value);
    }
    return value;
  }

  private static final class DigestAclProvider implements ACLProvider {
    private final List<ACL> acl;

    DigestAclProvider(List<ACL> acl) {
      this.acl = acl;
    }

    @Override
    public List<ACL> getDefaultAcl() {
      return acl;
    }

    @Override
    public List<ACL> getAclForPath(String path) {
      return acl;
    }
  }
}
