package io.github.vulcanscraper.examples.cli;

import io.github.vulcanscraper.core.exposition.ExpositionException;
import io.github.vulcanscraper.core.exposition.ExpositionFormat;
import io.github.vulcanscraper.core.exposition.ExpositionStats;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code vulcan check metrics [--format prometheus|openmetrics] FILE...}: validates exposition
 * files with the project's parsers and prints one line per file, {@code <file>: OK <F> families,
 * <S> samples} or {@code <file>: ERROR line L col C: <message>}. Exit code 0 when every file is
 * valid, 1 when any is not, 2 on a usage error.
 */
@Command(
    name = "metrics",
    mixinStandardHelpOptions = true,
    description = {
      "Check Prometheus text (0.0.4) or OpenMetrics exposition files.",
      "Prints one line per file: '<file>: OK <F> families, <S> samples' or "
          + "'<file>: ERROR line L col C: <message>'.",
      "Without --format the format is guessed: OpenMetrics when the file ends with a '# EOF' line "
          + "and parses as OpenMetrics, else the Prometheus text format."
    })
public final class CheckMetricsCommand implements Callable<Integer> {
  /** The default largest file: the whole file is held in memory, at most a quarter of the heap. */
  static final long DEFAULT_MAX_BYTES =
      Math.min(256L << 20, Math.max(1L << 20, Runtime.getRuntime().maxMemory() / 4));

  /** The formats of {@code --format}. */
  enum Format {
    prometheus,
    openmetrics
  }

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "prometheus or openmetrics; guessed from the content when absent.")
  Format format;

  @Option(
      names = "--max-bytes",
      paramLabel = "BYTES",
      description =
          "Largest file to check; a larger one is an ERROR line. Default: a quarter of the heap, "
              + "at most 256 MiB (${DEFAULT-VALUE} here).")
  long maxBytes = DEFAULT_MAX_BYTES;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to check; '-' is stdin.")
  List<String> files;

  @Override
  public Integer call() {
    if (maxBytes < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--max-bytes must be >= 0: " + maxBytes);
    }
    PrintWriter out = spec.commandLine().getOut();
    boolean allValid = true;
    for (String file : files) {
      String result;
      try {
        result = check(read(file));
      } catch (UnreadableException e) {
        result = "ERROR " + e.getMessage();
      }
      if (!result.startsWith("OK")) {
        allValid = false;
      }
      out.println(file + ": " + result);
      out.flush();
    }
    return allValid ? 0 : 1;
  }

  private String check(byte[] body) {
    ExpositionFormat chosen;
    if (format == Format.openmetrics) {
      chosen = ExpositionFormat.OPENMETRICS_TEXT;
    } else if (format == Format.prometheus) {
      chosen = ExpositionFormat.PROMETHEUS_TEXT;
    } else {
      chosen = endsWithEof(body) ? ExpositionFormat.OPENMETRICS_TEXT : null;
    }
    try {
      if (chosen == null) {
        return ok(ExpositionStats.check(ExpositionFormat.PROMETHEUS_TEXT, body));
      }
      if (format == null) {
        try {
          return ok(ExpositionStats.check(ExpositionFormat.OPENMETRICS_TEXT, body));
        } catch (ExpositionException notOpenMetrics) {
          try {
            return ok(ExpositionStats.check(ExpositionFormat.PROMETHEUS_TEXT, body));
          } catch (ExpositionException e) {
            return error(notOpenMetrics);
          }
        }
      }
      return ok(ExpositionStats.check(chosen, body));
    } catch (ExpositionException e) {
      return error(e);
    } catch (OutOfMemoryError e) {
      return "ERROR line 1 col 1: too large to check in this heap";
    } catch (RuntimeException e) {
      // A parser bug must still end in one line, never a stack trace.
      return "ERROR line 1 col 1: internal error while checking: " + e;
    }
  }

  private static String ok(ExpositionStats stats) {
    return "OK " + stats.families() + " families, " + stats.samples() + " samples";
  }

  private static String error(ExpositionException e) {
    return "ERROR line " + e.line() + " col " + e.column() + ": " + e.detail();
  }

  /** True when the last line (ignoring one final newline) is {@code # EOF}. */
  static boolean endsWithEof(byte[] body) {
    int n = body.length;
    if (n > 0 && body[n - 1] == '\n') {
      n--;
    }
    byte[] eof = {'#', ' ', 'E', 'O', 'F'};
    if (n < eof.length) {
      return false;
    }
    boolean lineStart = n == eof.length || body[n - eof.length - 1] == '\n';
    return lineStart && Arrays.equals(body, n - eof.length, n, eof, 0, eof.length);
  }

  private byte[] read(String file) throws UnreadableException {
    if (file.equals("-")) {
      try {
        return readCapped(System.in, "stdin");
      } catch (OutOfMemoryError e) {
        throw tooLarge("stdin");
      } catch (IOException e) {
        throw new UnreadableException("cannot read stdin: " + e.getMessage());
      }
    }
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException e) {
      throw new UnreadableException("cannot read " + file + ": invalid path");
    }
    try (InputStream in = Files.newInputStream(path)) {
      long size = Files.size(path);
      if (size > maxBytes) {
        throw tooLarge(file);
      }
      if (size > 0) {
        // A regular file: one allocation of its size, then anything it grew by since.
        byte[] body = in.readNBytes((int) size);
        if (in.read() < 0) {
          return body;
        }
      }
      try (InputStream again = Files.newInputStream(path)) {
        return readCapped(again, file);
      }
    } catch (OutOfMemoryError e) {
      throw tooLarge(file);
    } catch (NoSuchFileException e) {
      throw new UnreadableException("cannot read " + file + ": no such file");
    } catch (IOException e) {
      throw new UnreadableException("cannot read " + file + ": " + e.getMessage());
    }
  }

  private byte[] readCapped(InputStream in, String name) throws IOException, UnreadableException {
    byte[] buf = new byte[8192];
    int n = 0;
    while (true) {
      if (n == buf.length) {
        if (n >= maxBytes) {
          if (in.read() < 0) {
            return buf;
          }
          throw tooLarge(name);
        }
        buf = Arrays.copyOf(buf, (int) Math.min(maxBytes, (long) n * 2));
      }
      int r = in.read(buf, n, buf.length - n);
      if (r < 0) {
        if (n > maxBytes) {
          throw tooLarge(name);
        }
        return Arrays.copyOf(buf, n);
      }
      n += r;
    }
  }

  private UnreadableException tooLarge(String name) {
    return new UnreadableException(
        name + " is larger than " + maxBytes + " bytes, the most this heap can check");
  }

  /** A file that cannot be read; the message names it. */
  private static final class UnreadableException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableException(String message) {
      super(message, null, false, false);
    }
  }
}
