package org.countersign.treaty.model;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A category of treaty-accountable items, e.g. {@code icbm} or {@code heavy-bomber}.
 *
 * @param id kebab-case id
 * @param name a human name
 * @param statuses the statuses an item of this category may have
 * @param identifier the pattern every item id of this category must match in full (the treaty's
 *     unique identifiers); items are unique per party across categories
 * @param attributes the integer attributes items of this category carry
 * @param types the types within the category that items may state (empty: the treaty names none,
 *     and an item stating a type is refused)
 */
public record Category(
    String id,
    String name,
    List<String> statuses,
    Pattern identifier,
    List<AttributeDef> attributes,
    List<ItemType> types) {
  public Category {
    Checks.name("category id", id);
    Checks.text("category name", name);
    statuses = Checks.list("statuses", statuses);
    if (statuses.isEmpty()) {
      throw new IllegalArgumentException("category " + id + " has no statuses");
    }
    Checks.present("identifier", identifier);
    attributes = Checks.uniqueBy("attributes", attributes, AttributeDef::id);
    types = Checks.uniqueBy("types", types, ItemType::id);
  }

  /** Whether {@code type} is one of this category's types. */
  public boolean hasType(String type) {
    return types.stream().anyMatch(t -> t.id().equals(type));
  }

  /** The attribute definition named {@code name}, if the category has it. */
  public Optional<AttributeDef> attribute(String name) {
    return attributes.stream().filter(a -> a.id().equals(name)).findFirst();
  }

  @Override
  public boolean equals(Object o) {
    // Pattern has identity equality; compare by its source text.
    return o instanceof Category c
        && c.id.equals(id)
        && c.name.equals(name)
        && c.statuses.equals(statuses)
        && c.identifier.pattern().equals(identifier.pattern())
        && c.attributes.equals(attributes)
        && c.types.equals(types);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(id, name, statuses, identifier.pattern(), attributes, types);
  }
}
