package io.github.vulcanscraper.core;

import io.github.vulcanscraper.api.ScrapeException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * The scrape of a plain {@code http://} target without a proxy, on the target's own kept-alive
 * {@link Http1Connection}: the request OkHttp would send, written in one call, and the response
 * read by {@link Http1Reader} into the fetching thread's buffer.
 *
 * <p>Why not OkHttp here: a scraper's connections are one per target and never shared, scrapes of a
 * target never overlap, and the call is one GET. OkHttp's general machinery (interceptor chain,
 * route selection, the connection pool's search and its cleanup task, which wakes OkHttp's
 * TaskRunner thread and renames it after every call) cost about a fifth of a node's CPU in the
 * side-by-side profile (BENCHMARKS.md, r5). HTTPS, proxies, redirects followed, and the clients of
 * {@link HttpClients#of(okhttp3.OkHttpClient)} (a host's own interceptors and listeners) still go
 * through OkHttp.
 *
 * <p>As Prometheus' Go client does, a request that fails on a reused connection before any byte of
 * the response came is sent once more on a new connection: the target may have closed the idle one.
 */
final class PlainHttp {
  private static final ThreadLocal<byte[][]> INFLATED =
      ThreadLocal.withInitial(() -> new byte[1][]);

  private PlainHttp() {}

  /**
   * Scrapes {@code t} with {@code request} (its headers, auth included; its URL is the target's).
   *
   * @return the body, valid on this thread until its next scrape; null when the target answered
   *     with a redirect to follow, which the caller sends through OkHttp
   * @throws ScrapeException as {@link HttpFetch} reports failures
   */
  static HttpFetch.@Nullable Body fetch(HTTPTarget t, Request request) throws ScrapeException {
    byte[] message = t.plainRequestBytes(request);
    Http1Connection.Abortable call = new Http1Connection.Abortable();
    CallDeadlines.Armed deadline = CallDeadlines.SHARED.arm(call, t.timeout().toNanos());
    Http1Reader reader = Http1Reader.forThisThread();
    try {
      exchange(t, message, call, reader);
      int code = reader.code();
      if (code >= 300
          && code < 400
          && reader.location() != null
          && t.httpClientConfig().followRedirects()) {
        return null;
      }
      if (code < 200 || code >= 300) {
        throw new ScrapeException(
            "http_status", "server returned HTTP status " + code + " " + reader.reason());
      }
      return body(reader, t.bodySizeLimit());
    } catch (Http1Reader.BodyTooLarge e) {
      throw HttpFetch.bodyTooLarge(e.limit);
    } catch (IOException e) {
      throw HttpFetch.failure(e, deadline.expired(), t);
    } finally {
      deadline.close();
    }
  }

  /** Sends the request and reads the response, on the idle connection or a new one. */
  private static void exchange(
      HTTPTarget t, byte[] message, Http1Connection.Abortable call, Http1Reader reader)
      throws IOException {
    Http1Connection c = t.takeConnection();
    boolean reused = c != null;
    if (c == null) {
      c = open(t, call);
    } else {
      call.attach(c.socket());
    }
    while (true) {
      try {
        c.send(message);
        reader.read(c.in(), t.bodySizeLimit());
        break;
      } catch (IOException e) {
        c.close();
        if (!reused || reader.started() || call.aborted()) {
          throw e;
        }
        // The target closed the kept-alive connection: once more, on a new one.
        c = open(t, call);
        reused = false;
      }
    }
    if (reader.reusable()) {
      t.keepConnection(c);
    } else {
      c.close();
    }
  }

  private static Http1Connection open(HTTPTarget t, Http1Connection.Abortable call)
      throws IOException {
    URI url = t.url();
    return Http1Connection.open(url.getHost(), port(url), call);
  }

  private static int port(URI url) {
    return url.getPort() < 0 ? 80 : url.getPort();
  }

  private static HttpFetch.Body body(Http1Reader reader, long limit) throws IOException {
    String encoding = reader.contentEncoding();
    if (encoding == null || !encoding.trim().equalsIgnoreCase("gzip")) {
      return new HttpFetch.Body(
          reader.body(), reader.bodyOffset(), reader.bodyLength(), reader.contentType());
    }
    byte[][] holder = INFLATED.get();
    byte[] out = holder[0];
    if (out == null || out.length > 4 * 1024 * 1024) {
      out = new byte[Math.max(16 * 1024, reader.bodyLength() * 4)];
    }
    int n = 0;
    try (InputStream in =
        new GZIPInputStream(
            new ByteArrayInputStream(reader.body(), reader.bodyOffset(), reader.bodyLength()))) {
      while (true) {
        if (n == out.length) {
          out = Arrays.copyOf(out, (int) Math.min(Integer.MAX_VALUE - 16, 2L * out.length));
        }
        int r = in.read(out, n, out.length - n);
        if (r < 0) {
          break;
        }
        n += r;
        if (limit > 0 && n > limit) {
          throw new Http1Reader.BodyTooLarge(limit);
        }
      }
    }
    holder[0] = out;
    return new HttpFetch.Body(out, 0, n, reader.contentType());
  }

  /**
   * The bytes of {@code request} as OkHttp sends it over HTTP/1.1: request line, {@code Host}, the
   * request's headers, {@code Connection: Keep-Alive}.
   */
  static byte[] requestBytes(Request request) {
    HttpUrl url = request.url();
    StringBuilder sb = new StringBuilder(256).append("GET ").append(url.encodedPath());
    String query = url.encodedQuery();
    if (query != null) {
      sb.append('?').append(query);
    }
    sb.append(" HTTP/1.1\r\n");
    Headers headers = request.headers();
    if (headers.get("Host") == null) {
      sb.append("Host: ").append(hostHeader(url)).append("\r\n");
    }
    if (headers.get("Connection") == null) {
      sb.append("Connection: Keep-Alive\r\n");
    }
    for (int i = 0; i < headers.size(); i++) {
      sb.append(headers.name(i)).append(": ").append(headers.value(i)).append("\r\n");
    }
    return sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static String hostHeader(HttpUrl url) {
    String host = url.host().indexOf(':') >= 0 ? "[" + url.host() + "]" : url.host();
    return url.port() == HttpUrl.defaultPort(url.scheme()) ? host : host + ":" + url.port();
  }
}
