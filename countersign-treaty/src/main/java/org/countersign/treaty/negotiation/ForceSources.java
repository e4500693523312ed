package org.countersign.treaty.negotiation;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.countersign.treaty.compliance.DeclaredForces;
import org.countersign.treaty.model.CountingRule;
import org.countersign.treaty.model.Limit;
import org.countersign.treaty.model.Party;
import org.countersign.treaty.model.Treaty;

/**
 * Chooses, for each party of a proposal, the forces an evaluation counts.
 *
 * <ol>
 *   <li>A party that declared items in the log: its declared inventory (and the disputing parties'
 *       readings of it). Categories the proposal counts but the log's treaty does not define (New
 *       START has no interceptors) cannot be in its declarations: for those, the party's published
 *       estimates are added, and the figures say so ({@code declared+estimated}).
 *   <li>A party that declared nothing (China, under New START): its published estimates.
 *   <li>Otherwise no figure, said plainly.
 * </ol>
 */
public final class ForceSources {
  private ForceSources() {}

  /**
   * The forces per party of {@code proposal}.
   *
   * @param logTreaty the treaty the log's declarations were made under, or null without a log
   * @param declared the log's declared forces per party (empty without a log)
   * @param estimated published estimates per party (empty without a force-posture file)
   */
  public static Map<String, PartyForces> choose(
      Treaty proposal,
      @org.jspecify.annotations.Nullable Treaty logTreaty,
      Map<String, DeclaredForces> declared,
      Map<String, PartyForces> estimated) {
    Set<String> counted = countedCategories(proposal);
    var out = new LinkedHashMap<String, PartyForces>();
    for (Party p : proposal.parties()) {
      if (!p.isParty()) {
        continue;
      }
      DeclaredForces d = declared.get(p.id());
      PartyForces e = estimated.get(p.id());
      if (d != null && logTreaty != null) {
        PartyForces f = PartyForces.declared(d);
        var missing = new TreeSet<String>();
        var silent = new TreeSet<String>();
        Set<String> declaredCategories = d.categories();
        for (String c : counted) {
          if (logTreaty.category(c).isEmpty()) {
            missing.add(c);
          } else if (!declaredCategories.contains(c)) {
            // Defined by the log's treaty, yet no item of it in any status: the declarations
            // are silent on it, which is a gap and not a declared zero (a party that has none
            // left still declares them eliminated or converted).
            silent.add(c);
          }
        }
        var undefined = new TreeSet<>(missing);
        missing.addAll(silent);
        if (missing.isEmpty()) {
          out.put(p.id(), f);
          continue;
        }
        var groups = new ArrayList<>(f.groups());
        var notes = new ArrayList<String>();
        var fromEstimates = new TreeSet<String>();
        if (e != null) {
          for (ForceGroup g : e.groups()) {
            if (missing.contains(g.category())) {
              groups.add(g);
              fromEstimates.add(g.category());
            }
          }
        }
        var unknown = new TreeSet<>(missing);
        unknown.removeAll(fromEstimates);
        var estimatedUndefined = new TreeSet<>(fromEstimates);
        estimatedUndefined.retainAll(undefined);
        var estimatedSilent = new TreeSet<>(fromEstimates);
        estimatedSilent.retainAll(silent);
        if (!estimatedUndefined.isEmpty()) {
          notes.add(
              "categories "
                  + String.join(", ", estimatedUndefined)
                  + " are not defined by "
                  + logTreaty.id()
                  + ", so not declared: counted from published estimates");
        }
        if (!estimatedSilent.isEmpty()) {
          notes.add(
              "no item of "
                  + String.join(", ", estimatedSilent)
                  + " is declared in the log (a gap, not a declared zero): counted from"
                  + " published estimates");
        }
        if (!unknown.isEmpty()) {
          notes.add(
              "categories "
                  + String.join(", ", unknown)
                  + " are neither declared nor estimated: unknown, counted as zero, so every"
                  + " total that counts them is a lower bound");
        }
        var readings = new LinkedHashMap<String, List<ForceGroup>>();
        for (var r : f.readings().entrySet()) {
          var g = new ArrayList<>(r.getValue());
          for (ForceGroup x : groups.subList(f.groups().size(), groups.size())) {
            g.add(x);
          }
          readings.put(r.getKey(), g);
        }
        out.put(
            p.id(),
            new PartyForces(
                p.id(),
                fromEstimates.isEmpty() ? "declared" : "declared+estimated",
                f.asOf(),
                f.evidence(),
                e == null || fromEstimates.isEmpty() ? List.of() : e.citations(),
                notes,
                groups,
                readings,
                f.readingEvidence(),
                e == null ? unknown : union(unknown, e.incomplete(), missing)));
      } else if (e != null) {
        out.put(p.id(), e);
      } else {
        out.put(
            p.id(),
            PartyForces.none(
                p.id(),
                "no declaration in the log and no published estimate: what it would give is"
                    + " unknown"));
      }
    }
    return out;
  }

  private static java.util.Set<String> union(
      java.util.Set<String> a, java.util.Set<String> b, java.util.Set<String> only) {
    var out = new TreeSet<>(a);
    for (String c : b) {
      if (only.contains(c)) {
        out.add(c);
      }
    }
    return out;
  }

  /** The categories the proposal's limits count. */
  static Set<String> countedCategories(Treaty proposal) {
    var out = new TreeSet<String>();
    for (Limit l : proposal.limits()) {
      for (String ruleId : l.sum()) {
        CountingRule rule = proposal.countingRule(ruleId).orElseThrow();
        out.addAll(rule.filter().categories());
      }
    }
    return out;
  }
}
