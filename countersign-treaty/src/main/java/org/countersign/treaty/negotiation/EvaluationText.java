package org.countersign.treaty.negotiation;

import java.util.ArrayList;
import java.util.List;
import org.countersign.treaty.negotiation.ProposalEvaluation.Ask;
import org.countersign.treaty.negotiation.ProposalEvaluation.Gives;
import org.countersign.treaty.negotiation.ProposalEvaluation.PartyBasis;
import org.countersign.treaty.negotiation.ProposalEvaluation.ReadingAsk;

/** The plain-text form of a {@link ProposalEvaluation}, with any joined columns. */
public final class EvaluationText {
  private EvaluationText() {}

  /** The evaluation as text; {@code extra} adds columns to the per-party summary. */
  public static String of(ProposalEvaluation e, List<ExtraColumn> extra) {
    var b = new StringBuilder();
    b.append("What ")
        .append(e.proposalName())
        .append(" asks of each party\n  proposal ")
        .append(e.proposal())
        .append(", digest ")
        .append(e.proposalDigest())
        .append("\n  forces counted as of ")
        .append(e.at())
        .append("; ")
        .append(e.basis())
        .append("\n\nForces\n");
    for (PartyBasis p : e.parties()) {
      b.append("  ")
          .append(p.party())
          .append(" (")
          .append(p.name())
          .append("): ")
          .append(p.source());
      if (!p.asOf().isEmpty()) {
        b.append(", as of ").append(p.asOf());
      }
      if (!p.evidence().isEmpty()) {
        b.append(", ")
            .append(p.evidence().size())
            .append(" log entries (indexes ")
            .append(p.evidence().get(0))
            .append("..")
            .append(p.evidence().get(p.evidence().size() - 1))
            .append(")");
      }
      b.append("\n");
      for (String c : p.citations()) {
        b.append("      source: ").append(c).append("\n");
      }
      for (String n : p.notes()) {
        b.append("      note: ").append(n).append("\n");
      }
    }
    b.append("\nWhat the proposal asks, per party and limit\n");
    String party = "";
    for (Ask a : e.asks()) {
      if (!a.party().equals(party)) {
        party = a.party();
        b.append("  ").append(party).append("\n");
      }
      b.append("    ")
          .append(a.limit())
          .append(a.zone().isEmpty() ? "" : " [zone " + a.zone() + "]")
          .append(": ceiling ")
          .append(a.proposed())
          .append(" from ")
          .append(a.bindsFrom())
          .append("; ");
      // ask() gives all four figures or none.
      Long reduction = a.reduction();
      Long share = a.reductionShare();
      if (a.counted() == null || reduction == null || share == null) {
        b.append("no figure\n");
        continue;
      }
      b.append("counted ")
          .append(a.lowerBound() ? "at least " : "")
          .append(a.counted())
          .append(", ");
      if (reduction > 0) {
        b.append("reduce by ")
            .append(reduction)
            .append(" (")
            .append(ProposalEvaluation.percent(share))
            .append(")");
      } else {
        b.append("no reduction, headroom ").append(a.headroom());
      }
      b.append("\n");
      for (ReadingAsk r : a.readings()) {
        b.append("        in ")
            .append(r.reader())
            .append("'s reading (disputes at ")
            .append(r.evidence())
            .append("): counted ")
            .append(r.counted())
            .append(", reduce by ")
            .append(r.reduction())
            .append("\n");
      }
    }
    b.append("\nWhat each gives: reduction (share of its count), side by side\n");
    var header = new ArrayList<String>();
    header.add("limit");
    for (PartyBasis p : e.parties()) {
      header.add(p.party());
    }
    var rows = new ArrayList<List<String>>();
    rows.add(header);
    for (String limit : limitsInOrder(e)) {
      var row = new ArrayList<String>();
      row.add(limit);
      for (PartyBasis p : e.parties()) {
        row.add(cell(e, p.party(), limit));
      }
      rows.add(row);
    }
    table(b, rows);
    if (e.asks().stream().anyMatch(Ask::lowerBound)) {
      b.append(
          "  * counted from incomplete figures: the count is a lower bound, the room an upper"
              + " one\n");
    }
    b.append("\nPer party\n");
    var summary = new ArrayList<List<String>>();
    var head = new ArrayList<String>(List.of("party", "limits reduced", "largest share"));
    for (ExtraColumn x : extra) {
      head.add(x.title());
    }
    summary.add(head);
    for (Gives g : e.gives()) {
      var row = new ArrayList<String>();
      row.add(g.party());
      row.add(g.limitsReduced() + " of " + g.limits());
      row.add(
          g.largestShare() == 0
              ? "-"
              : ProposalEvaluation.percent(g.largestShare()) + " " + g.largestShareLimit());
      for (ExtraColumn x : extra) {
        row.add(x.cells().getOrDefault(g.party(), "n/a"));
      }
      summary.add(row);
    }
    table(b, summary);
    b.append("\nReciprocity\n");
    for (String s : e.reciprocity()) {
      b.append("  ").append(s).append("\n");
    }
    return b.toString();
  }

  static List<String> limitsInOrder(ProposalEvaluation e) {
    var out = new ArrayList<String>();
    for (Ask a : e.asks()) {
      if (!out.contains(a.limit())) {
        out.add(a.limit());
      }
    }
    return out;
  }

  /** The side-by-side cell of {@code party} under {@code limit}. */
  static String cell(ProposalEvaluation e, String party, String limit) {
    for (Ask a : e.asks()) {
      if (a.party().equals(party) && a.limit().equals(limit)) {
        Long reduction = a.reduction();
        Long share = a.reductionShare();
        if (a.counted() == null || reduction == null || share == null) {
          return "unknown";
        }
        if (reduction > 0) {
          return "-"
              + reduction
              + " ("
              + ProposalEvaluation.percent(share)
              + ")"
              + (a.lowerBound() ? " *" : "");
        }
        return "0 (room +" + a.headroom() + ")" + (a.lowerBound() ? " *" : "");
      }
    }
    return "n/a";
  }

  private static void table(StringBuilder b, List<List<String>> rows) {
    int cols = rows.get(0).size();
    int[] width = new int[cols];
    for (List<String> r : rows) {
      for (int i = 0; i < cols; i++) {
        width[i] = Math.max(width[i], r.get(i).length());
      }
    }
    for (List<String> r : rows) {
      var line = new StringBuilder("  ");
      for (int i = 0; i < cols; i++) {
        line.append(r.get(i));
        if (i < cols - 1) {
          line.append(" ".repeat(width[i] - r.get(i).length() + 2));
        }
      }
      b.append(line.toString().stripTrailing()).append("\n");
    }
  }
}
