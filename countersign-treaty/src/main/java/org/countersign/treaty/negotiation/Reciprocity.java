package org.countersign.treaty.negotiation;

import java.util.ArrayList;
import java.util.List;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.negotiation.ProposalEvaluation.Gives;

/**
 * The reciprocity summary of an evaluation: who gives reductions, who gives none, who keeps room to
 * grow. Plain sentences built from the figures by fixed rules, so they read the same wherever
 * computed and never say more than the figures do.
 */
final class Reciprocity {
  private Reciprocity() {}

  static List<String> summary(Treaty proposal, List<Gives> gives) {
    var out = new ArrayList<String>();
    var giving = new ArrayList<String>();
    var notGiving = new ArrayList<String>();
    for (Gives g : gives) {
      String line;
      if (g.limits() == 0) {
        line = g.party() + ": no figure under any limit; what it would give is unknown";
      } else if (g.limitsReduced() == 0) {
        notGiving.add(g.party());
        line =
            g.party()
                + ": no reduction under any of its "
                + g.limits()
                + " limit"
                + (g.limits() == 1 ? "" : "s")
                + headroomClause(g);
      } else {
        giving.add(g.party());
        line =
            g.party()
                + ": reduces under "
                + g.limitsReduced()
                + " of "
                + g.limits()
                + " limits (largest: "
                + g.largestShareLimit()
                + ", "
                + g.reductions().get(g.largestShareLimit())
                + " = "
                + ProposalEvaluation.percent(g.largestShare())
                + " of its count)";
      }
      if (!g.unknown().isEmpty()) {
        line += "; no figure under " + String.join(", ", g.unknown());
      }
      out.add(line);
    }
    if (giving.isEmpty() && !notGiving.isEmpty()) {
      out.add(0, "The proposal asks no reduction of any party with figures.");
    } else if (!giving.isEmpty() && notGiving.isEmpty()) {
      out.add(0, "Every party with figures gives a reduction under at least one limit.");
    } else if (!giving.isEmpty()) {
      out.add(
          0,
          "Only "
              + String.join(", ", giving)
              + (giving.size() == 1 ? " gives" : " give")
              + " reductions; "
              + String.join(", ", notGiving)
              + (notGiving.size() == 1 ? " gives" : " give")
              + " none.");
    }
    return out;
  }

  private static String headroomClause(Gives g) {
    String best = "";
    long room = 0;
    for (var e : g.headroom().entrySet()) {
      if (e.getValue() > room) {
        room = e.getValue();
        best = e.getKey();
      }
    }
    return room == 0 ? "" : " (it may grow: most room under " + best + ", +" + room + ")";
  }
}
