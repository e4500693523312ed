package org.countersign.treaty.negotiation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.countersign.treaty.compliance.DeclaredForces;
import org.countersign.treaty.statement.DeclaredItem;

/**
 * One party's forces as an evaluation counts them, and what they rest on.
 *
 * @param party the party id
 * @param source {@code declared} (its declarations in a log), {@code estimated} (published
 *     estimates from the force-posture file), {@code declared+estimated} (declared, with the
 *     categories the log's treaty does not define taken from estimates) or {@code none}
 * @param asOf the date the forces describe (a declaration's day, or an estimate's year), or {@code
 *     ""} when unknown
 * @param evidence log indexes of the declarations counted
 * @param citations the publications of the estimates used, each with year and URL where there is
 *     one
 * @param notes what the reader must know (categories without any figure, fallbacks)
 * @param groups the forces
 * @param readings per disputing party, the forces read its way
 * @param readingEvidence per disputing party, the log indexes of its disputes
 * @param incomplete categories in which some of the party's items have no figure: totals that count
 *     them are lower bounds
 */
public record PartyForces(
    String party,
    String source,
    String asOf,
    List<Long> evidence,
    List<String> citations,
    List<String> notes,
    List<ForceGroup> groups,
    Map<String, List<ForceGroup>> readings,
    Map<String, List<Long>> readingEvidence,
    java.util.Set<String> incomplete) {
  public PartyForces {
    incomplete = java.util.Collections.unmodifiableSet(new java.util.TreeSet<>(incomplete));
    evidence = List.copyOf(evidence);
    citations = List.copyOf(citations);
    notes = List.copyOf(notes);
    groups = List.copyOf(groups);
    readings = java.util.Collections.unmodifiableMap(new TreeMap<>(readings));
    readingEvidence = java.util.Collections.unmodifiableMap(new TreeMap<>(readingEvidence));
  }

  /** A party with no figure at all. */
  public static PartyForces none(String party, String note) {
    return new PartyForces(
        party,
        "none",
        "",
        List.of(),
        List.of(),
        List.of(note),
        List.of(),
        Map.of(),
        Map.of(),
        java.util.Set.of());
  }

  /** Declared forces, grouped. */
  public static PartyForces declared(DeclaredForces d) {
    var readings = new TreeMap<String, List<ForceGroup>>();
    d.readings().forEach((k, v) -> readings.put(k, group(v)));
    return new PartyForces(
        d.party(),
        "declared",
        d.asOf().toString(),
        d.evidence(),
        List.of(),
        List.of(),
        group(d.items()),
        readings,
        d.readingEvidence(),
        java.util.Set.of());
  }

  /** Groups identical items, in a fixed order (category, status, zone, attributes). */
  public static List<ForceGroup> group(List<DeclaredItem> items) {
    var counts = new TreeMap<String, long[]>();
    var firsts = new LinkedHashMap<String, DeclaredItem>();
    for (DeclaredItem item : items) {
      String key = ForceGroup.keyOf(item);
      counts.computeIfAbsent(key, k -> new long[1])[0]++;
      firsts.putIfAbsent(key, item);
    }
    var out = new ArrayList<ForceGroup>(counts.size());
    for (var e : counts.entrySet()) {
      // Both maps are filled with the same keys.
      DeclaredItem i = Objects.requireNonNull(firsts.get(e.getKey()));
      out.add(new ForceGroup(i.category(), i.status(), i.zone(), i.attributes(), e.getValue()[0]));
    }
    return out;
  }
}
