package io.github.vulcanscraper.core;

import io.github.vulcanscraper.api.MetricFamily;
import io.github.vulcanscraper.api.MetricRelabeler;
import io.github.vulcanscraper.api.ScrapeException;
import io.github.vulcanscraper.api.ScrapePolicy;
import io.github.vulcanscraper.core.exposition.ExpositionException;
import io.github.vulcanscraper.core.exposition.ExpositionFormat;
import io.github.vulcanscraper.core.exposition.ExpositionParser;
import io.github.vulcanscraper.core.exposition.ExpositionStats;
import io.github.vulcanscraper.core.exposition.SeriesCache;
import io.github.vulcanscraper.core.http.HttpClientConfig;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLException;
import okhttp3.Call;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import okio.GzipSource;
import okio.Okio;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP scrape of an {@link HTTPTarget}: the request as Prometheus sends it, the status check,
 * the body read (gunzipped here, since the request asks for gzip itself) within the body size
 * limit, and the parse by the format the {@code Content-Type} names. Every failure becomes a {@link
 * ScrapeException} with a reason: {@code timeout}, {@code connect}, {@code dns}, {@code tls},
 * {@code tls_config}, {@code io}, {@code http_status}, {@code body_size_limit}, {@code parse} or
 * {@code secret}. Messages never hold a secret.
 *
 * <p>Stateless; parsers are kept per thread since they are not thread-safe.
 */
final class HttpFetch {
  static final String USER_AGENT = "vulcan-scraper/0.1";

  private static final ThreadLocal<Map<ExpositionFormat, ExpositionParser>> PARSERS =
      ThreadLocal.withInitial(() -> new EnumMap<>(ExpositionFormat.class));

  private HttpFetch() {}

  /**
   * What a scrape read, to parse: the body (decompressed) in {@code bytes[offset, offset +
   * length)}, and the response's {@code Content-Type}.
   */
  record Body(byte[] bytes, int offset, int length, @Nullable String contentType) {}

  static List<MetricFamily> fetch(HTTPTarget t) throws ScrapeException {
    Request request = request(t);
    Body body = null;
    if (t.scrapesPlainHttp()) {
      body = PlainHttp.fetch(t, request);
      if (body == null) {
        t.redirects();
      }
    }
    if (body == null) {
      body = okHttp(t, request);
    }
    SeriesCache cache = t.acquireSeriesCache();
    try {
      return parse(body, t.policy(), cache);
    } finally {
      if (cache != null) {
        t.releaseSeriesCache();
      }
    }
  }

  private static Body okHttp(HTTPTarget t, Request request) throws ScrapeException {
    Call call = t.client().newCall(request);
    call.timeout().clearTimeout(); // the deadline below bounds the call, without Okio's watchdog
    CallDeadlines.Armed deadline = CallDeadlines.SHARED.arm(call, t.timeout().toNanos());
    try (Response response = call.execute()) {
      if (!response.isSuccessful()) {
        throw new ScrapeException(
            "http_status",
            "server returned HTTP status " + response.code() + " " + response.message());
      }
      ResponseBody rb = response.body();
      if (rb == null) {
        throw new ScrapeException("io", "response without a body");
      }
      BufferedSource source = rb.source();
      String encoding = response.header("Content-Encoding");
      if (encoding != null && encoding.trim().equalsIgnoreCase("gzip")) {
        source = Okio.buffer(new GzipSource(source));
      }
      byte[] body = read(source, t.bodySizeLimit());
      return new Body(body, 0, body.length, response.header("Content-Type"));
    } catch (IOException e) {
      throw failure(e, deadline.expired(), t);
    } finally {
      deadline.close();
    }
  }

  static ScrapeException failure(IOException e, boolean timedOut, HTTPTarget t) {
    if (timedOut || e instanceof InterruptedIOException) {
      return new ScrapeException(
          "timeout", "scrape timed out after " + t.timeout().toMillis() + "ms", e);
    } else if (e instanceof ConnectException) {
      return new ScrapeException("connect", "connection failed: " + e.getMessage(), e);
    } else if (e instanceof UnknownHostException) {
      return new ScrapeException("dns", "unknown host: " + e.getMessage(), e);
    } else if (e instanceof SSLException) {
      return new ScrapeException("tls", "TLS handshake failed: " + e.getMessage(), e);
    }
    return new ScrapeException("io", "scrape failed: " + e, e);
  }

  private static Request request(HTTPTarget t) throws ScrapeException {
    Request base = t.baseRequest();
    HttpClientConfig config = t.httpClientConfig();
    return HttpClients.authorizes(config)
        ? HttpClients.authorize(base.newBuilder(), config).build()
        : base;
  }

  /** The part of every scrape's request that no secret or configured header changes. */
  static Request baseRequest(HTTPTarget t) {
    return new Request.Builder()
        .url(t.url().toString())
        .header("Accept", t.acceptHeader())
        .header("Accept-Encoding", t.enableCompression() ? "gzip" : "identity")
        .header("User-Agent", USER_AGENT)
        .header("X-Prometheus-Scrape-Timeout-Seconds", seconds(t))
        .build();
  }

  private static String seconds(HTTPTarget t) {
    // As Prometheus formats it: "10", "0.5".
    return BigDecimal.valueOf(t.timeout().toMillis(), 3).stripTrailingZeros().toPlainString();
  }

  /**
   * Rejects a body with more samples than {@code sample_limit} before it is parsed, so a body of a
   * million series costs its bytes and a count, not a million samples on the heap. Only without
   * metric relabeling (which may drop series, and the limit counts what is kept), and only when the
   * body has more lines than the limit (a cheap upper bound on its samples), so ordinary bodies are
   * scanned once.
   */
  private static void rejectOverSampleLimit(ExpositionFormat format, Body body, ScrapePolicy policy)
      throws ExpositionException, ScrapeException {
    int limit = policy.sampleLimit();
    if (limit <= 0 || policy.metricRelabeler() != MetricRelabeler.IDENTITY) {
      return;
    }
    int lines = 0;
    byte[] bytes = body.bytes();
    for (int i = body.offset(), end = body.offset() + body.length(); i < end; i++) {
      if (bytes[i] == '\n' && ++lines > limit) {
        break;
      }
    }
    if (lines > limit
        && ExpositionStats.check(format, bytes, body.offset(), body.length()).samples() > limit) {
      throw new ScrapeException(
          "sample_limit", "sample_limit exceeded: more than " + limit + " samples");
    }
  }

  private static byte[] read(BufferedSource source, long limit)
      throws IOException, ScrapeException {
    if (limit > 0 && limit < Long.MAX_VALUE && source.request(limit + 1)) {
      throw bodyTooLarge(limit);
    }
    return source.readByteArray();
  }

  static ScrapeException bodyTooLarge(long limit) {
    return new ScrapeException(
        "body_size_limit", "body size limit exceeded: more than " + limit + " bytes");
  }

  private static List<MetricFamily> parse(
      Body body, ScrapePolicy policy, @Nullable SeriesCache cache) throws ScrapeException {
    ExpositionFormat format = ExpositionFormat.fromContentType(body.contentType());
    ExpositionParser parser = PARSERS.get().computeIfAbsent(format, ExpositionParser::of);
    try {
      rejectOverSampleLimit(format, body, policy);
      return cache == null
          ? parser.parse(body.bytes(), body.offset(), body.length())
          : parser.parse(body.bytes(), body.offset(), body.length(), cache);
    } catch (ExpositionException e) {
      throw new ScrapeException(
          "parse", "cannot parse the " + format + " body: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new ScrapeException("parse", "cannot parse the " + format + " body: " + e, e);
    }
  }
}
