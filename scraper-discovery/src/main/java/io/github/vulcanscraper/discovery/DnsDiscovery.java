package io.github.vulcanscraper.discovery;

import io.github.vulcanscraper.api.SnapshotListener;
import io.github.vulcanscraper.api.Subscription;
import io.github.vulcanscraper.core.discovery.TargetGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.Name;
import org.xbill.DNS.TextParseException;

/**
 * DNS service discovery, as Prometheus' {@code dns_sd_config}: looks up each name (SRV records by
 * default, or A, AAAA, MX, NS) every refresh interval and makes one group per name, sourced by the
 * name, with a target per answer record.
 *
 * <p>A target's {@code __address__} is the SRV record's target and port, or the A/AAAA address, MX
 * exchange or NS host with the configured {@link #port()}; host names lose their trailing dot, as
 * in Prometheus. Each target carries {@code __meta_dns_name} (the name looked up) and, by type,
 * {@code __meta_dns_srv_record_target}, {@code __meta_dns_srv_record_port}, {@code
 * __meta_dns_mx_record_target} or {@code __meta_dns_ns_record_target} (record targets as answered,
 * with their trailing dot). Targets are ordered by their labels, so a server that rotates its
 * answers does not make a new snapshot.
 *
 * <p>Answers: a name that does not exist (NXDOMAIN) gives its group no targets, as in Prometheus;
 * any other error code, a timeout or a malformed answer keeps the name's last good group and is
 * reported. A truncated UDP answer is asked again over TCP. Names are looked up as given (absolute,
 * no search list). CNAME records in an answer are skipped; the records they lead to are used.
 *
 * <p>Immutable and thread-safe; each {@link #watch} runs its own lookups on shared daemon threads.
 *
 * <pre>{@code
 * DnsDiscovery dns = DnsDiscovery.builder()
 *     .names("_metrics._tcp.example.com")
 *     .server("127.0.0.1:5353")          // optional: the system's resolvers otherwise
 *     .refreshInterval(Duration.ofSeconds(30))
 *     .build();
 * }</pre>
 */
public final class DnsDiscovery implements Discoverer {
  /** The record types that can be looked up. */
  public enum Type {
    /** Service records; their targets and ports make the addresses. The default. */
    SRV,
    /** IPv4 addresses, with the configured port. */
    A,
    /** IPv6 addresses, with the configured port. */
    AAAA,
    /** Mail exchanges, with the configured port. */
    MX,
    /** Name servers, with the configured port. */
    NS
  }

  private final List<String> names;
  private final Type type;
  private final int port;
  private final Duration refreshInterval;
  private final List<InetSocketAddress> servers;
  private final Duration timeout;

  private DnsDiscovery(Builder b) {
    this.names = List.copyOf(b.names);
    this.type = b.type;
    this.port = b.type == Type.SRV ? 0 : b.port;
    this.refreshInterval = b.refreshInterval;
    this.servers = List.copyOf(b.servers);
    this.timeout = b.timeout;
  }

  /**
   * A builder with the defaults: SRV, refresh every 30 s, the system's resolvers, 5 s timeout.
   *
   * @return a new builder with those defaults; set at least one name
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding these settings.
   *
   * @return a new builder; changing it leaves this discoverer as it is
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.names.addAll(names);
    b.type = type;
    b.port = port;
    b.refreshInterval = refreshInterval;
    b.servers.addAll(servers);
    b.timeout = timeout;
    return b;
  }

  /**
   * The names looked up, never empty.
   *
   * @return the names, as given, unmodifiable
   */
  public List<String> names() {
    return names;
  }

  /**
   * The record type looked up; {@link Type#SRV} by default.
   *
   * @return the record type
   */
  public Type type() {
    return type;
  }

  /**
   * The port of targets found by A, AAAA, MX and NS lookups; 0 (unused) for SRV.
   *
   * @return the port, 1 to 65535, or 0 for SRV
   */
  public int port() {
    return port;
  }

  /**
   * How often the names are looked up again; 30 s by default.
   *
   * @return the interval; positive
   */
  public Duration refreshInterval() {
    return refreshInterval;
  }

  /**
   * The DNS servers asked, in order; empty for the system's resolvers.
   *
   * @return the servers, unmodifiable
   */
  public List<InetSocketAddress> servers() {
    return servers;
  }

  /**
   * How long one query may take before it fails; 5 s by default.
   *
   * @return the query timeout; positive
   */
  public Duration timeout() {
    return timeout;
  }

