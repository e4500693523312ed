package org.countersign.treaty.inspection;

/**
 * An inspection statement refused: the {@link #reason()} says which rule it broke, the message
 * names the request, the party and the values. A refused statement changes no state.
 */
public final class InspectionException extends Exception {
  /** The rules an inspection statement can break. */
  public enum Reason {
    /** The statement refers to a request that was never made (or to another treaty). */
    UNKNOWN_REQUEST,
    /** A request id used twice. */
    DUPLICATE_REQUEST,
    /** An inspection type the quotas do not know. */
    UNKNOWN_TYPE,
    /** A request beyond the inspecting party's yearly quota for its type. */
    OVER_QUOTA,
    /** A commitment or reveal by a party that is neither side of the request. */
    NOT_A_SIDE,
    /** A side's second commitment for the same request. */
    SECOND_COMMIT,
    /** A side's second reveal for the same request. */
    SECOND_REVEAL,
    /** A reveal by a side that never committed. */
    NO_COMMITMENT,
    /** A reveal whose value does not hash to the side's commitment. */
    REVEAL_MISMATCH,
    /** A reveal issued while the other side could still commit (it would let it choose). */
    REVEAL_TOO_EARLY,
    /** A commitment or reveal issued after its deadline. */
    LATE,
    /** A report by someone other than the inspecting party, or about another party or site. */
    REPORT_MISMATCH,
    /** A request whose commit or reveal deadline is not the one the treaty's draw rules fix. */
    BAD_DEADLINES
  }

  private final Reason reason;

  InspectionException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** Which rule the statement broke. */
  public Reason reason() {
    return reason;
  }
}
