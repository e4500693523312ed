package org.countersign.treaty.statement;

import java.util.Map;
import java.util.TreeMap;

/**
 * One treaty-accountable item as a party declares it: the same fields as an escrowed item.
 *
 * @param id the item's unique identifier (e.g. a missile's or bomber's unique identifier)
 * @param category the treaty category, kebab-case
 * @param status the item's status, kebab-case (e.g. {@code deployed})
 * @param site the site identifier
 * @param zone the zone identifier, or {@code ""} when the item is in no declared zone
 * @param attributes integer attributes by kebab-case name (e.g. {@code warheads: 4}), sorted
 */
public record DeclaredItem(
    String id,
    String category,
    String status,
    String site,
    String zone,
    Map<String, Long> attributes) {

  public DeclaredItem {
    Fields.identifier("item id", id);
    try {
      Fields.name("category", category);
      Fields.name("status", status);
      Fields.identifier("site", site);
      Fields.optionalIdentifier("zone", zone);
      attributes = Fields.counts("attributes", attributes);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("item " + id + ": " + e.getMessage(), e);
    }
  }

  /** The same item with another status. */
  public DeclaredItem withStatus(String newStatus) {
    return new DeclaredItem(id, category, newStatus, site, zone, attributes);
  }

  /** The same item at another site and zone. */
  public DeclaredItem at(String newSite, String newZone) {
    return new DeclaredItem(id, category, status, newSite, newZone, attributes);
  }

  /** The same item with {@code changes} written over its attributes. */
  public DeclaredItem withAttributes(Map<String, Long> changes) {
    if (changes.isEmpty()) {
      return this;
    }
    var merged = new TreeMap<>(attributes);
    merged.putAll(changes);
    return new DeclaredItem(id, category, status, site, zone, merged);
  }
}
