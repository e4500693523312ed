package org.countersign.treaty.model;

import org.jspecify.annotations.Nullable;

/**
 * An integer attribute items of a category carry, e.g. {@code warheads} (reentry vehicles emplaced)
 * or a 0/1 flag such as {@code nuclear-armaments}.
 *
 * @param id kebab-case name, as in item attribute maps
 * @param description what the number means
 * @param min smallest allowed value (at least 0)
 * @param max largest allowed value
 * @param required whether every item of the category must state it
 * @param defaultValue the value assumed when an item does not state it, or null
 */
public record AttributeDef(
    String id,
    String description,
    long min,
    long max,
    boolean required,
    @Nullable Long defaultValue) {
  public AttributeDef {
    Checks.name("attribute id", id);
    Checks.present("description", description);
    if (min < 0 || max < min) {
      throw new IllegalArgumentException(
          "attribute " + id + " needs 0 <= min <= max, got " + min + ".." + max);
    }
    if (defaultValue != null && (defaultValue < min || defaultValue > max)) {
      throw new IllegalArgumentException(
          "attribute " + id + " default " + defaultValue + " is outside " + min + ".." + max);
    }
    if (required && defaultValue != null) {
      throw new IllegalArgumentException("attribute " + id + " is required and has a default");
    }
  }
}
