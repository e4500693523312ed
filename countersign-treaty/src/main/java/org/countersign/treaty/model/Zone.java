package org.countersign.treaty.model;

/**
 * A geographic zone for regional limits.
 *
 * @param id the id items carry in their {@code zone} field
 * @param name a human name
 * @param within the enclosing zone's id, or {@code ""}: an item in this zone also counts for limits
 *     on the enclosing zone
 */
public record Zone(String id, String name, String within) {
  public Zone {
    Checks.id("zone id", id);
    Checks.text("zone name", name);
    Checks.present("within", within);
    if (within.equals(id)) {
      throw new IllegalArgumentException("zone " + id + " cannot lie within itself");
    }
  }
}
