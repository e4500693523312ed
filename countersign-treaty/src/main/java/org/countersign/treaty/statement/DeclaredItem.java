package org.countersign.treaty.statement;

import java.util.Map;
import java.util.TreeMap;
import org.countersign.treaty.json.OmittedWhenEmpty;

/**
 * One treaty-accountable item as a party declares it: the same fields as an escrowed item.
 *
 * @param id the item's unique identifier (e.g. a missile's or bomber's unique identifier)
 * @param category the treaty category, kebab-case
 * @param status the item's status, kebab-case (e.g. {@code deployed})
 * @param site the site identifier
 * @param zone the zone identifier, or {@code ""} when the item is in no declared zone
 * @param attributes integer attributes by kebab-case name (e.g. {@code warheads: 4}), sorted
 * @param type the item's type within its category, kebab-case (a {@code heavy-bomber} may be a
 *     {@code b-52h} or a {@code b-2a}), or {@code ""} when not stated; optional in the signed form,
 *     left out when empty so that items declared before types existed keep their bytes
 */
public record DeclaredItem(
    String id,
    String category,
    String status,
    String site,
    String zone,
    Map<String, Long> attributes,
    @OmittedWhenEmpty String type) {

  public DeclaredItem {
    Fields.identifier("item id", id);
    try {
      Fields.name("category", category);
      Fields.name("status", status);
      Fields.identifier("site", site);
      Fields.optionalIdentifier("zone", zone);
      attributes = Fields.counts("attributes", attributes);
      Fields.optionalName("type", type);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("item " + id + ": " + e.getMessage(), e);
    }
  }

  /** An item whose type is not stated. */
  public DeclaredItem(
      String id,
      String category,
      String status,
      String site,
      String zone,
      Map<String, Long> attributes) {
    this(id, category, status, site, zone, attributes, "");
  }

  /** The same item with another status. */
  public DeclaredItem withStatus(String newStatus) {
    return new DeclaredItem(id, category, newStatus, site, zone, attributes, type);
  }

  /** The same item of type {@code newType} ({@code ""}: not stated). */
  public DeclaredItem withType(String newType) {
    return new DeclaredItem(id, category, status, site, zone, attributes, newType);
  }

  /** The same item at another site and zone. */
  public DeclaredItem at(String newSite, String newZone) {
    return new DeclaredItem(id, category, status, newSite, newZone, attributes, type);
  }

  /** The same item with {@code changes} written over its attributes. */
  public DeclaredItem withAttributes(Map<String, Long> changes) {
    if (changes.isEmpty()) {
      return this;
    }
    var merged = new TreeMap<>(attributes);
    merged.putAll(changes);
    return new DeclaredItem(id, category, status, site, zone, merged, type);
  }
}
