package org.countersign.witness.evidence;

/**
 * Evidence that does not establish a split view, with the reason. The message says, in words a
 * reader of the CLI can act on, what was checked and what failed.
 */
public final class EvidenceException extends Exception {
  /** Why evidence was not accepted. */
  public enum Reason {
    /** The file does not parse, or its parts are not what the format requires. */
    MALFORMED,
    /** The log key is not the one the caller trusts for this log. */
    WRONG_LOG,
    /** A checkpoint does not carry a valid signature by the log key. */
    BAD_SIGNATURE,
    /** The two checkpoints do not conflict: same root, or a valid consistency proof. */
    NOT_A_CONFLICT,
    /**
     * The checkpoints have different sizes and the proof neither verifies nor reproduces the second
     * root: a failing proof alone proves nothing, since anyone can write a bad proof.
     */
    INCONCLUSIVE
  }

  private final Reason reason;

  public EvidenceException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public EvidenceException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
