package org.countersign.treaty.statement;

import java.time.Instant;

/**
 * A party withdraws a proposal it made. From then on the proposal cannot become agreed, and an
 * acceptance of it issued later is a finding.
 *
 * @param treaty the negotiation id
 * @param author the proposer withdrawing its proposal
 * @param issuedAt when it was issued (UTC, whole seconds)
 * @param proposalDigest the withdrawn proposal's digest
 * @param reason why, in words
 */
@StatementKind("proposal-withdrawal")
public record ProposalWithdrawal(
    String treaty, String author, Instant issuedAt, String proposalDigest, String reason)
    implements NegotiationStatement {

  public ProposalWithdrawal {
    Fields.treaty(treaty);
    Fields.party("author", author);
    Fields.instant("issuedAt", issuedAt);
    Fields.hex32("proposalDigest", proposalDigest);
    Fields.text("reason", reason);
  }
}
