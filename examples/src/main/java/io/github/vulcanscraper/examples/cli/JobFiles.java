package io.github.vulcanscraper.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Reads a job document from a file or from standard input ({@code -}). */
final class JobFiles {
  /** More than any ZooKeeper node holds; a larger document is refused before it is parsed. */
  static final int MAX_BYTES = 1 << 20;

  private JobFiles() {}

  /** The text of {@code file}, or of standard input when it is {@code -}. */
  static String read(String file) throws UnreadableException {
    try {
      if (file.equals("-")) {
        return decode(readCapped(System.in, "standard input"), "standard input");
      }
      Path path = Paths.get(file);
      try (InputStream in = Files.newInputStream(path)) {
        return decode(readCapped(in, file), file);
      }
    } catch (NoSuchFileException e) {
      throw new UnreadableException("cannot read " + file + ": no such file");
    } catch (IOException | RuntimeException e) {
      throw new UnreadableException("cannot read " + file + ": " + e.getMessage());
    }
  }

  private static byte[] readCapped(InputStream in, String name)
      throws IOException, UnreadableException {
    byte[] data = in.readNBytes(MAX_BYTES + 1);
    if (data.length > MAX_BYTES) {
      throw new UnreadableException(name + " is larger than " + MAX_BYTES + " bytes");
    }
    return data;
  }

  private static String decode(byte[] data, String name) throws UnreadableException {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(data))
          .toString();
    } catch (CharacterCodingException e) {
      throw new UnreadableException(name + " is not UTF-8 text");
    }
  }

  /** A document that could not be read; the message says which and why. */
  static final class UnreadableException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableException(String message) {
      super(message);
    }
  }
}
