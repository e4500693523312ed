package org.countersign.treaty.model;

/**
 * A type within a category, e.g. the {@code b-52h} and {@code b-2a} heavy bombers: counting rules,
 * change kinds (a conversion procedure written for one type) and so limits can name it.
 *
 * @param id kebab-case id, unique within its category; what items state in {@code type}
 * @param name a human name, e.g. {@code B-52H}
 */
public record ItemType(String id, String name) {
  public ItemType {
    Checks.name("type id", id);
    Checks.text("type name", name);
  }
}
