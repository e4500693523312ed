package org.countersign.treaty.negotiation;

import java.util.List;
import org.countersign.treaty.negotiation.ProposalEvaluation.Ask;
import org.countersign.treaty.negotiation.ProposalEvaluation.Gives;
import org.countersign.treaty.negotiation.ProposalEvaluation.PartyBasis;
import org.countersign.treaty.negotiation.ProposalEvaluation.ReadingAsk;

/**
 * A printable HTML page of a {@link ProposalEvaluation}: one self-contained document, no script,
 * every text escaped, styles inline for print. The same input gives the same bytes.
 */
public final class EvaluationHtml {
  private EvaluationHtml() {}

  /** The page; {@code extra} adds columns to the per-party summary. */
  public static String of(ProposalEvaluation e, List<ExtraColumn> extra) {
    var b = new StringBuilder();
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
        .append(esc("What " + e.proposalName() + " asks"))
        .append("</title>\n<style>\n")
        .append(
            "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;color:#111}")
        .append("table{border-collapse:collapse;margin:1rem 0}")
        .append("th,td{border:1px solid #999;padding:.25rem .5rem;text-align:right}")
        .append("th:first-child,td:first-child{text-align:left}")
        .append(".cut{color:#a00;font-weight:bold}.note{color:#555;font-size:.9em}")
        .append("code{font-size:.85em}@media print{body{margin:0}}\n")
        .append("</style>\n</head>\n<body>\n<h1>")
        .append(esc("What " + e.proposalName() + " asks of each party"))
        .append("</h1>\n<p>Proposal <code>")
        .append(esc(e.proposal()))
        .append("</code>, digest <code>")
        .append(esc(e.proposalDigest()))
        .append("</code>. Forces counted as of ")
        .append(esc(e.at().toString()))
        .append("; ")
        .append(esc(e.basis()))
        .append(".</p>\n<h2>Forces</h2>\n<ul>\n");
    for (PartyBasis p : e.parties()) {
      b.append("<li><b>")
          .append(esc(p.party()))
          .append("</b> (")
          .append(esc(p.name()))
          .append("): ")
          .append(esc(p.source()))
          .append(p.asOf().isEmpty() ? "" : ", as of " + esc(p.asOf()));
      if (!p.evidence().isEmpty()) {
        b.append(", ").append(p.evidence().size()).append(" log entries");
      }
      for (String c : p.citations()) {
        b.append("<br><span class=\"note\">source: ").append(esc(c)).append("</span>");
      }
      for (String n : p.notes()) {
        b.append("<br><span class=\"note\">note: ").append(esc(n)).append("</span>");
      }
      b.append("</li>\n");
    }
    b.append("</ul>\n<h2>What each gives</h2>\n<p class=\"note\">Reduction required (share of")
        .append(
            " the party's count); 0 with the room left below the ceiling.</p>\n<table>\n<tr><th>")
        .append("limit</th><th>ceiling</th><th>binds from</th>");
    for (PartyBasis p : e.parties()) {
      b.append("<th>").append(esc(p.party())).append("</th>");
    }
    b.append("</tr>\n");
    for (String limit : EvaluationText.limitsInOrder(e)) {
      Ask first = null;
      for (Ask a : e.asks()) {
        if (a.limit().equals(limit)) {
          first = a;
          break;
        }
      }
      b.append("<tr><td>")
          .append(esc(limit))
          .append("</td><td>")
          .append(first == null ? "" : first.proposed())
          .append("</td><td>")
          .append(first == null ? "" : esc(first.bindsFrom().toString()))
          .append("</td>");
      for (PartyBasis p : e.parties()) {
        String cell = EvaluationText.cell(e, p.party(), limit);
        b.append(cell.startsWith("-") ? "<td class=\"cut\">" : "<td>")
            .append(esc(cell))
            .append("</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</table>\n<h2>Per party</h2>\n<table>\n<tr><th>party</th><th>limits reduced</th>")
        .append("<th>largest share</th>");
    for (ExtraColumn x : extra) {
      b.append("<th>").append(esc(x.title())).append("</th>");
    }
    b.append("</tr>\n");
    for (Gives g : e.gives()) {
      b.append("<tr><td>")
          .append(esc(g.party()))
          .append("</td><td>")
          .append(g.limitsReduced())
          .append(" of ")
          .append(g.limits())
          .append("</td><td>")
          .append(
              g.largestShare() == 0
                  ? "-"
                  : esc(ProposalEvaluation.percent(g.largestShare()) + " " + g.largestShareLimit()))
          .append("</td>");
      for (ExtraColumn x : extra) {
        b.append("<td>").append(esc(x.cells().getOrDefault(g.party(), "n/a"))).append("</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</table>\n<h2>Counts per party and limit</h2>\n<table>\n<tr><th>party / limit</th>")
        .append("<th>counted</th><th>ceiling</th><th>reduction</th><th>headroom</th></tr>\n");
    for (Ask a : e.asks()) {
      b.append("<tr><td>")
          .append(esc(a.party() + " / " + a.limit()))
          .append(a.zone().isEmpty() ? "" : esc(" [zone " + a.zone() + "]"))
          .append("</td><td>")
          .append(
              a.counted() == null
                  ? "unknown"
                  : (a.lowerBound() ? "&ge; " : "") + a.counted().toString())
          .append("</td><td>")
          .append(a.proposed())
          .append("</td><td>")
          .append(a.reduction() == null ? "" : a.reduction().toString())
          .append("</td><td>")
          .append(a.headroom() == null ? "" : a.headroom().toString())
          .append("</td></tr>\n");
      for (ReadingAsk r : a.readings()) {
        b.append("<tr><td class=\"note\">")
            .append(esc("  in " + r.reader() + "'s reading (disputes " + r.evidence() + ")"))
            .append("</td><td>")
            .append(r.counted())
            .append("</td><td></td><td>")
            .append(r.reduction())
            .append("</td><td></td></tr>\n");
      }
    }
    b.append("</table>\n<h2>Reciprocity</h2>\n<ul>\n");
    for (String s : e.reciprocity()) {
      b.append("<li>").append(esc(s)).append("</li>\n");
    }
    b.append("</ul>\n</body>\n</html>\n");
    return b.toString();
  }

  static String esc(String s) {
    var b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
