package io.github.vulcanscraper.core.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A secret: a password, a token, a private key. Either given inline or read from a file each time
 * it is used (so a rotated file is picked up without a restart, as Prometheus does). {@link
 * #toString()} never shows the value: it prints {@code <secret>} or the file's path.
 *
 * <p>Immutable and thread-safe.
 */
public final class Secret {
  private final @Nullable String value;
  private final @Nullable Path file;

  private Secret(@Nullable String value, @Nullable Path file) {
    this.value = value;
    this.file = file;
  }

  /**
   * A secret given inline.
   *
   * @param value the secret's value; not null
   * @return the secret
   */
  public static Secret of(String value) {
    return new Secret(Objects.requireNonNull(value, "value"), null);
  }

  /**
   * A secret read from this file whenever it is used; trailing newlines are trimmed.
   *
   * @param file the file holding the secret; read at each use, not now
   * @return the secret
   */
  public static Secret fromFile(Path file) {
    return new Secret(null, Objects.requireNonNull(file, "file"));
  }

  /**
   * True when the secret is read from a file.
   *
   * @return whether the secret has a file
   */
  public boolean isFile() {
    return file != null;
  }

  /**
   * The file the secret is read from, or {@code null} when it is inline.
   *
   * @return the file, or {@code null}
   */
  public @Nullable Path file() {
    return file;
  }

  /**
   * The secret's value, read from its file if it has one. Call it only where the value is sent,
   * never to log or print it.
   *
   * @return the value
   * @throws IOException when the file cannot be read; the message names the file, not its content
   */
  public String reveal() throws IOException {
    Path f = file;
    if (f == null) {
      return java.util.Objects.requireNonNull(value);
    }
    String text = Files.readString(f, StandardCharsets.UTF_8);
    int end = text.length();
    while (end > 0 && (text.charAt(end - 1) == '\n' || text.charAt(end - 1) == '\r')) {
      end--;
    }
    return text.substring(0, end);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Secret)) {
      return false;
    }
    Secret s = (Secret) o;
    return Objects.equals(value, s.value) && Objects.equals(file, s.file);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, file);
  }

  /** {@code <secret>} for an inline secret, the file's path for a file; never the value. */
  @Override
  public String toString() {
    return file == null ? "<secret>" : file.toString();
  }
}
