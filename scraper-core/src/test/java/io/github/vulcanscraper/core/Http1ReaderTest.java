package io.github.vulcanscraper.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Http1Reader on response bytes as a server sends them, whole or a byte at a time. */
final class Http1ReaderTest {
  private final Http1Reader reader = new Http1Reader();

  private static InputStream whole(String response) {
    return new ByteArrayInputStream(response.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** A stream that hands out one byte per read, as a slow network might. */
  private static InputStream trickle(String response) {
    byte[] bytes = response.getBytes(StandardCharsets.ISO_8859_1);
    return new InputStream() {
      private int i;

      @Override
      public int read() {
        return i < bytes.length ? bytes[i++] & 0xff : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (i == bytes.length) {
          return -1;
        }
        if (len == 0) {
          return 0;
        }
        b[off] = bytes[i++];
        return 1;
      }
    };
  }

  private String body() {
    return new String(
        reader.body(), reader.bodyOffset(), reader.bodyLength(), StandardCharsets.ISO_8859_1);
  }

  @Test
  void readsAContentLengthBodyAndTheHeadersAScrapeNeeds() throws IOException {
    String response =
        "HTTP/1.1 200 OK\r\ncontent-type: text/plain; version=0.0.4\r\n"
            + "Content-Encoding:  identity \r\nContent-Length: 5\r\n\r\nm 1\n\n";
    for (InputStream in : new InputStream[] {whole(response), trickle(response)}) {
      reader.read(in, 0);
      assertThat(reader.code()).isEqualTo(200);
      assertThat(reader.reason()).isEqualTo("OK");
      assertThat(reader.contentType()).isEqualTo("text/plain; version=0.0.4");
      assertThat(reader.contentEncoding()).isEqualTo("identity");
      assertThat(body()).isEqualTo("m 1\n\n");
      assertThat(reader.reusable()).isTrue();
    }
  }

  @Test
  void decodesAChunkedBodyWithExtensionsAndTrailers() throws IOException {
    String response =
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "4;name=value\r\nm 1\n\r\n"
            + "A\r\nm{a=\"b\"} 2\r\n"
            + "0\r\nX-Trailer: t\r\n\r\n";
    for (InputStream in : new InputStream[] {whole(response), trickle(response)}) {
      reader.read(in, 0);
      assertThat(body()).isEqualTo("m 1\nm{a=\"b\"} 2");
      assertThat(reader.reusable()).isTrue();
    }
  }

  @Test
  void acceptsBareLineFeeds() throws IOException {
    reader.read(whole("HTTP/1.1 200 OK\nContent-Length: 2\n\nok"), 0);
    assertThat(body()).isEqualTo("ok");
  }

  @Test
  void skipsInterimResponses() throws IOException {
    reader.read(
        whole(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                + "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"),
        0);
    assertThat(reader.code()).isEqualTo(200);
    assertThat(body()).isEqualTo("ok");
  }

  @Test
  void readsABodyWithoutLengthToTheEndAndDoesNotReuseTheConnection() throws IOException {
    reader.read(whole("HTTP/1.1 200 OK\r\n\r\nm 1\nm 2\n"), 0);
    assertThat(body()).isEqualTo("m 1\nm 2\n");
    assertThat(reader.reusable()).isFalse();
  }

  @Test
  void reusesTheConnectionOnlyWhenTheServerKeepsItAndSentNothingMore() throws IOException {
    reader.read(whole("HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok"), 0);
    assertThat(reader.reusable()).isFalse();
    reader.read(whole("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok"), 0);
    assertThat(reader.reusable()).isFalse();
    reader.read(whole("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokEXTRA"), 0);
    assertThat(body()).isEqualTo("ok");
    assertThat(reader.reusable()).isFalse();
    reader.read(whole("HTTP/1.1 204 No Content\r\n\r\n"), 0);
    assertThat(reader.bodyLength()).isZero();
    assertThat(reader.reusable()).isTrue();
  }

  @Test
  void keepsNothingOfTheLastResponse() throws IOException {
    String big = "x".repeat(100_000);
    reader.read(whole("HTTP/1.1 200 OK\r\nContent-Length: 100000\r\n\r\n" + big), 0);
    assertThat(body()).isEqualTo(big);
    reader.read(whole("HTTP/1.1 404 Not Found\r\n\r\n"), 0);
    assertThat(reader.code()).isEqualTo(404);
    assertThat(reader.reason()).isEqualTo("Not Found");
    assertThat(reader.contentType()).isNull();
    assertThat(reader.bodyLength()).isZero();
  }

  @Test
  void rejectsABodyOverTheLimitUnlessCompressed() throws IOException {
    String fixed = "HTTP/1.1 200 OK\r\nContent-Length: 11\r\n\r\nhello world";
    assertThatThrownBy(() -> reader.read(whole(fixed), 10))
        .isInstanceOf(Http1Reader.BodyTooLarge.class);
    String chunked =
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n6\r\nhello \r\n5\r\nworld\r\n0\r\n\r\n";
    assertThatThrownBy(() -> reader.read(whole(chunked), 10))
        .isInstanceOf(Http1Reader.BodyTooLarge.class);
    String toEnd = "HTTP/1.1 200 OK\r\n\r\nhello world";
    assertThatThrownBy(() -> reader.read(whole(toEnd), 10))
        .isInstanceOf(Http1Reader.BodyTooLarge.class);
    reader.read(whole(fixed), 11);
    assertThat(body()).isEqualTo("hello world");
    reader.read(
        whole("HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\nContent-Length: 11\r\n\r\nhello world"),
        10);
    assertThat(reader.bodyLength()).isEqualTo(11); // the caller limits what it decompresses
  }

  @Test
  void rejectsMalformedResponsesNamingWhatIsWrong() {
    assertThatThrownBy(() -> reader.read(whole("SSH-2.0-OpenSSH_9.6\r\n\r\n"), 0))
        .isInstanceOf(ProtocolException.class)
        .hasMessage("unexpected status line: SSH-2.0-OpenSSH_9.6");
    assertThatThrownBy(() -> reader.read(whole("HTTP/1.1 2x0 OK\r\n\r\n"), 0))
        .hasMessage("unexpected status line: HTTP/1.1 2x0 OK");
    assertThatThrownBy(() -> reader.read(whole("HTTP/1.1 200 OK\r\nno colon\r\n\r\n"), 0))
        .hasMessage("malformed header line: no colon");
    assertThatThrownBy(() -> reader.read(whole("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n"), 0))
        .hasMessage("invalid Content-Length: -1");
    assertThatThrownBy(
            () ->
                reader.read(
                    whole("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"), 0))
        .hasMessage("invalid chunk size: zz");
    assertThatThrownBy(
            () ->
                reader.read(
                    whole("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokay\r\n"), 0))
        .hasMessage("chunk not followed by CRLF");
    assertThatThrownBy(
            () -> reader.read(whole("HTTP/1.1 200 OK\r\nX: " + "y".repeat(70_000) + "\r\n\r\n"), 0))
        .isInstanceOf(ProtocolException.class)
        .hasMessageContaining("over 65536 bytes");
  }

  @Test
  void failsOnAResponseCutShortAndSaysWhetherAnyOfItCame() {
    assertThatThrownBy(() -> reader.read(whole(""), 0))
        .isInstanceOf(EOFException.class)
        .hasMessage("unexpected end of stream");
    assertThat(reader.started()).isFalse();
    assertThatThrownBy(
            () -> reader.read(whole("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort"), 0))
        .isInstanceOf(EOFException.class);
    assertThat(reader.started()).isTrue();
  }
}
