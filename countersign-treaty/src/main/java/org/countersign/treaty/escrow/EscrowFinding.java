package org.countersign.treaty.escrow;

import java.util.List;

/**
 * A discrepancy the escrow checks found, for the compliance report: what kind, whose declaration,
 * which item, a sentence a verification officer can read, and the log entries that prove it.
 *
 * @param kind the kind of discrepancy
 * @param party the declaring party the finding is about
 * @param itemId the item concerned, or {@code ""} for a finding about a whole declaration
 * @param detail a self-contained explanation with the values involved
 * @param evidence log entry indexes of the statements that establish it, ascending
 */
public record EscrowFinding(
    Kind kind, String party, String itemId, String detail, List<Long> evidence) {
  /** The discrepancies the escrow can prove. */
  public enum Kind {
    /** A reveal does not open its commitment (or does not fit its own selection rule). */
    INVALID_REVEAL,
    /** The same item id opened at two different leaves: the declaration committed it twice. */
    DUPLICATE_ITEM,
    /** Revealed items contradict the totals published with the commitment. */
    TOTALS_CONTRADICTED,
    /** An item found in a fully revealed region was not among the revealed items. */
    INCOMPLETE_DECLARATION,
    /** An inspection finding differs from the revealed escrow entry of the same item. */
    FINDING_MISMATCH,
    /** A difference between successive declarations that no notification explains. */
    UNEXPLAINED_CHANGE,
    /** A declaration that does not name its predecessor's root. */
    UNLINKED_DECLARATION,
    /**
     * A revealed item does not state an attribute (or the type) that a counting rule selecting it
     * reads, so the commitment's per-group sums, which cover only the items that state it, cannot
     * be trusted to count it.
     */
    ATTRIBUTE_OMITTED
  }

  public EscrowFinding {
    if (kind == null || party == null || itemId == null || detail == null) {
      throw new IllegalArgumentException(
          "a finding needs a kind, a party, an item id (maybe empty) and a detail");
    }
    evidence = evidence.stream().distinct().sorted().toList();
  }
}
