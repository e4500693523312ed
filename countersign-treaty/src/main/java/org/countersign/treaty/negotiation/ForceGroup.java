package org.countersign.treaty.negotiation;

import java.util.Map;
import java.util.TreeMap;
import org.countersign.treaty.statement.DeclaredItem;

/**
 * A number of identical items: {@code quantity} items of one category, status, zone and attribute
 * values. Declared inventories are grouped this way (so counting a million-item inventory costs one
 * rule evaluation per distinct kind of item), and published estimates come this way.
 *
 * @param category the treaty category, kebab-case
 * @param status the status, kebab-case
 * @param zone the zone, or {@code ""}
 * @param attributes integer attributes (e.g. {@code warheads: 4}), sorted
 * @param quantity how many such items, at least 1
 */
public record ForceGroup(
    String category, String status, String zone, Map<String, Long> attributes, long quantity) {
  public ForceGroup {
    attributes = java.util.Collections.unmodifiableMap(new TreeMap<>(attributes));
    if (quantity < 1) {
      throw new IllegalArgumentException(
          "a group holds at least one item, got " + quantity + " " + category);
    }
  }

  /** A representative item, for the treaty's counting rules. */
  DeclaredItem representative() {
    return new DeclaredItem("group", category, status, "group", zone, attributes);
  }

  /** The key items are grouped by. */
  static String keyOf(DeclaredItem item) {
    return item.category()
        + "\u0000"
        + item.status()
        + "\u0000"
        + item.zone()
        + "\u0000"
        + item.attributes();
  }
}
