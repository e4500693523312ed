package org.countersign.treaty.escrow;

/**
 * An escrow vault file that cannot be opened: not a vault, an unsupported version, the wrong kind
 * of key, a wrong passphrase or key, or content altered after sealing (AES-GCM authentication
 * fails). Nothing of the file's content is trusted after this exception.
 */
public final class EscrowVaultException extends EscrowException {
  EscrowVaultException(String message) {
    super(message);
  }

  EscrowVaultException(String message, Throwable cause) {
    super(message, cause);
  }
}
