package io.github.vulcanscraper.core;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * Reads one HTTP/1.1 response from a connection into a buffer the reader keeps between responses:
 * the status line, the headers a scrape needs, and the body, by {@code Content-Length}, chunked, or
 * to the end of the stream. Interim {@code 1xx} responses are skipped. The body is left in the
 * buffer ({@link #body()}, {@link #bodyOffset()}, {@link #bodyLength()}), still compressed when the
 * response says {@code Content-Encoding: gzip}; it is valid until the next {@link #read}.
 *
 * <p>A body longer than {@code limit} bytes fails with {@link BodyTooLarge} before more of it is
 * read (the limit applies here only to a body that is not compressed; the caller checks the
 * decompressed size of one that is).
 *
 * <p>Not thread-safe: one reader per thread ({@link #forThisThread()}).
 */
final class Http1Reader {
  private static final int MAX_HEADER_BYTES = 64 * 1024;
  private static final int MIN_BUFFER = 16 * 1024;
  // A reader keeps a larger buffer only while its bodies need one.
  private static final int MAX_KEPT_BUFFER = 4 * 1024 * 1024;
  private static final ThreadLocal<Http1Reader> PER_THREAD =
      ThreadLocal.withInitial(Http1Reader::new);

  private byte[] buf = new byte[MIN_BUFFER];
  private int pos;
  private int limit;
  private @Nullable InputStream in;

  private int code;
  private String reason = "";
  private boolean http10;
  private @Nullable String contentType;
  private @Nullable String contentEncoding;
  private @Nullable String location;
  private long contentLength;
  private boolean chunked;
  private boolean connectionClose;
  private int bodyOffset;
  private int bodyLength;
  private boolean reusable;

  /** The calling thread's reader. */
  static Http1Reader forThisThread() {
    return PER_THREAD.get();
  }

  /** A body over the caller's limit. */
  static final class BodyTooLarge extends IOException {
    private static final long serialVersionUID = 1L;

    final long limit;

    BodyTooLarge(long limit) {
      super("body over " + limit + " bytes");
      this.limit = limit;
    }
  }

  /**
   * Reads the next response from {@code stream}.
   *
   * @param stream the connection's input
   * @param limit the most body bytes to accept when the body is not compressed; 0 for no limit
   * @throws IOException when the stream ends early, the response is malformed ({@link
   *     ProtocolException}), or the body is over the limit ({@link BodyTooLarge})
   */
  void read(InputStream stream, long limit) throws IOException {
    if (buf.length > MAX_KEPT_BUFFER) {
      buf = new byte[MIN_BUFFER];
    }
    in = stream;
    pos = 0;
    this.limit = 0;
    try {
      do {
        statusLine();
        headers();
      } while (code >= 100 && code < 200);
      body(limit);
    } finally {
      in = null;
    }
  }

  /**
   * True once any byte of the response has arrived: a failure after that is not a stale connection.
   */
  boolean started() {
    return limit > 0;
  }

  int code() {
    return code;
  }

  String reason() {
    return reason;
  }

  @Nullable String contentType() {
    return contentType;
  }

  @Nullable String contentEncoding() {
    return contentEncoding;
  }

  @Nullable String location() {
    return location;
  }

  byte[] body() {
    return buf;
  }

  int bodyOffset() {
    return bodyOffset;
  }

  int bodyLength() {
    return bodyLength;
  }

  /** Whether the connection may carry the next request: HTTP/1.1, not closed, read to its end. */
  boolean reusable() {
    return reusable;
  }

  private void statusLine() throws IOException {
    int end = lineEnd();
    String line = latin1(pos, end);
    pos = next(end);
    // HTTP/1.1 200 OK; the reason may be empty or missing.
    if (line.length() < 12
        || !line.startsWith("HTTP/1.")
        || line.charAt(8) != ' '
        || (line.length() > 12 && line.charAt(12) != ' ')) {
      throw new ProtocolException("unexpected status line: " + abbreviate(line));
    }
    int c = 0;
    for (int i = 9; i < 12; i++) {
      char d = line.charAt(i);
      if (d < '0' || d > '9') {
        throw new ProtocolException("unexpected status line: " + abbreviate(line));
      }
      c = c * 10 + (d - '0');
    }
    if (c == 101) {
      throw new ProtocolException("unexpected status line: " + abbreviate(line));
    }
    code = c;
    http10 = line.charAt(7) == '0';
    reason = line.length() > 13 ? line.substring(13) : "";
  }

  private void headers() throws IOException {
    contentType = null;
    contentEncoding = null;
    location = null;
    contentLength = -1;
    chunked = false;
    connectionClose = false;
    int start = pos;
    while (true) {
      int end = lineEnd();
      if (end == pos) {
        pos = next(end);
        return;
      }
      if (end - start > MAX_HEADER_BYTES) {
        throw new ProtocolException("response headers over " + MAX_HEADER_BYTES + " bytes");
      }
      header(pos, end);
      pos = next(end);
    }
  }

  private void header(int from, int end) throws ProtocolException {
    int colon = from;
    while (colon < end && buf[colon] != ':') {
      colon++;
    }
    if (colon == from || colon == end) {
      throw new ProtocolException("malformed header line: " + abbreviate(latin1(from, end)));
    }
    String value = latin1(colon + 1, end).strip();
    if (is("Content-Type", from, colon)) {
      contentType = value;
    } else if (is("Content-Encoding", from, colon)) {
      contentEncoding = value;
    } else if (is("Content-Length", from, colon)) {
      contentLength = length(value);
    } else if (is("Transfer-Encoding", from, colon)) {
      String v = value.toLowerCase(java.util.Locale.ROOT);
      chunked = v.endsWith("chunked");
      connectionClose |= !chunked; // another coding: the body runs to the end of the stream
    } else if (is("Connection", from, colon)) {
      connectionClose |= value.toLowerCase(java.util.Locale.ROOT).contains("close");
    } else if (is("Location", from, colon)) {
      location = value;
    }
  }

  private static long length(String value) throws ProtocolException {
    try {
      long n = Long.parseLong(value);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ProtocolException("invalid Content-Length: " + abbreviate(value));
  }

  private void body(long bodyLimit) throws IOException {
    bodyOffset = pos;
    reusable = !http10 && !connectionClose;
    if (code == 204 || code == 304) {
      bodyLength = 0;
    } else if (chunked) {
      chunkedBody(bodyLimit);
    } else if (contentLength >= 0) {
      fixedBody(bodyLimit);
    } else {
      reusable = false;
      bodyToEnd(bodyLimit);
    }
    reusable &= pos == limit; // bytes past the response: the connection is out of step
  }

  private boolean checksLimit(long bodyLimit) {
    return bodyLimit > 0 && !"gzip".equalsIgnoreCase(contentEncoding);
  }

  private void fixedBody(long bodyLimit) throws IOException {
    if (checksLimit(bodyLimit) && contentLength > bodyLimit) {
      throw new BodyTooLarge(bodyLimit);
    }
    if (contentLength > Integer.MAX_VALUE - 16 - pos) {
      throw new ProtocolException("body too large: " + contentLength + " bytes");
    }
    int n = (int) contentLength;
    require(n);
    bodyLength = n;
    pos += n;
  }

  private void chunkedBody(long bodyLimit) throws IOException {
    int out = pos;
    while (true) {
      int end = lineEnd();
      long size = chunkSize(pos, end);
      pos = next(end);
      if (size == 0) {
        break;
      }
      if (size > Integer.MAX_VALUE - 16 - pos) {
        throw new ProtocolException("chunk too large: " + size + " bytes");
      }
      int n = (int) size;
      if (checksLimit(bodyLimit) && (long) out - bodyOffset + n > bodyLimit) {
        throw new BodyTooLarge(bodyLimit);
      }
      require(n + 2);
      System.arraycopy(buf, pos, buf, out, n);
      out += n;
      pos += n;
      int crlf = lineEnd();
      if (crlf != pos) {
        throw new ProtocolException("chunk not followed by CRLF");
      }
      pos = next(crlf);
    }
    while (true) { // trailers, up to the empty line
      int end = lineEnd();
      boolean last = end == pos;
      pos = next(end);
      if (last) {
        break;
      }
    }
    bodyLength = out - bodyOffset;
  }

  private long chunkSize(int from, int end) throws ProtocolException {
    long size = 0;
    int i = from;
    for (; i < end; i++) {
      int d = Character.digit(buf[i], 16);
      if (d < 0) {
        break;
      }
      if (size > (Long.MAX_VALUE >> 4)) {
        throw new ProtocolException("invalid chunk size: " + abbreviate(latin1(from, end)));
      }
      size = size << 4 | d;
    }
    if (i == from || (i < end && buf[i] != ';' && buf[i] != ' ' && buf[i] != '\t')) {
      throw new ProtocolException("invalid chunk size: " + abbreviate(latin1(from, end)));
    }
    return size;
  }

  private void bodyToEnd(long bodyLimit) throws IOException {
    boolean check = checksLimit(bodyLimit);
    do {
      if (check && limit - bodyOffset > bodyLimit) {
        throw new BodyTooLarge(bodyLimit);
      }
    } while (fill());
    bodyLength = limit - bodyOffset;
    pos = limit;
  }

  /** The index of the {@code \n} ending the line at {@link #pos}, or of its {@code \r\n}'s CR. */
  private int lineEnd() throws IOException {
    int scanned = pos;
    while (true) {
      for (int i = scanned; i < limit; i++) {
        if (buf[i] == '\n') {
          return i > pos && buf[i - 1] == '\r' ? i - 1 : i;
        }
      }
      scanned = limit;
      if (limit - pos > MAX_HEADER_BYTES) {
        throw new ProtocolException("line over " + MAX_HEADER_BYTES + " bytes");
      }
      if (!fill()) {
        throw new EOFException("unexpected end of stream");
      }
    }
  }

  /** The position after the line ending at {@code end} (a CR of CRLF, or the LF). */
  private int next(int end) {
    return buf[end] == '\r' ? end + 2 : end + 1;
  }

  /** Reads until {@code n} bytes past {@link #pos} are in the buffer. */
  private void require(int n) throws IOException {
    if (pos + n > buf.length) {
      grow(pos + n);
    }
    while (limit - pos < n) {
      if (!fill()) {
        throw new EOFException("unexpected end of stream");
      }
    }
  }

  /** Reads what the stream has into the buffer, growing it when full; false at the stream's end. */
  private boolean fill() throws IOException {
    if (limit == buf.length) {
      grow(limit + 1);
    }
    InputStream stream = in;
    if (stream == null) {
      throw new IllegalStateException("not reading");
    }
    int n = stream.read(buf, limit, buf.length - limit);
    if (n < 0) {
      return false;
    }
    limit += n;
    return true;
  }

  private void grow(int atLeast) {
    long doubled = 2L * buf.length;
    buf = Arrays.copyOf(buf, (int) Math.max(atLeast, Math.min(Integer.MAX_VALUE - 16, doubled)));
  }

  private boolean is(String name, int from, int to) {
    if (to - from != name.length()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      int b = buf[from + i];
      if (b != c && (!Character.isLetter(c) || (b | 0x20) != (c | 0x20))) {
        return false;
      }
    }
    return true;
  }

  private String latin1(int from, int to) {
    return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
  }

  private static String abbreviate(String s) {
    return s.length() <= 64 ? s : s.substring(0, 64) + "...";
  }
}
