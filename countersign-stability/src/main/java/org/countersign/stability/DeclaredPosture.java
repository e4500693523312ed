package org.countersign.stability;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.countersign.treaty.compliance.ComplianceEngine;
import org.countersign.treaty.compliance.DeclaredForces;
import org.countersign.treaty.forces.Figure;
import org.countersign.treaty.forces.ForcePosture;
import org.countersign.treaty.forces.ForceSystem;
import org.countersign.treaty.forces.PartyForces;
import org.countersign.treaty.forces.Provenance;
import org.countersign.treaty.forces.Quantity;
import org.countersign.treaty.forces.Source;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.negotiation.Evaluations;
import org.countersign.treaty.statement.DeclaredItem;

/**
 * The model's forces taken from a log's declarations, with what declarations cannot supply taken
 * from the force-posture file.
 *
 * <p>The rule, per party that declared items in the log (a party without declarations keeps the
 * file's figures, said in a note):
 *
 * <ul>
 *   <li>for each system of the file whose category the log's treaty defines, the declared
 *       <b>deployed items</b> of that category replace the file's {@code deployed}; for a category
 *       with a {@code warheads} attribute the sum of the declared warheads replaces {@code
 *       deployed-warheads}; declared deployed launchers of the system's launcher category replace
 *       {@code deployed-launchers}. Where the file has several systems of one category (Russian
 *       silo and road-mobile ICBMs), the declared figures are shared among them in proportion to
 *       the file's {@code deployed} figures (else its warheads, else equally), largest remainder
 *       first; declarations do not say how a missile is based;
 *   <li>a category the log's treaty does not define (New START has no interceptors) keeps the
 *       file's figures;
 *   <li>a category the treaty defines but of which the party declared no item in any status is a
 *       gap in the declarations, not a declared zero: it keeps the file's figures, and where the
 *       file has none the system stays unknown (left out of the model, with the reason);
 *   <li>everything else (yields, accuracy, hardness, reliability, alert, at-sea and dispersal
 *       rates, boats, bases, interceptor kill probability, bomber loadings where the treaty counts
 *       a bomber as one warhead) is not declared and stays the file's, with the file's provenance:
 *       published, or the file's assumption, listed as such in every assessment.
 * </ul>
 *
 * <p>Declared figures cite a source {@value #SOURCE_ID} naming the log, its prefix and the day.
 */
public final class DeclaredPosture {
  /** The id of the source declared figures cite. */
  public static final String SOURCE_ID = "declared-in-log";

  private DeclaredPosture() {}

  /**
   * The file's forces with the declared figures in.
   *
   * @param notes what was replaced and what was kept, one line each
   */
  public record Result(ForcePosture posture, List<String> notes) {
    public Result {
      notes = List.copyOf(notes);
    }
  }

  /**
   * Builds the forces.
   *
   * @param file the force-posture file
   * @param logTreaty the treaty of the log the declarations come from
   * @param declared the declared forces by party ({@code ComplianceEngine.declaredForcesAt})
   * @param origin the log's origin
   * @param entries the log prefix replayed
   * @param day the day the forces are read at
   */
  public static Result of(
      ForcePosture file,
      Treaty logTreaty,
      Map<String, DeclaredForces> declared,
      String origin,
      long entries,
      LocalDate day) {
    var notes = new ArrayList<String>();
    var parties = new LinkedHashMap<String, PartyForces>();
    for (var e : file.parties().entrySet()) {
      DeclaredForces d = declared.get(e.getKey());
      if (d == null || d.items().isEmpty()) {
        notes.add(e.getKey() + ": nothing declared in the log; the force-posture file's figures");
        parties.put(e.getKey(), e.getValue());
      } else {
        parties.put(e.getKey(), party(e.getValue(), logTreaty, d, notes));
      }
    }
    var sources = new LinkedHashMap<String, Source>(file.sources());
    sources.put(
        SOURCE_ID,
        new Source(
            SOURCE_ID,
            "declarations in log "
                + origin
                + " (first "
                + entries
                + " entries, under "
                + logTreaty.id()
                + ") as of "
                + day,
            day.getYear(),
            ""));
    return new Result(
        new ForcePosture("declared " + day + "; file " + file.asOf(), sources, parties), notes);
  }

  /**
   * {@link #of} over the declarations {@code engine} has applied at the last second of {@code day},
   * read together with the prefix length so that both describe the same prefix.
   */
  public static Result fromLog(
      ForcePosture file, String origin, ComplianceEngine engine, LocalDate day) {
    Map<String, DeclaredForces> declared;
    long entries;
    synchronized (engine) {
      declared = engine.declaredForcesAt(Evaluations.endOf(day));
      entries = engine.entries();
    }
    return of(file, engine.treaty(), declared, origin, entries, day);
  }

  /** {@code a} with {@code notes} listed first among its assumptions. */
  public static Assessment annotate(Assessment a, List<String> notes) {
    if (notes.isEmpty()) {
      return a;
    }
    var all = new ArrayList<String>(notes.size() + a.assumptions().size());
    notes.forEach(n -> all.add("forces: " + n));
    all.addAll(a.assumptions());
    return new Assessment(
        a.forcesAsOf(),
        a.parties(),
        a.parameters(),
        a.runs(),
        a.seed(),
        a.forces(),
        a.pairs(),
        a.trilateral(),
        a.sensitivity(),
        a.proposal(),
        all);
  }

