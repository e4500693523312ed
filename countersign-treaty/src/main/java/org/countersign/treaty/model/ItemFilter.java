package org.countersign.treaty.model;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.countersign.treaty.statement.DeclaredItem;
import org.jspecify.annotations.Nullable;

/**
 * Which items a counting rule looks at: categories, statuses, and conditions on attributes.
 *
 * <p>An attribute an item does not state takes the category's default; with no default the
 * condition fails (an unknown value never counts).
 *
 * @param categories the categories selected (at least one)
 * @param statuses the statuses selected (at least one: a rule never counts "any status", so an
 *     eliminated item can never slip into a total)
 * @param where attribute conditions, all of which must hold
 * @param types the item types selected (each a type of one of the categories); empty selects every
 *     item whatever its type. An item that states no type is never selected by a list of types
 */
public record ItemFilter(
    List<String> categories,
    List<String> statuses,
    Map<String, AttributeCondition> where,
    List<String> types) {
  public ItemFilter {
    categories = Checks.list("categories", categories);
    statuses = Checks.list("statuses", statuses);
    if (categories.isEmpty() || statuses.isEmpty()) {
      throw new IllegalArgumentException("a filter names at least one category and one status");
    }
    where = java.util.Collections.unmodifiableMap(new TreeMap<>(Checks.present("where", where)));
    types = Checks.list("types", types);
  }

  /** Whether {@code item} is selected, with attribute defaults from {@code category}. */
  public boolean matches(DeclaredItem item, Category category) {
    if (!categories.contains(item.category()) || !statuses.contains(item.status())) {
      return false;
    }
    if (!types.isEmpty() && !types.contains(item.type())) {
      return false;
    }
    for (var e : where.entrySet()) {
      Long value = attributeValue(item, category, e.getKey());
      if (value == null || !e.getValue().test(value)) {
        return false;
      }
    }
    return true;
  }

  /** The item's value of {@code name}, else the category default, else null. */
  static @Nullable Long attributeValue(DeclaredItem item, Category category, String name) {
    Long v = item.attributes().get(name);
    if (v != null) {
      return v;
    }
    return category.attribute(name).map(AttributeDef::defaultValue).orElse(null);
  }
}
