package org.countersign.stability;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.countersign.treaty.forces.ForcePosture;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.negotiation.ExtraColumn;

/**
 * The stability columns of a proposal's "what each gives" table: for each party the model knows,
 * its first-strike stability index and its surviving warheads, under today's forces and under the
 * proposal (forces brought down to its limits by {@link ProposalLimits}'s rule), closed form with
 * the default parameters.
 *
 * <ul>
 *   <li><b>index</b>: the party's lowest index over its pairs (the opponent that gives it the
 *       strongest incentive to strike first), before → after;
 *   <li><b>survives</b>: the fewest warheads it keeps after an opponent's first strike (the most
 *       damaging opponent), before → after.
 * </ul>
 *
 * <p>The same function serves the CLI and the server, so text and HTML are the same bytes on both.
 */
public final class StabilityColumns {
  private StabilityColumns() {}

  /**
   * The two columns, or none when fewer than two of {@code parties} are in {@code posture}.
   *
   * @param posture the forces (the shipped file, or the file with a log's declarations in)
   * @param proposal the proposal
   * @param parties the evaluation's parties, in order
   */
  public static List<ExtraColumn> of(ForcePosture posture, Treaty proposal, List<String> parties) {
    List<String> known = new ArrayList<>();
    for (String p : parties) {
      if (posture.forces(p).isPresent() && known.size() < Assessor.MAX_PARTIES) {
        known.add(p);
      }
    }
    if (known.size() < 2) {
      return List.of();
    }
    Assessment a =
        Assessor.assess(
            new Assessor.Request(
                posture, known, ModelParameters.defaults(), 0, 1, false, Optional.of(proposal)));
    Assessment.ProposalComparison after = a.proposal().orElseThrow();
    Map<String, String> index = new TreeMap<>();
    Map<String, String> survives = new TreeMap<>();
    for (String p : known) {
      index.put(
          p,
          fmt(worstIndex(a.pairs(), p))
              + " -> "
              + fmt(worstIndex(after.pairsAfter(), p))
              + " (vs "
              + worstOpponent(after.pairsAfter(), p)
              + ")");
      survives.put(
          p,
          whole(fewestSurviving(a.pairs(), p))
              + " -> "
              + whole(fewestSurviving(after.pairsAfter(), p)));
    }
    return List.of(
        new ExtraColumn("stability index before -> after", index),
        new ExtraColumn("warheads surviving a first strike before -> after", survives));
  }

  private static double worstIndex(List<Assessment.Pair> pairs, String party) {
    double worst = Double.POSITIVE_INFINITY;
    for (Assessment.Pair x : pairs) {
      if (x.a().equals(party)) {
        worst = Math.min(worst, x.stability().indexA());
      } else if (x.b().equals(party)) {
        worst = Math.min(worst, x.stability().indexB());
      }
    }
    return worst;
  }

  private static String worstOpponent(List<Assessment.Pair> pairs, String party) {
    double worst = Double.POSITIVE_INFINITY;
    String who = "";
    for (Assessment.Pair x : pairs) {
      if (x.a().equals(party) && x.stability().indexA() < worst) {
        worst = x.stability().indexA();
        who = x.b();
      } else if (x.b().equals(party) && x.stability().indexB() < worst) {
        worst = x.stability().indexB();
        who = x.a();
      }
    }
    return who;
  }

  private static double fewestSurviving(List<Assessment.Pair> pairs, String party) {
    double fewest = Double.POSITIVE_INFINITY;
    for (Assessment.Pair x : pairs) {
      if (x.a().equals(party)) {
        fewest = Math.min(fewest, x.bFirst().victimSurviving());
      } else if (x.b().equals(party)) {
        fewest = Math.min(fewest, x.aFirst().victimSurviving());
      }
    }
    return fewest;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String whole(double v) {
    return String.format(Locale.ROOT, "%.0f", v);
  }
}
