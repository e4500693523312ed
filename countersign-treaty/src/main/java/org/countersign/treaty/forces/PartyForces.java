package org.countersign.treaty.forces;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A party's forces: its totals and its systems.
 *
 * @param party the party id as the treaty files spell it ({@code US}, {@code RU}, {@code CN},
 *     {@code GB}, {@code FR})
 */
public record PartyForces(
    String party, String name, Map<Quantity, Figure> figures, List<ForceSystem> systems) {
  public PartyForces {
    figures = ForcePosture.orderedCopy(figures);
    systems = List.copyOf(systems);
  }

  /** A party total, empty if not stated or unknown. */
  public OptionalDouble value(Quantity q) {
    Figure f = figures.get(q);
    return f == null ? OptionalDouble.empty() : f.value();
  }

  /** The system with this id. */
  public Optional<ForceSystem> system(String id) {
    return systems.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  /** The party's systems whose items are of treaty category {@code category}. */
  public List<ForceSystem> inCategory(String category) {
    return systems.stream().filter(s -> s.category().equals(category)).toList();
  }
}
