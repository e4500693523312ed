package org.countersign.treaty.compliance;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.countersign.treaty.statement.DeclaredItem;

/**
 * A party's declared item-level inventory at an instant, as the log states it, with each disputing
 * party's reading of it: the input that lets other rules (a proposal's) count the same forces.
 *
 * @param party the party
 * @param asOf the day the inventory describes (its latest declaration or change notification)
 * @param items the items not in a terminal status, sorted by id
 * @param evidence the log indexes the inventory rests on, ascending
 * @param readings per disputing party, the inventory with the disputed items read its way (sorted
 *     by id); empty when nobody disputes
 * @param readingEvidence per disputing party, the log indexes of its disputes
 * @param categories every category of which the party has declared at least one item, in any
 *     status, terminal ones included: a category outside it is one the declarations are silent on
 *     (a gap), while one inside it with no live item is a declared zero
 */
public record DeclaredForces(
    String party,
    LocalDate asOf,
    List<DeclaredItem> items,
    List<Long> evidence,
    Map<String, List<DeclaredItem>> readings,
    Map<String, List<Long>> readingEvidence,
    Set<String> categories) {
  public DeclaredForces {
    items = List.copyOf(items);
    evidence = List.copyOf(evidence);
    readings = Map.copyOf(readings);
    readingEvidence = Map.copyOf(readingEvidence);
    var all = new TreeSet<>(categories);
    items.forEach(i -> all.add(i.category()));
    categories = Collections.unmodifiableSortedSet(all);
  }

  /** Forces whose declared categories are those of {@code items}. */
  public DeclaredForces(
      String party,
      LocalDate asOf,
      List<DeclaredItem> items,
      List<Long> evidence,
      Map<String, List<DeclaredItem>> readings,
      Map<String, List<Long>> readingEvidence) {
    this(party, asOf, items, evidence, readings, readingEvidence, Set.of());
  }
}
