package org.countersign.treaty.escrow;

/**
 * Every way the escrow refuses input: a reveal that does not open its commitment, or a vault file
 * that cannot be opened. Sealed so that callers handle both; each message names the failed check
 * and the values involved.
 */
public abstract sealed class EscrowException extends Exception
    permits RevealException, EscrowVaultException {

  protected EscrowException(String message) {
    super(message);
  }

  protected EscrowException(String message, Throwable cause) {
    super(message, cause);
  }
}
