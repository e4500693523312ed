package org.countersign.witness.policy;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A checkpoint note that does not satisfy a {@link WitnessPolicy}, with the reason and, for a
 * missed quorum, which witnesses did and did not cosign.
 */
public final class PolicyException extends Exception {
  /** Why the note was refused. */
  public enum Reason {
    /** The note or its checkpoint does not parse. */
    MALFORMED,
    /**
     * No valid signature by a policy log whose key name is the checkpoint's origin, or a signature
     * by a known log or witness key that does not verify.
     */
    BAD_SIGNATURE,
    /** Valid, but too few witnesses cosigned for the quorum rule. */
    QUORUM_NOT_MET
  }

  private final Reason reason;
  private final List<String> cosigned;
  private final List<String> missing;

  PolicyException(Reason reason, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.reason = reason;
    this.cosigned = List.of();
    this.missing = List.of();
  }

  PolicyException(Reason reason, String message, List<String> cosigned, List<String> missing) {
    super(message);
    this.reason = reason;
    this.cosigned = List.copyOf(cosigned);
    this.missing = List.copyOf(missing);
  }

  public Reason reason() {
    return reason;
  }

  /**
   * For {@link Reason#QUORUM_NOT_MET}: the policy names of witnesses whose cosignature verified.
   */
  public List<String> cosigned() {
    return cosigned;
  }

  /** For {@link Reason#QUORUM_NOT_MET}: the quorum's witnesses that did not cosign. */
  public List<String> missing() {
    return missing;
  }
}
