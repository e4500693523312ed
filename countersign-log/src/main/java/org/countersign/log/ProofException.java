package org.countersign.log;

/** A Merkle proof, tile or root that does not verify. The message says which check failed. */
public final class ProofException extends LogException {
  public ProofException(String message) {
    super(message);
  }
}
