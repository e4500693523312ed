package org.countersign.treaty.escrow;

import org.countersign.treaty.statement.EscrowFieldRules;

/**
 * One notified change to one item, as the escrow checks consume it.
 *
 * @param itemId the item changed
 * @param kind what changed
 * @param entry the log index of the notification that says so (the evidence)
 */
public record ChangeExplanation(String itemId, ChangeKind kind, long entry) {
  public ChangeExplanation {
    EscrowFieldRules.identifier("itemId", itemId);
    if (kind == null) {
      throw new IllegalArgumentException("change kind is missing for item " + itemId);
    }
    EscrowFieldRules.nonNegative("entry", entry);
  }
}