  @Override
  public Subscription watch(SnapshotListener<List<TargetGroup>> listener) {
    DnsLookup lookup = new DnsLookup(this);
    return RefreshLoop.start("dns_sd " + names, lookup::refresh, refreshInterval, listener);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof DnsDiscovery)) {
      return false;
    }
    DnsDiscovery d = (DnsDiscovery) o;
    return names.equals(d.names)
        && type == d.type
        && port == d.port
        && refreshInterval.equals(d.refreshInterval)
        && servers.equals(d.servers)
        && timeout.equals(d.timeout);
  }

  @Override
  public int hashCode() {
    return Objects.hash(names, type, port, refreshInterval, servers, timeout);
  }

  @Override
  public String toString() {
    return "DnsDiscovery{names="
        + names
        + ", type="
        + type
        + ", port="
        + port
        + ", refreshInterval="
        + refreshInterval
        + ", servers="
        + servers
        + ", timeout="
        + timeout
        + "}";
  }

  /** Builds a {@link DnsDiscovery}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private final List<String> names = new ArrayList<>();
    private Type type = Type.SRV;
    private int port;
    private Duration refreshInterval = Duration.ofSeconds(30);
    private final List<InetSocketAddress> servers = new ArrayList<>();
    private Duration timeout = Duration.ofSeconds(5);

    private Builder() {}

    /**
     * Sets the names to look up, replacing any set before.
     *
     * @param names the names, absolute as given; each a valid DNS name
     * @return this builder
     * @throws IllegalArgumentException naming the first name that is not a valid DNS name
     */
    public Builder names(String... names) {
      return names(Arrays.asList(names));
    }

    /**
     * Sets the names to look up, replacing any set before.
     *
     * @param names the names, absolute as given; no nulls
     * @return this builder
     * @throws IllegalArgumentException naming the first name that is not a valid DNS name
     */
    public Builder names(List<String> names) {
      List<String> checked = new ArrayList<>();
      for (String name : names) {
        Objects.requireNonNull(name, "name");
        try {
          Name.fromString(name, Name.root);
        } catch (TextParseException e) {
          throw new IllegalArgumentException("invalid DNS name: " + name + ": " + e.getMessage());
        }
        if (name.isEmpty()) {
          throw new IllegalArgumentException("DNS name must not be empty");
        }
        checked.add(name);
      }
      this.names.clear();
      this.names.addAll(checked);
      return this;
    }

    /**
     * Sets the record type; {@link Type#SRV} by default.
     *
     * @param type the record type; not null
     * @return this builder
     */
    public Builder type(Type type) {
      this.type = Objects.requireNonNull(type, "type");
      return this;
    }

    /**
     * Sets the port of A, AAAA, MX and NS targets; 1..65535, required for those types.
     *
     * @param port the targets' port, 1 to 65535; ignored for SRV, whose records carry their ports
     * @return this builder
     * @throws IllegalArgumentException when {@code port} is out of range
     */
    public Builder port(int port) {
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port must be in 1..65535: " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Sets how often the names are looked up again; positive.
     *
     * @param interval the interval; positive
     * @return this builder
     * @throws IllegalArgumentException when {@code interval} is zero or negative
     */
    public Builder refreshInterval(Duration interval) {
      this.refreshInterval = positive("refresh_interval", interval);
      return this;
    }

    /**
     * Adds a DNS server to ask, as {@code HOST:PORT} (e.g. {@code 127.0.0.1:5353}).
     *
     * @param hostPort the server's address as {@code HOST:PORT}, an IPv6 host in brackets
     * @return this builder
     * @throws IllegalArgumentException when {@code hostPort} is not {@code HOST:PORT}
     */
    public Builder server(String hostPort) {
      this.servers.add(HostPort.parse(Objects.requireNonNull(hostPort, "hostPort")));
      return this;
    }

    /**
     * Sets how long one query may take; positive.
     *
     * @param timeout the query timeout; positive
     * @return this builder
     * @throws IllegalArgumentException when {@code timeout} is zero or negative
     */
    public Builder timeout(Duration timeout) {
      this.timeout = positive("timeout", timeout);
      return this;
    }

    /**
     * The settings.
     *
     * @return the discoverer, immutable
     * @throws IllegalArgumentException without names, or without a port for a type other than SRV
     */
    public DnsDiscovery build() {
      if (names.isEmpty()) {
        throw new IllegalArgumentException("DNS-SD config must contain at least one name");
      }
      if (type != Type.SRV && port == 0) {
        throw new IllegalArgumentException(
            "a port is required in DNS-SD configs for all record types except SRV: " + type);
      }
      return new DnsDiscovery(this);
    }

    static Duration positive(String what, Duration d) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be > 0: " + d);
      }
      return d;
    }
  }
}
