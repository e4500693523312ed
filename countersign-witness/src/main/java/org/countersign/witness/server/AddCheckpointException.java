package org.countersign.witness.server;

import java.util.OptionalLong;

/**
 * A refused {@code add-checkpoint} request, with the HTTP status that C2SP tlog-witness v1.0.0
 * names for it. Nothing was stored and nothing was signed.
 */
public final class AddCheckpointException extends Exception {
  /** Why a request was refused, each with its status code from the spec. */
  public enum Reason {
    /** The body does not parse (tlog-witness: 400). */
    MALFORMED(400),
    /** The body is larger than this witness accepts. */
    BODY_TOO_LARGE(413),
    /** No log with this origin is configured (tlog-witness: 404). */
    UNKNOWN_ORIGIN(404),
    /** No valid signature from a trusted key of the origin (tlog-witness: 403). */
    UNTRUSTED(403),
    /** The old size is larger than the checkpoint's size (tlog-witness: 400). */
    OLD_SIZE_TOO_LARGE(400),
    /** The old size is not the size this witness last cosigned (tlog-witness: 409 + size). */
    STALE_OLD_SIZE(409),
    /** Same size as the stored checkpoint, different root: a split view (v1.0.0: 409). */
    SAME_SIZE_DIFFERENT_ROOT(409),
    /** The consistency proof does not verify, or is not empty where it must be (422). */
    INCONSISTENT(422);

    private final int status;

    Reason(int status) {
      this.status = status;
    }

    /** The HTTP status code. */
    public int status() {
      return status;
    }
  }

  private final Reason reason;
  private final long witnessSize;

  private AddCheckpointException(Reason reason, String message, long witnessSize) {
    super(message);
    this.reason = reason;
    this.witnessSize = witnessSize;
  }

  /** A refusal for {@code reason} with a message naming the offending value. */
  public static AddCheckpointException of(Reason reason, String message) {
    if (reason == Reason.STALE_OLD_SIZE) {
      throw new IllegalArgumentException("use stale(size) for STALE_OLD_SIZE");
    }
    return new AddCheckpointException(reason, message, -1);
  }

  /** The 409 answer to a stale old size, carrying the size this witness last cosigned. */
  public static AddCheckpointException stale(long oldSize, long witnessSize) {
    return new AddCheckpointException(
        Reason.STALE_OLD_SIZE,
        "old size " + oldSize + " is not the latest cosigned size " + witnessSize,
        witnessSize);
  }

  public Reason reason() {
    return reason;
  }

  /** The HTTP status code. */
  public int status() {
    return reason.status();
  }

  /** For {@link Reason#STALE_OLD_SIZE}: the size this witness last cosigned. */
  public OptionalLong witnessSize() {
    return reason == Reason.STALE_OLD_SIZE ? OptionalLong.of(witnessSize) : OptionalLong.empty();
  }
}
