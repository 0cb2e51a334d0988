package io.github.vulcanscraper.core.config;

import java.net.URI;

/** Hides secrets in what the model prints. */
final class Redaction {
  private Redaction() {}

  /** The URL with any user info replaced by {@code <secret>}. */
  static String url(URI uri) {
    return uri.getRawUserInfo() == null
        ? uri.toString()
        : uri.toString().replace(uri.getRawUserInfo() + "@", "<secret>@");
  }
}
