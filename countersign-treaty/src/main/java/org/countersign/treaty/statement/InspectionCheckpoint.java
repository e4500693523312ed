package org.countersign.treaty.statement;

/**
 * A log checkpoint named by an inspection request: its origin, tree size and root. The root feeds
 * the joint draw, so that the draw also depends on log state that neither side controls alone once
 * the request is logged, and so that anyone can recompute the draw from public data.
 *
 * @param origin the checkpoint origin line (the log's identity)
 * @param size the tree size
 * @param root the root hash, 64 lowercase hex digits
 */
public record InspectionCheckpoint(String origin, long size, String root) {
  public InspectionCheckpoint {
    EscrowFieldRules.party("checkpoint origin", origin);
    EscrowFieldRules.nonNegative("checkpoint size", size);
    EscrowFieldRules.hex32("checkpoint root", root);
  }
}
