package org.countersign.log;

/**
 * Every way the log core can refuse input. The hierarchy is sealed and small so that callers can
 * handle it exhaustively; each subclass carries the evidence a caller needs to act or to publish.
 */
public abstract sealed class LogException extends Exception
    permits MalformedInputException, ProofException, BadSignatureException, InconsistencyException {

  protected LogException(String message) {
    super(message);
  }

  protected LogException(String message, Throwable cause) {
    super(message, cause);
  }
}
