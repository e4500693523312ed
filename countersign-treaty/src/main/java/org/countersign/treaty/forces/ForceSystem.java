package org.countersign.treaty.forces;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One weapon system of a party, e.g. the Minuteman III force.
 *
 * @param id unique within the party
 * @param name readable name
 * @param category the treaty category id of the items ({@code icbm}, {@code slbm}, {@code
 *     heavy-bomber}, {@code interceptor}, {@code hypersonic-glide-vehicle}, {@code
 *     nuclear-cruise-missile})
 * @param launcherCategory the treaty category of its launchers ({@code icbm-launcher}, {@code
 *     slbm-launcher}), if it has separately counted launchers
 * @param basing how it is based
 * @param figures its figures by quantity, in file order
 */
public record ForceSystem(
    String id,
    String name,
    String category,
    Optional<String> launcherCategory,
    Basing basing,
    Map<Quantity, Figure> figures) {
  public ForceSystem {
    figures = ForcePosture.orderedCopy(figures);
  }

  /** The figure for {@code q}, if the file states one (known or unknown). */
  public Optional<Figure> figure(Quantity q) {
    return Optional.ofNullable(figures.get(q));
  }

  /** The value for {@code q}, empty if not stated or unknown. */
  public OptionalDouble value(Quantity q) {
    Figure f = figures.get(q);
    return f == null ? OptionalDouble.empty() : f.value();
  }

  /** A count for {@code q}, empty if not stated or unknown. */
  public OptionalInt count(Quantity q) {
    OptionalDouble v = value(q);
    return v.isPresent() ? OptionalInt.of((int) v.getAsDouble()) : OptionalInt.empty();
  }
}
