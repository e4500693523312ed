package org.countersign.treaty.statement;

/**
 * A statement was refused: its text is malformed or not canonical, a field breaks its rule, or it
 * does not fit the treaty it names. The message names the field and quotes the offending value; the
 * server returns it to the submitter verbatim.
 */
public final class InvalidStatementException extends Exception {
  private static final long serialVersionUID = 1L;

  public InvalidStatementException(String message) {
    super(message);
  }

  public InvalidStatementException(String message, Throwable cause) {
    super(message, cause);
  }
}
