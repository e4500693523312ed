package org.countersign.treaty.negotiation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeSet;
import org.countersign.treaty.forces.Figure;
import org.countersign.treaty.forces.ForcePosture;
import org.countersign.treaty.forces.ForceSystem;
import org.countersign.treaty.forces.Provenance;
import org.countersign.treaty.forces.Quantity;
import org.countersign.treaty.forces.Source;
import org.countersign.treaty.model.Treaty;

/**
 * Published estimates (the force-posture file) as items a proposal's counting rules can count.
 *
 * <p>Per system of a party, by fixed rules that every evaluation states in its notes:
 *
 * <ul>
 *   <li><b>items</b> (missiles, bombers, interceptors, glide vehicles, cruise missiles), deployed:
 *       the {@code deployed} figure; where it is unknown but {@code deployed-warheads} and {@code
 *       warheads-per-item} are known, their quotient rounded up (said in a note); otherwise
 *       unknown, and totals counting the category are marked as lower bounds;
 *   <li><b>warheads</b> on those items, for a category with a {@code warheads} attribute: {@code
 *       deployed-warheads} spread over the items so that the sum is exact, else {@code
 *       warheads-per-item} each;
 *   <li><b>launchers</b> of the system's launcher category: {@code deployed-launchers} and {@code
 *       non-deployed-launchers} where published; where deployed launchers are not, one per deployed
 *       missile (said in a note); non-deployed launchers without a figure are unknown.
 * </ul>
 *
 * <p>Figures that are the file's assumptions rather than a publication's are listed as such in the
 * notes, so that no reader takes them for a party's real forces.
 */
public final class EstimatedForces {
  private EstimatedForces() {}

  /** Every party of the file with at least one figure, as counted forces. */
  public static Map<String, PartyForces> of(ForcePosture posture, Treaty proposal) {
    var out = new LinkedHashMap<String, PartyForces>();
    for (var e : posture.parties().entrySet()) {
      out.put(e.getKey(), party(posture, e.getValue(), proposal));
    }
    return out;
  }

  private static PartyForces party(
      ForcePosture posture, org.countersign.treaty.forces.PartyForces p, Treaty proposal) {
    var groups = new ArrayList<ForceGroup>();
    var notes = new ArrayList<String>();
    var citations = new LinkedHashSet<String>();
    var assumptions = new TreeSet<String>();
    Set<String> incomplete = new TreeSet<>();
    for (ForceSystem s : p.systems()) {
      Long items = count(s, Quantity.DEPLOYED, posture, citations, assumptions);
      Long warheads = count(s, Quantity.DEPLOYED_WARHEADS, posture, citations, assumptions);
      Long perItem = count(s, Quantity.WARHEADS_PER_ITEM, posture, citations, assumptions);
      if (items == null && warheads != null && perItem != null && perItem > 0) {
        items = (warheads + perItem - 1) / perItem;
        notes.add(
            s.id()
                + ": "
                + items
                + " deployed items derived from "
                + warheads
                + " warheads at "
                + perItem
                + " per item");
      }
      boolean hasWarheads =
          proposal.category(s.category()).flatMap(c -> c.attribute("warheads")).isPresent();
      if (items == null) {
        incomplete.add(s.category());
        notes.add(s.id() + " (" + s.category() + "): deployed count unknown: " + why(s));
      } else if (items > 0) {
        if (hasWarheads && warheads != null) {
          long base = warheads / items;
          long extra = warheads % items;
          if (items - extra > 0) {
            groups.add(group(s.category(), "deployed", Map.of("warheads", base), items - extra));
          }
          if (extra > 0) {
            groups.add(group(s.category(), "deployed", Map.of("warheads", base + 1), extra));
          }
        } else if (hasWarheads && perItem != null) {
          groups.add(group(s.category(), "deployed", Map.of("warheads", perItem), items));
        } else if (hasWarheads) {
          incomplete.add(s.category());
          notes.add(s.id() + ": warheads per item unknown");
          groups.add(group(s.category(), "deployed", Map.of(), items));
        } else {
          groups.add(group(s.category(), "deployed", Map.of(), items));
        }
      }
      if (s.launcherCategory().isPresent()) {
        String lc = s.launcherCategory().get();
        Long deployed = count(s, Quantity.DEPLOYED_LAUNCHERS, posture, citations, assumptions);
        if (deployed == null && items != null) {
          deployed = items;
          notes.add(s.id() + ": one deployed " + lc + " assumed per deployed missile");
        }
        if (deployed == null) {
          incomplete.add(lc);
        } else if (deployed > 0) {
          groups.add(group(lc, "deployed", Map.of(), deployed));
        }
        Long nonDeployed =
            count(s, Quantity.NON_DEPLOYED_LAUNCHERS, posture, citations, assumptions);
        if (nonDeployed == null) {
          incomplete.add(lc);
        } else if (nonDeployed > 0) {
          groups.add(group(lc, "non-deployed", Map.of(), nonDeployed));
        }
      }
    }
    if (!incomplete.isEmpty()) {
      notes.add(
          "no figure for some "
              + String.join(", ", incomplete)
              + ": totals counting them are lower bounds");
    }
    for (String a : assumptions) {
      notes.add("assumption, not a published figure: " + a);
    }
    // Categories no rule knows are dropped by the counting rules themselves (value 0).
    return new PartyForces(
        p.party(),
        "estimated",
        posture.asOf(),
        List.of(),
        List.copyOf(citations),
        notes,
        mergeSame(groups),
        Map.of(),
        Map.of(),
        incomplete);
  }

  private static ForceGroup group(String category, String status, Map<String, Long> attrs, long n) {
    return new ForceGroup(category, status, "", attrs, n);
  }

  /** Groups of identical items from several systems, merged, in a fixed order. */
  private static List<ForceGroup> mergeSame(List<ForceGroup> groups) {
    var merged = new java.util.TreeMap<String, ForceGroup>();
    for (ForceGroup g : groups) {
      String key =
          g.category() + "\u0000" + g.status() + "\u0000" + g.zone() + "\u0000" + g.attributes();
      ForceGroup before = merged.get(key);
      merged.put(
          key,
          before == null
              ? g
              : new ForceGroup(
                  g.category(),
                  g.status(),
                  g.zone(),
                  g.attributes(),
                  before.quantity() + g.quantity()));
    }
    return List.copyOf(merged.values());
  }

  private static @org.jspecify.annotations.Nullable Long count(
      ForceSystem s,
      Quantity q,
      ForcePosture posture,
      Set<String> citations,
      Set<String> assumptions) {
    var figure = s.figure(q);
    if (figure.isEmpty()) {
      return null;
    }
    Figure f = figure.get();
    OptionalDouble v = f.value();
    if (v.isEmpty()) {
      return null;
    }
    switch (f.provenance()) {
      case Provenance.Sourced src -> {
        Source source = posture.sources().get(src.sourceId());
        if (source != null) {
          citations.add(
              source.citation()
                  + " ("
                  + source.year()
                  + ")"
                  + (source.url().isEmpty() ? "" : ", " + source.url()));
        }
      }
      case Provenance.Assumption a ->
          assumptions.add(
              s.id() + " " + q.key() + " = " + (long) v.getAsDouble() + ": " + a.reason());
      case Provenance.Unknown u -> {
        return null;
      }
    }
    return (long) v.getAsDouble();
  }

  private static String why(ForceSystem s) {
    return s.figure(Quantity.DEPLOYED)
        .map(Figure::provenance)
        .filter(p -> p instanceof Provenance.Unknown)
        .map(p -> ((Provenance.Unknown) p).reason())
        .orElse("no figure in the file");
  }
}
