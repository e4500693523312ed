package org.countersign.log;

/** Input that does not parse: wrong syntax, non-canonical form, or over a size cap. */
public final class MalformedInputException extends LogException {
  public MalformedInputException(String message) {
    super(message);
  }

  public MalformedInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
