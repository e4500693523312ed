package org.countersign.treaty.statement;

import java.util.Map;

/**
 * One published total of an escrowed declaration: how many committed items have this category and
 * status, and the sum of each numeric attribute over them (e.g. {@code reentry-vehicles: 1090}).
 *
 * <p>Totals are the only item-level facts a commitment makes public. A reveal can contradict them
 * (more items of a group revealed than declared, or a complete reveal of a category whose sums
 * differ), which the escrow checks report as a discrepancy.
 *
 * @param category the item category, kebab-case
 * @param status the item status, kebab-case
 * @param items the number of committed items in this group, at least 1
 * @param attributeSums per attribute name, the sum over the group's items that carry it
 */
public record EscrowTotal(
    String category, String status, long items, Map<String, Long> attributeSums) {
  public EscrowTotal {
    EscrowFieldRules.name("category", category);
    EscrowFieldRules.name("status", status);
    if (items < 1) {
      throw new IllegalArgumentException(
          "total for " + category + "/" + status + " must count at least one item, got " + items);
    }
    attributeSums = EscrowFieldRules.counts("attributeSums", attributeSums);
  }
}
