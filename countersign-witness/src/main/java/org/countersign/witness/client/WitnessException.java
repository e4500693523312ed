package org.countersign.witness.client;

import org.jspecify.annotations.Nullable;

/** One witness did not cosign, with why. Nothing about the other witnesses is implied. */
public final class WitnessException extends Exception {
  /** What went wrong with the witness. */
  public enum Kind {
    /** No connection, or the connection broke. */
    UNREACHABLE,
    /** No answer within the timeout. */
    TIMEOUT,
    /**
     * The witness cosigned a larger tree than this checkpoint's, or the same size with another
     * root: it will never cosign this checkpoint. For a single log this means a fork or a rollback.
     */
    CONFLICT,
    /** The witness refused with a status other than a recoverable 409 (the message has it). */
    REFUSED,
    /** The answer was not a cosignature this client can use. */
    BAD_RESPONSE,
    /** The policy gives no URL for this witness. */
    NO_URL
  }

  private final Kind kind;
  private final int status;

  public WitnessException(Kind kind, String message) {
    this(kind, 0, message, null);
  }

  public WitnessException(Kind kind, int status, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.status = status;
  }

  public Kind kind() {
    return kind;
  }

  /** The HTTP status for {@link Kind#REFUSED} and {@link Kind#CONFLICT}, else 0. */
  public int status() {
    return status;
  }
}
