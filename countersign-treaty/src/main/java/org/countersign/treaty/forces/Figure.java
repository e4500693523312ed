package org.countersign.treaty.forces;

import java.util.OptionalDouble;

/**
 * One figure: a quantity, its value (absent exactly when the provenance is {@link
 * Provenance.Unknown}), where it comes from, and an optional note (empty string when none).
 */
public record Figure(Quantity quantity, OptionalDouble value, Provenance provenance, String note) {
  public Figure {
    boolean unknown = provenance instanceof Provenance.Unknown;
    if (unknown == value.isPresent()) {
      throw new IllegalArgumentException(
          quantity.key() + ": a value is required unless the figure is unknown, and only then");
    }
    if (value.isPresent()) {
      quantity
          .check(value.getAsDouble())
          .ifPresent(
              reason -> {
                throw new IllegalArgumentException(quantity.key() + " " + reason);
              });
    }
  }

  /** True if the value comes from a published source (not an assumption, not unknown). */
  public boolean isSourced() {
    return provenance instanceof Provenance.Sourced;
  }

  /** True if the value is Countersign's assumption. */
  public boolean isAssumption() {
    return provenance instanceof Provenance.Assumption;
  }
}
