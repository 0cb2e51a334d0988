package io.github.vulcanscraper.core.http;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * TLS settings of a scrape, as Prometheus' {@code tls_config}: the CA to trust, a client
 * certificate and key, the server name to verify and whether to skip verification. Certificates and
 * keys are given as PEM, inline or in files (files are read when the client is built). Verification
 * is on unless {@link #insecureSkipVerify()} says otherwise.
 *
 * <p>Immutable and thread-safe; {@link #toString()} shows no key.
 */
public final class TlsConfig {
  /** No CA, no client certificate, verification on: the JDK's trust store decides. */
  public static final TlsConfig DEFAULT = builder().build();

  private final @Nullable String ca;
  private final @Nullable Path caFile;
  private final @Nullable String cert;
  private final @Nullable Path certFile;
  private final @Nullable Secret key;
  private final @Nullable String serverName;
  private final boolean insecureSkipVerify;

  private TlsConfig(Builder b) {
    this.ca = b.ca;
    this.caFile = b.caFile;
    this.cert = b.cert;
    this.certFile = b.certFile;
    this.key = b.key;
    this.serverName = b.serverName;
    this.insecureSkipVerify = b.insecureSkipVerify;
  }

  /**
   * A builder with verification on and nothing else set.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these settings.
   *
   * @return a new builder, independent of these settings
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.ca = ca;
    b.caFile = caFile;
    b.cert = cert;
    b.certFile = certFile;
    b.key = key;
    b.serverName = serverName;
    b.insecureSkipVerify = insecureSkipVerify;
    return b;
  }

  /**
   * The CA certificates as inline PEM ({@code ca}), or {@code null}.
   *
   * @return the inline PEM, or {@code null}
   */
  public @Nullable String ca() {
    return ca;
  }

  /**
   * The CA certificates' PEM file ({@code ca_file}), or {@code null}.
   *
   * @return the file, or {@code null}
   */
  public @Nullable Path caFile() {
    return caFile;
  }

  /**
   * The client certificate as inline PEM ({@code cert}), or {@code null}.
   *
   * @return the inline PEM, or {@code null}
   */
  public @Nullable String cert() {
    return cert;
  }

  /**
   * The client certificate's PEM file ({@code cert_file}), or {@code null}.
   *
   * @return the file, or {@code null}
   */
  public @Nullable Path certFile() {
    return certFile;
  }

  /**
   * The client key, PEM, inline or from a file ({@code key} / {@code key_file}), or {@code null}.
   *
   * @return the key, or {@code null} without a client certificate
   */
  public @Nullable Secret key() {
    return key;
  }

  /**
   * The name to verify the server's certificate against ({@code server_name}), or {@code null}.
   *
   * @return the server name, or {@code null} for the target's host
   */
  public @Nullable String serverName() {
    return serverName;
  }

  /**
   * {@code insecure_skip_verify}: accept any server certificate. Off by default.
   *
   * @return whether the server certificate goes unverified
   */
  public boolean insecureSkipVerify() {
    return insecureSkipVerify;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof TlsConfig)) {
      return false;
    }
    TlsConfig t = (TlsConfig) o;
    return java.util.Objects.equals(ca, t.ca)
        && java.util.Objects.equals(caFile, t.caFile)
        && java.util.Objects.equals(cert, t.cert)
        && java.util.Objects.equals(certFile, t.certFile)
        && java.util.Objects.equals(key, t.key)
        && java.util.Objects.equals(serverName, t.serverName)
        && insecureSkipVerify == t.insecureSkipVerify;
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(ca, caFile, cert, certFile, key, serverName, insecureSkipVerify);
  }

  @Override
  public String toString() {
    return "TlsConfig{caFile="
        + caFile
        + ", ca="
        + (ca == null ? null : "<pem>")
        + ", certFile="
        + certFile
        + ", cert="
        + (cert == null ? null : "<pem>")
        + ", key="
        + key
        + ", serverName="
        + serverName
        + ", insecureSkipVerify="
        + insecureSkipVerify
        + "}";
  }

  /** Builds a {@link TlsConfig}. Not thread-safe. */
  public static final class Builder {
    private @Nullable String ca;
    private @Nullable Path caFile;
    private @Nullable String cert;
    private @Nullable Path certFile;
    private @Nullable Secret key;
    private @Nullable String serverName;
    private boolean insecureSkipVerify;

    private Builder() {}

    /**
     * Sets the CA certificates as inline PEM; {@code null} clears.
     *
     * @param pem one or more PEM certificates, or {@code null}
     * @return this builder
     */
    public Builder ca(@Nullable String pem) {
      this.ca = pem;
      return this;
    }

    /**
     * Sets the CA certificates' PEM file; {@code null} clears.
     *
     * @param file the PEM file, read when clients are built; or {@code null}
     * @return this builder
     */
    public Builder caFile(@Nullable Path file) {
      this.caFile = file;
      return this;
    }

    /**
     * Sets the client certificate as inline PEM; {@code null} clears.
     *
     * @param pem the PEM certificate chain, or {@code null}
     * @return this builder
     */
    public Builder cert(@Nullable String pem) {
      this.cert = pem;
      return this;
    }

    /**
     * Sets the client certificate's PEM file; {@code null} clears.
     *
     * @param file the PEM file, or {@code null}
     * @return this builder
     */
    public Builder certFile(@Nullable Path file) {
      this.certFile = file;
      return this;
    }

    /**
     * Sets the client key; {@code null} clears.
     *
     * @param key the PEM private key, or {@code null}
     * @return this builder
     */
    public Builder key(@Nullable Secret key) {
      this.key = key;
      return this;
    }

    /**
     * Sets the server name to verify; {@code null} clears.
     *
     * @param serverName the name, or {@code null} for the target's host
     * @return this builder
     */
    public Builder serverName(@Nullable String serverName) {
      this.serverName = serverName;
      return this;
    }

    /**
     * Accepts any server certificate when {@code true}.
     *
     * @param skip {@code true} to skip verification (insecure); default {@code false}
     * @return this builder
     */
    public Builder insecureSkipVerify(boolean skip) {
      this.insecureSkipVerify = skip;
      return this;
    }

    /**
     * The settings.
     *
     * @return new, immutable settings
     * @throws IllegalArgumentException when both an inline and a file form are given for the same
     *     item, or a certificate without a key (or a key without a certificate)
     */
    public TlsConfig build() {
      if (ca != null && caFile != null) {
        throw new IllegalArgumentException("at most one of ca and ca_file must be configured");
      }
      if (cert != null && certFile != null) {
        throw new IllegalArgumentException("at most one of cert and cert_file must be configured");
      }
      boolean hasCert = cert != null || certFile != null;
      if (hasCert != (key != null)) {
        throw new IllegalArgumentException(
            "exactly one of key or key_file must be configured when a client certificate is"
                + " configured, and none without one");
      }
      return new TlsConfig(this);
    }
  }
}
