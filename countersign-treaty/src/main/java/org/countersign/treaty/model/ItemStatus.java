package org.countersign.treaty.model;

/**
 * A status an item can have, e.g. {@code deployed}.
 *
 * @param id kebab-case id
 * @param name a human name
 * @param terminal whether the status ends the item's accountability (e.g. {@code eliminated}): an
 *     item in a terminal status drops out of later inventories, and a later declaration that still
 *     lists it with another status is a discrepancy
 */
public record ItemStatus(String id, String name, boolean terminal) {
  public ItemStatus {
    Checks.name("status id", id);
    Checks.text("status name", name);
  }
}
