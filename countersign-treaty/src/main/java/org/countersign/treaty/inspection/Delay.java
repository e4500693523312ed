package org.countersign.treaty.inspection;

/**
 * A side that missed a deadline of a joint draw, for the report.
 *
 * @param party the delaying party
 * @param missed which step it missed
 */
public record Delay(String party, Step missed) {
  /** The steps of the protocol a side can miss. */
  public enum Step {
    /** No commitment by the commit deadline. */
    COMMIT,
    /** Committed, but no reveal by the reveal deadline. */
    REVEAL
  }

  public Delay {
    if (party == null || party.isEmpty() || missed == null) {
      throw new IllegalArgumentException("a delay names a party and a step");
    }
  }
}
