package org.countersign.treaty.negotiation;

import org.countersign.treaty.negotiation.NegotiationReport.AcceptanceLine;
import org.countersign.treaty.negotiation.NegotiationReport.Finding;
import org.countersign.treaty.negotiation.NegotiationReport.Opening;
import org.countersign.treaty.negotiation.NegotiationReport.ProposalLine;
import org.countersign.treaty.negotiation.NegotiationReport.Refused;

/** The plain-text form of a {@link NegotiationReport}: the same facts as the JSON, for reading. */
final class NegotiationText {
  private NegotiationText() {}

  static String of(NegotiationReport r) {
    var b = new StringBuilder();
    b.append("Negotiation ")
        .append(r.negotiation())
        .append(" at ")
        .append(r.at())
        .append(" (")
        .append(r.entries())
        .append(" entries, last index ")
        .append(r.lastIndex())
        .append(")\n");
    if (r.terms() == null) {
      b.append("\nNo terms yet.\n");
    } else {
      var t = r.terms();
      b.append("\nTerms (index ")
          .append(t.index())
          .append(", convened by ")
          .append(t.convener())
          .append("): ")
          .append(t.subject())
          .append("\n  parties ")
          .append(String.join(", ", t.parties()))
          .append("; openings committed by ")
          .append(t.commitBy())
          .append(", revealed by ")
          .append(t.revealBy())
          .append("\n");
    }
    if (!r.openings().isEmpty()) {
      b.append("\nSealed opening positions\n");
      for (Opening o : r.openings()) {
        b.append("  ").append(o.party()).append(": ").append(o.status());
        if (o.commitmentIndex() != null) {
          b.append(", committed at index ")
              .append(o.commitmentIndex())
              .append(" (")
              .append(o.committedAt())
              .append(")");
        }
        if (o.revealIndex() != null) {
          b.append(", revealed at index ")
              .append(o.revealIndex())
              .append(" (")
              .append(o.revealedAt())
              .append("): ")
              .append(short12(o.proposalDigest()));
        }
        b.append("\n");
      }
    }
    b.append("\nProposals\n");
    if (r.proposals().isEmpty()) {
      b.append("  none\n");
    }
    for (ProposalLine p : r.proposals()) {
      b.append("  ")
          .append(short12(p.digest()))
          .append(" by ")
          .append(p.author())
          .append(" at index ")
          .append(p.index())
          .append(p.opening() ? " (opening position)" : "")
          .append(p.answers().isEmpty() ? "" : ", answers " + short12(p.answers()))
          .append(p.withdrawnIndex() == null ? "" : ", WITHDRAWN at index " + p.withdrawnIndex())
          .append("\n    ")
          .append(p.treatyName())
          .append("\n    rationale: ")
          .append(p.rationale())
          .append("\n");
      for (AcceptanceLine a : p.acceptances()) {
        b.append("    accepted by ").append(a.party()).append(" at index ").append(a.index());
        b.append(a.reservations().isEmpty() ? "\n" : " with reservations:\n");
        for (String res : a.reservations()) {
          b.append("      - ").append(res).append("\n");
        }
      }
    }
    b.append("\nAgreed text: ");
    if (r.agreed() == null) {
      b.append("none yet\n");
    } else {
      var a = r.agreed();
      b.append(a.digest())
          .append("\n  proposed at index ")
          .append(a.proposalIndex())
          .append(", agreed at index ")
          .append(a.index())
          .append(" (")
          .append(a.agreedAt())
          .append(") by ");
      b.append(String.join(", ", a.acceptances().stream().map(AcceptanceLine::party).toList()));
      b.append("\n  a treaty-adoption statement names this digest\n");
    }
    b.append("\nFindings\n");
    if (r.findings().isEmpty()) {
      b.append("  none\n");
    }
    for (Finding f : r.findings()) {
      b.append("  ")
          .append(f.party())
          .append(" ")
          .append(f.kind())
          .append(f.index() == null ? "" : " (index " + f.index() + ")")
          .append(": ")
          .append(f.detail())
          .append("\n");
    }
    if (!r.inadmissible().isEmpty()) {
      b.append("\nInadmissible entries\n");
      for (Refused x : r.inadmissible()) {
        b.append("  index ")
            .append(x.index())
            .append(" ")
            .append(x.kind())
            .append(" by ")
            .append(x.author())
            .append(": ")
            .append(x.reason())
            .append("\n");
      }
    }
    return b.toString();
  }

  static String short12(String digest) {
    return digest.length() > 12 ? digest.substring(0, 12) : digest;
  }
}
