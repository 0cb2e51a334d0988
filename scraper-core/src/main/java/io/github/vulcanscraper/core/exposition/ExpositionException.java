package io.github.vulcanscraper.core.exposition;

/**
 * An exposition body that does not parse. The whole body is rejected: a partial scrape is never
 * delivered as if it were complete. The message names the line, the column and what was expected.
 */
public final class ExpositionException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The 1-based line of the error. */
  private final int line;

  /** The 1-based column of the error, in bytes. */
  private final int column;

  /** What was wrong or expected, without the position. */
  private final String detail;

  /**
   * A parse error at this position.
   *
   * @param line the 1-based line
   * @param column the 1-based column (in bytes)
   * @param detail what was wrong or expected, e.g. {@code expected '=' after label name}
   */
  public ExpositionException(int line, int column, String detail) {
    super("line " + line + " col " + column + ": " + detail);
    this.line = line;
    this.column = column;
    this.detail = detail;
  }

  /**
   * The 1-based line of the error.
   *
   * @return the line, from 1
   */
  public int line() {
    return line;
  }

  /**
   * The 1-based column of the error, in bytes.
   *
   * @return the column, from 1
   */
  public int column() {
    return column;
  }

  /**
   * What was wrong, without the position.
   *
   * @return the detail
   */
  public String detail() {
    return detail;
  }
}
