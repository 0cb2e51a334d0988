package io.github.vulcanscraper.core;

import io.github.vulcanscraper.api.JobName;
import io.github.vulcanscraper.api.Labels;
import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.ScrapeException;
import io.github.vulcanscraper.api.ScrapePolicy;
import io.github.vulcanscraper.api.Targeter;
import io.github.vulcanscraper.core.exposition.ExpositionFormat;
import io.github.vulcanscraper.core.exposition.SeriesCache;
import io.github.vulcanscraper.core.http.HttpClientConfig;
import io.github.vulcanscraper.core.internal.Hashing;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Targeter} that scrapes a Prometheus exporter over HTTP(S), as Prometheus does: it sends
 * the negotiated {@code Accept} header, {@code Accept-Encoding: gzip}, a {@code User-Agent} and
 * {@code X-Prometheus-Scrape-Timeout-Seconds}; fails on a non-2xx status; reads the body within the
 * body size limit (after decompression); and parses it as OpenMetrics or the Prometheus text format
 * according to the response's {@code Content-Type}. Auth, TLS, proxy, extra headers and redirects
 * follow its {@link HttpClientConfig}; secrets read from files are read again on every scrape.
 *
 * <p>Connections: with the {@link HttpClients#shared() shared clients} (the default), a plain
 * {@code http://} target without a proxy is scraped over one HTTP/1.1 connection of its own, kept
 * alive between scrapes for two minutes, as Prometheus keeps its connections; a target that answers
 * with a redirect to follow, HTTPS, proxies, and the clients given to {@link Builder#clients} go
 * through OkHttp.
 *
 * <p>The key is {@code <job>/<instance>}, the {@code instance} label defaulting to the URL's {@code
 * host:port}. Two targets are equal when all their settings are (the {@link HttpClients} they share
 * are not a setting).
 *
 * <pre>{@code
 * HTTPTarget target = HTTPTarget.builder()
 *     .url(URI.create("http://10.0.0.7:9100/metrics"))
 *     .job(JobName.of("node"))
 *     .interval(Duration.ofSeconds(15))
 *     .timeout(Duration.ofSeconds(10))
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe; {@code toString()} shows no secret.
 */
public final class HTTPTarget implements Targeter {
  private final URI url;
  private final JobName job;
  private final Labels labels;
  private final String key;
  private final long keyHash;
  private final SeriesCache seriesCache = new SeriesCache();
  private final AtomicBoolean seriesCacheInUse = new AtomicBoolean();
  private final Duration interval;
  private final Duration timeout;
  private final ScrapePolicy policy;
  private final HttpClientConfig httpClientConfig;
  private final long bodySizeLimit;
  private final boolean enableCompression;
  private final String acceptHeader;
  private final HttpClients clients;
  private final long addressHash;
  // The request without per-scrape secrets, built on the first scrape. A race builds it twice,
  // equal both times; Request is immutable with final fields, so a plain field publishes it.
  private @Nullable Request baseRequest;
  // The client of this target's settings and connection pool, looked up on the first scrape that
  // finds it (a failed lookup, unreadable TLS files, is tried again); published as baseRequest is.
  private @Nullable OkHttpClient client;
  // Plain http://, no proxy, the shared clients: scraped over this target's own connection.
  private final boolean plainHttp;
  // The target redirected a plain scrape: it is scraped through OkHttp, which follows redirects.
  private volatile boolean redirects;
  // The plain request's bytes when no secret or configured header changes them; as baseRequest.
  private byte @Nullable [] plainRequest;
  private final AtomicReference<@Nullable Http1Connection> idleConnection = new AtomicReference<>();

  private HTTPTarget(Builder b, URI url, JobName job) {
    this.url = url;
    this.job = job;
    Labels.Builder lb = b.labels.toBuilder();
    if (lb.get("job") == null) {
      lb.set("job", job.value());
    }
    if (lb.get("instance") == null) {
      lb.set("instance", authority(url));
    }
    this.labels = lb.build();
    this.key = job.value() + "/" + labels.get("instance");
    this.keyHash = Hashing.hash64(key);
    this.interval = b.interval;
    this.timeout = b.timeout == null ? min(Duration.ofSeconds(10), b.interval) : b.timeout;
    this.policy = b.policy;
    this.httpClientConfig = b.httpClientConfig;
    this.bodySizeLimit = b.bodySizeLimit;
    this.enableCompression = b.enableCompression;
    this.acceptHeader = b.acceptHeader;
    this.clients = b.clients == null ? HttpClients.shared() : b.clients;
    this.addressHash = Hashing.hash64(authority(url));
    this.plainHttp =
        "http".equals(url.getScheme()) && clients.isShared() && httpClientConfig.proxyUrl() == null;
  }

  /**
   * A builder; {@link Builder#url} and {@link Builder#job} are required.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this target's settings.
   *
   * @return a new builder, independent of this target
   */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.url = url;
    b.job = job;
    b.labels = labels;
    b.interval = interval;
    b.timeout = timeout;
    b.policy = policy;
    b.httpClientConfig = httpClientConfig;
    b.bodySizeLimit = bodySizeLimit;
    b.enableCompression = enableCompression;
    b.acceptHeader = acceptHeader;
    b.clients = clients;
    return b;
  }

  @Override
  public String key() {
    return key;
  }

  /**
   * The series of this target's previous body, for the next parse, or null when another fetch of
   * this target is parsing with it (a scraper fetches a target one at a time; other callers may
   * not). Give it back with {@link #releaseSeriesCache()}.
   */
  @Nullable SeriesCache acquireSeriesCache() {
    return seriesCacheInUse.compareAndSet(false, true) ? seriesCache : null;
  }

  void releaseSeriesCache() {
    seriesCacheInUse.set(false);
  }

  /** {@link Hashing#hash64} of the key, computed once: a pool change hashes every target. */
  long keyHash() {
    return keyHash;
  }

  /** The hash of the {@code host:port} scraped: what picks the target's connection pool. */
  long addressHash() {
    return addressHash;
  }

  /**
   * The request every scrape sends before auth and configured headers: URL, {@code Accept}, {@code
   * Accept-Encoding}, {@code User-Agent} and {@code X-Prometheus-Scrape-Timeout-Seconds}.
   */
  Request baseRequest() {
    Request r = baseRequest;
    if (r == null) {
      r = HttpFetch.baseRequest(this);
      baseRequest = r;
    }
    return r;
  }

  /** The HTTP client of this target's settings, on the connection pool of its address. */
  OkHttpClient client() throws ScrapeException {
    OkHttpClient c = client;
    if (c == null) {
      c = clients.clientFor(httpClientConfig, addressHash);
      client = c;
    }
    return c;
  }

  /** Whether the next scrape goes over {@link PlainHttp} rather than OkHttp. */
  boolean scrapesPlainHttp() {
    return plainHttp && !redirects;
  }

  /** The target answered a plain scrape with a redirect to follow: OkHttp scrapes it from now. */
  void redirects() {
    redirects = true;
    Http1Connection c = idleConnection.getAndSet(null);
    if (c != null) {
      c.close();
    }
  }

  /** The bytes {@link PlainHttp} sends for {@code request}, cached for the base request. */
  byte[] plainRequestBytes(Request request) {
    if (request != baseRequest) {
      return PlainHttp.requestBytes(request);
    }
    byte[] b = plainRequest;
    if (b == null) {
      b = PlainHttp.requestBytes(request);
      plainRequest = b;
    }
    return b;
  }

  /** This target's idle connection, now in use; null when it has none (or it just timed out). */
  @Nullable Http1Connection takeConnection() {
    Http1Connection c = idleConnection.getAndSet(null);
    return c != null && c.take() ? c : null;
  }

  /** Keeps {@code c} for the next scrape; closed instead if another is kept already. */
  void keepConnection(Http1Connection c) {
    c.idle(HttpClients.KEEP_ALIVE.toNanos()); // as long as the shared OkHttp pools keep theirs
    if (!idleConnection.compareAndSet(null, c)) {
      c.close();
    }
  }

  @Override
  public JobName job() {
    return job;
  }

  /** The target's labels, {@code job} and {@code instance} among them. */
  @Override
  public Labels labels() {
    return labels;
  }

  /**
   * The URL scraped.
   *
   * @return the URL, {@code http} or {@code https} with a host
   */
  public URI url() {
    return url;
  }

  @Override
  public Duration interval() {
    return interval;
  }

  @Override
  public Duration timeout() {
    return timeout;
  }

  @Override
  public ScrapePolicy policy() {
    return policy;
  }

  /**
   * Auth, TLS, proxy, headers and redirects.
   *
   * @return the HTTP client settings, {@link HttpClientConfig#DEFAULT} when unset
   */
  public HttpClientConfig httpClientConfig() {
    return httpClientConfig;
  }

  /**
   * The largest body accepted, in bytes after decompression; 0 for no limit.
   *
   * @return the limit in bytes, 0 for none
   */
  public long bodySizeLimit() {
    return bodySizeLimit;
  }

  /**
   * Whether the scrape asks for gzip.
   *
   * @return whether {@code Accept-Encoding: gzip} is sent
   */
  public boolean enableCompression() {
    return enableCompression;
  }

  /**
   * The {@code Accept} header sent.
   *
   * @return the header's value, never empty
   */
  public String acceptHeader() {
    return acceptHeader;
  }

  /**
   * The clients this target fetches with.
   *
   * @return the clients, {@link HttpClients#shared()} unless set
   */
  public HttpClients clients() {
    return clients;
  }

  @Override
  public List<MetricFamily> fetch() throws ScrapeException {
    return HttpFetch.fetch(this);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof HTTPTarget)) {
      return false;
    }
    HTTPTarget t = (HTTPTarget) o;
    return url.equals(t.url)
        && job.equals(t.job)
        && labels.equals(t.labels)
        && interval.equals(t.interval)
        && timeout.equals(t.timeout)
        && policy.equals(t.policy)
        && httpClientConfig.equals(t.httpClientConfig)
        && bodySizeLimit == t.bodySizeLimit
        && enableCompression == t.enableCompression
        && acceptHeader.equals(t.acceptHeader);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        url,
        job,
        labels,
        interval,
        timeout,
        policy,
        httpClientConfig,
        bodySizeLimit,
        enableCompression,
        acceptHeader);
  }

  @Override
  public String toString() {
    return "HTTPTarget{"
        + key
        + ", url="
        + redact(url)
        + ", interval="
        + interval
        + ", timeout="
        + timeout
        + "}";
  }

  private static String authority(URI url) {
    int port = url.getPort();
    if (port < 0) {
      port = "https".equals(url.getScheme()) ? 443 : 80;
    }
    String host = url.getHost();
    return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
  }

  private static String redact(URI uri) {
    return uri.getRawUserInfo() == null
        ? uri.toString()
        : uri.toString().replace(uri.getRawUserInfo() + "@", "<secret>@");
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** Builds an {@link HTTPTarget}; setters validate at once. Not thread-safe. */
  public static final class Builder {
    private @Nullable URI url;
    private @Nullable JobName job;
    private Labels labels = Labels.EMPTY;
    private Duration interval = Duration.ofMinutes(1);
    private @Nullable Duration timeout;
    private ScrapePolicy policy = ScrapePolicy.DEFAULT;
    private HttpClientConfig httpClientConfig = HttpClientConfig.DEFAULT;
    private long bodySizeLimit;
    private boolean enableCompression = true;
    private String acceptHeader = ExpositionFormat.ACCEPT_HEADER;
    private @Nullable HttpClients clients;

    private Builder() {}

    /**
     * Sets the URL to scrape, {@code http} or {@code https} with a host.
     *
     * @param url the URL; not null
     * @return this builder
     * @throws IllegalArgumentException on another scheme or no host
     */
    public Builder url(URI url) {
      Objects.requireNonNull(url, "url");
      if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
        throw new IllegalArgumentException("url scheme must be http or https: " + redact(url));
      }
      if (url.getHost() == null) {
        throw new IllegalArgumentException("url must have a host: " + redact(url));
      }
      this.url = url;
      return this;
    }

    /**
     * Sets the job.
     *
     * @param job the job; not null
     * @return this builder
     */
    public Builder job(JobName job) {
      this.job = Objects.requireNonNull(job, "job");
      return this;
    }

    /**
     * Sets the target labels. {@code job} defaults to the job's name and {@code instance} to the
     * URL's {@code host:port} when absent. Default none beyond those.
     *
     * @param labels the target labels; not null
     * @return this builder
     */
    public Builder labels(Labels labels) {
      this.labels = Objects.requireNonNull(labels, "labels");
      return this;
    }

    /**
     * Sets the scrape interval; default one minute.
     *
     * @param interval the interval; at least a millisecond
     * @return this builder
     * @throws IllegalArgumentException when not positive or under a millisecond
     */
    public Builder interval(Duration interval) {
      if (interval.toMillis() <= 0) {
        throw new IllegalArgumentException("interval must be > 0: " + interval);
      }
      this.interval = interval;
      return this;
    }

    /**
     * Sets the scrape timeout; at most the interval (checked by {@link #build()}). Default ten
     * seconds, or the interval when shorter.
     *
     * @param timeout the timeout; at least a millisecond
     * @return this builder
     * @throws IllegalArgumentException when not positive
     */
    public Builder timeout(Duration timeout) {
      if (timeout.toMillis() <= 0) {
        throw new IllegalArgumentException("timeout must be > 0: " + timeout);
      }
      this.timeout = timeout;
      return this;
    }

    /**
     * Sets the scrape policy; default {@link ScrapePolicy#DEFAULT}.
     *
     * @param policy the policy; not null
     * @return this builder
     */
    public Builder policy(ScrapePolicy policy) {
      this.policy = Objects.requireNonNull(policy, "policy");
      return this;
    }

    /**
     * Sets auth, TLS, proxy, headers and redirects; default {@link HttpClientConfig#DEFAULT}.
     *
     * @param config the settings; not null
     * @return this builder
     */
    public Builder httpClientConfig(HttpClientConfig config) {
      this.httpClientConfig = Objects.requireNonNull(config, "httpClientConfig");
      return this;
    }

    /**
     * Sets {@code body_size_limit} in bytes (of the decompressed body); 0, the default, for none.
     *
     * @param bytes the limit in bytes; >= 0
     * @return this builder
     * @throws IllegalArgumentException when negative
     */
    public Builder bodySizeLimit(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("bodySizeLimit must be >= 0: " + bytes);
      }
      this.bodySizeLimit = bytes;
      return this;
    }

    /**
     * Sets whether to ask for gzip ({@code enable_compression}); default {@code true}.
     *
     * @param enable {@code false} to not ask for gzip
     * @return this builder
     */
    public Builder enableCompression(boolean enable) {
      this.enableCompression = enable;
      return this;
    }

    /**
     * Sets the {@code Accept} header; default {@link ExpositionFormat#ACCEPT_HEADER} (OpenMetrics
     * preferred, then the text format).
     *
     * @param accept the header's value; not blank
     * @return this builder
     * @throws IllegalArgumentException when {@code accept} is null or blank
     */
    public Builder acceptHeader(String accept) {
      if (accept == null || accept.isBlank()) {
        throw new IllegalArgumentException("acceptHeader must not be empty");
      }
      this.acceptHeader = accept;
      return this;
    }

    /**
     * Sets the clients to fetch with; default {@link HttpClients#shared()}. Clients of {@link
     * HttpClients#of} make every scrape of the target an OkHttp call (their interceptors and
     * listeners see it); with the shared clients a plain {@code http://} target is scraped over a
     * connection of its own.
     *
     * @param clients the clients, shared between targets; not null
     * @return this builder
     */
    public Builder clients(HttpClients clients) {
      this.clients = Objects.requireNonNull(clients, "clients");
      return this;
    }

    /**
     * The target.
     *
     * @return a new, immutable target
     * @throws IllegalStateException without a url or job
     * @throws IllegalArgumentException when the timeout exceeds the interval
     */
    public HTTPTarget build() {
      URI u = url;
      JobName j = job;
      if (u == null) {
        throw new IllegalStateException("url is required");
      }
      if (j == null) {
        throw new IllegalStateException("job is required");
      }
      if (timeout != null && timeout.compareTo(interval) > 0) {
        throw new IllegalArgumentException(
            "timeout must be <= interval: timeout " + timeout + ", interval " + interval);
      }
      return new HTTPTarget(this, u, j);
    }
  }
}
