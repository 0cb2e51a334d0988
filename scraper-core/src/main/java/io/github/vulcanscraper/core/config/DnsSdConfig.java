package io.github.vulcanscraper.core.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code dns_sd_configs}: names to resolve periodically, as Prometheus' DNS service
 * discovery. Defaults: type {@link RecordType#SRV}, refresh interval 30s, port 0. A port is
 * required for every type but SRV (SRV records carry their own). Immutable and thread-safe.
 *
 * <pre>{@code
 * DnsSdConfig dns = DnsSdConfig.builder()
 *     .names(List.of("node.example.com")).type(DnsSdConfig.RecordType.A).port(9100).build();
 * }</pre>
 */
public final class DnsSdConfig {
  /** The default refresh interval, 30 seconds. */
  public static final Duration DEFAULT_REFRESH_INTERVAL = Duration.ofSeconds(30);

  /** The record type to query. */
  public enum RecordType {
    /** Service records: targets and ports from the records. The default. */
    SRV,
    /** IPv4 addresses, with the configured port. */
    A,
    /** IPv6 addresses, with the configured port. */
    AAAA,
    /** Mail exchangers, with the configured port. */
    MX,
    /** Name servers, with the configured port. */
    NS;

    /**
     * The type with this name, case-insensitively.
     *
     * @param name the type's name, e.g. {@code srv} or {@code AAAA}
     * @return the type
     * @throws IllegalArgumentException for another name
     */
    public static RecordType of(String name) {
      for (RecordType t : values()) {
        if (t.name().equals(name.toUpperCase(Locale.ROOT))) {
          return t;
        }
      }
      throw new IllegalArgumentException("invalid DNS-SD records type " + name);
    }
  }

  private final List<String> names;
  private final RecordType type;
  private final int port;
  private final Duration refreshInterval;

  private DnsSdConfig(Builder b) {
    this.names = b.names;
    this.type = b.type;
    this.port = b.port;
    this.refreshInterval = b.refreshInterval;
  }

  /**
   * A builder with the defaults.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@code names}: the DNS names to query; at least one.
   *
   * @return the names, never empty
   */
  public List<String> names() {
    return names;
  }

  /**
   * {@code type}: the record type; {@link RecordType#SRV} by default.
   *
   * @return the record type
   */
  public RecordType type() {
    return type;
  }

  /**
   * {@code port}: the port of the targets for types other than SRV; 0 when unset.
   *
   * @return the port, 0 when unset
   */
  public int port() {
    return port;
  }

  /**
   * {@code refresh_interval}: how often the names are resolved again; 30s by default.
   *
   * @return the interval, positive
   */
  public Duration refreshInterval() {
    return refreshInterval;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof DnsSdConfig)) {
      return false;
    }
    DnsSdConfig d = (DnsSdConfig) o;
    return names.equals(d.names)
        && type == d.type
        && port == d.port
        && refreshInterval.equals(d.refreshInterval);
  }

  @Override
  public int hashCode() {
    return Objects.hash(names, type, port, refreshInterval);
  }

  @Override
  public String toString() {
    return "DnsSdConfig{names="
        + names
        + ", type="
        + type
        + ", port="
        + port
        + ", refreshInterval="
        + Durations.format(refreshInterval)
        + "}";
  }

  /** Builds a {@link DnsSdConfig}. Not thread-safe. */
  public static final class Builder {
    private List<String> names = List.of();
    private RecordType type = RecordType.SRV;
    private int port;
    private Duration refreshInterval = DEFAULT_REFRESH_INTERVAL;

    private Builder() {}

    /**
     * Sets {@code names}.
     *
     * @param names the DNS names; copied, at least one by {@link #build()}
     * @return this builder
     */
    public Builder names(List<String> names) {
      this.names = List.copyOf(names);
      return this;
    }

    /**
     * Sets {@code type}.
     *
     * @param type the record type; not null
     * @return this builder
     */
    public Builder type(RecordType type) {
      this.type = Objects.requireNonNull(type, "type");
      return this;
    }

    /**
     * Sets {@code port}.
     *
     * @param port the port, 1 to 65535, or 0 for unset
     * @return this builder
     * @throws IllegalArgumentException outside 0..65535
     */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be in 0..65535: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Sets {@code refresh_interval}; zero means the default.
     *
     * @param interval the interval; positive, or zero for {@link #DEFAULT_REFRESH_INTERVAL}
     * @return this builder
     * @throws IllegalArgumentException when negative
     */
    public Builder refreshInterval(Duration interval) {
      this.refreshInterval = ScrapeConfig.refresh(interval, DEFAULT_REFRESH_INTERVAL);
      return this;
    }

    /**
     * The configuration.
     *
     * @return a new, immutable configuration
     * @throws IllegalArgumentException without names, or without a port for a type but SRV
     */
    public DnsSdConfig build() {
      if (names.isEmpty()) {
        throw new IllegalArgumentException(
            "DNS-SD config must contain at least one SRV record name");
      }
      if (type != RecordType.SRV && port == 0) {
        throw new IllegalArgumentException(
            "a port is required in DNS-SD configs for all record types except SRV");
      }
      return new DnsSdConfig(this);
    }
  }
}