  private static PartyForces party(
      PartyForces file, Treaty treaty, DeclaredForces d, List<String> notes) {
    var systems = new ArrayList<ForceSystem>(file.systems());
    var byCategory = new LinkedHashMap<String, List<Integer>>();
    for (int i = 0; i < systems.size(); i++) {
      byCategory.computeIfAbsent(systems.get(i).category(), k -> new ArrayList<>()).add(i);
    }
    for (var c : byCategory.entrySet()) {
      String category = c.getKey();
      List<Integer> idx = c.getValue();
      if (treaty.category(category).isEmpty()) {
        notes.add(
            d.party()
                + " "
                + category
                + ": not a category of "
                + treaty.id()
                + "; the force-posture file's figures");
        continue;
      }
      boolean hasWarheads =
          treaty.category(category).flatMap(k -> k.attribute("warheads")).isPresent();
      long items = 0;
      long warheads = 0;
      for (DeclaredItem i : d.items()) {
        if (i.category().equals(category) && i.status().equals("deployed")) {
          items++;
          warheads += i.attributes().getOrDefault("warheads", 0L);
        }
      }
      if (!d.categories().contains(category)) {
        // No item of the category in any status: the declarations are silent on it, which is
        // not a declared zero (a party that retired every bomber still declares them
        // eliminated or non-deployed). Counting it as zero would hide a gap; the file's
        // figures are kept, and where the file has no figure the system stays unknown and
        // Arsenals leaves it out, saying so.
        for (int k : idx) {
          ForceSystem s = systems.get(k);
          notes.add(
              d.party()
                  + "/"
                  + s.id()
                  + ": no "
                  + category
                  + " item declared in the log (a gap, not a declared zero); the force-posture"
                  + " file's figures"
                  + (s.value(Quantity.DEPLOYED).isEmpty()
                          && s.value(Quantity.DEPLOYED_WARHEADS).isEmpty()
                      ? ", which have no deployed count: unknown"
                      : ""));
        }
        continue;
      }
      double[] weights = weights(systems, idx);
      long[] itemShares = share(items, weights);
      long[] warheadShares = share(warheads, weights);
      for (int k = 0; k < idx.size(); k++) {
        ForceSystem s = systems.get(idx.get(k));
        var figures = new LinkedHashMap<Quantity, Figure>(s.figures());
        figures.put(Quantity.DEPLOYED, declaredFigure(Quantity.DEPLOYED, itemShares[k]));
        if (hasWarheads) {
          figures.put(
              Quantity.DEPLOYED_WARHEADS,
              declaredFigure(Quantity.DEPLOYED_WARHEADS, warheadShares[k]));
        } else if (itemShares[k] == 0) {
          figures.put(Quantity.DEPLOYED_WARHEADS, declaredFigure(Quantity.DEPLOYED_WARHEADS, 0));
        }
        if (s.launcherCategory().isPresent()
            && treaty.category(s.launcherCategory().get()).isPresent()) {
          long launchers = 0;
          for (DeclaredItem i : d.items()) {
            if (i.category().equals(s.launcherCategory().get()) && i.status().equals("deployed")) {
              launchers++;
            }
          }
          figures.put(
              Quantity.DEPLOYED_LAUNCHERS,
              declaredFigure(Quantity.DEPLOYED_LAUNCHERS, share(launchers, weights)[k]));
        }
        systems.set(
            idx.get(k),
            new ForceSystem(
                s.id(), s.name(), s.category(), s.launcherCategory(), s.basing(), figures));
        notes.add(
            d.party()
                + "/"
                + s.id()
                + ": "
                + itemShares[k]
                + " deployed "
                + category
                + (hasWarheads ? " with " + warheadShares[k] + " warheads" : "")
                + " as declared"
                + (idx.size() > 1 ? " (its share of the category, by the file's proportions)" : "")
                + "; other parameters from the force-posture file");
      }
    }
    return new PartyForces(file.party(), file.name(), file.figures(), systems);
  }

  private static Figure declaredFigure(Quantity q, long value) {
    return new Figure(
        q,
        OptionalDouble.of((double) value),
        new Provenance.Sourced(SOURCE_ID),
        "declared in the log");
  }

  private static double[] weights(List<ForceSystem> systems, List<Integer> idx) {
    double[] w = new double[idx.size()];
    for (Quantity q : List.of(Quantity.DEPLOYED, Quantity.DEPLOYED_WARHEADS)) {
      double sum = 0;
      boolean all = true;
      for (int k = 0; k < idx.size(); k++) {
        OptionalDouble v = systems.get(idx.get(k)).value(q);
        all &= v.isPresent();
        w[k] = v.orElse(0);
        sum += w[k];
      }
      if (all && sum > 0) {
        return w;
      }
    }
    java.util.Arrays.fill(w, 1);
    return w;
  }

  /** {@code total} shared in proportion to {@code weights}, largest remainder first. */
  static long[] share(long total, double[] weights) {
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    long[] out = new long[weights.length];
    double[] rest = new double[weights.length];
    long given = 0;
    for (int k = 0; k < weights.length; k++) {
      double exact = (double) total * weights[k] / sum;
      out[k] = (long) Math.floor(exact);
      rest[k] = exact - out[k];
      given += out[k];
    }
    for (long left = total - given; left > 0; left--) {
      int best = 0;
      for (int k = 1; k < weights.length; k++) {
        if (rest[k] > rest[best]) {
          best = k;
        }
      }
      out[best]++;
      rest[best] = -1;
    }
    return out;
  }
}
