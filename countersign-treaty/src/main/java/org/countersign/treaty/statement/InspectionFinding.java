package org.countersign.treaty.statement;

import java.util.Map;

/**
 * One observation of an inspection: an item seen at the inspected site, what it was found to be,
 * and what was counted on it (e.g. {@code reentry-vehicles: 4} on the designated missile).
 *
 * @param itemId the item's identifier as read on site
 * @param category the category observed, or {@code ""} if not assessed
 * @param status the status observed, or {@code ""} if not assessed
 * @param observed the numeric attributes counted, by name; only these are compared
 * @param designated whether this is the item the draw designated for the inspection
 */
public record InspectionFinding(
    String itemId, String category, String status, Map<String, Long> observed, boolean designated) {
  public InspectionFinding {
    EscrowFieldRules.identifier("finding itemId", itemId);
    try {
      EscrowFieldRules.optionalName("category", category);
      EscrowFieldRules.optionalName("status", status);
      observed = EscrowFieldRules.counts("observed attributes", observed);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("finding for item " + itemId + ": " + e.getMessage(), e);
    }
  }
}
