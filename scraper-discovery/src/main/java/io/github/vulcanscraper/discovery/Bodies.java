package io.github.vulcanscraper.discovery;

import java.io.IOException;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/** Reads response bodies with a size limit, so a huge answer cannot exhaust memory. */
final class Bodies {
  private Bodies() {}

  /**
   * The body's bytes.
   *
   * @throws IOException when it holds more than {@code limit} bytes
   */
  static byte[] read(ResponseBody body, long limit, String what) throws IOException {
    if (body == null) {
      return new byte[0];
    }
    BufferedSource source = body.source();
    if (source.request(limit + 1)) {
      throw new IOException(what + " exceeds the response size limit of " + limit + " bytes");
    }
    return source.readByteArray();
  }
}
