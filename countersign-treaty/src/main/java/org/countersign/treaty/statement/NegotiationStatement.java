package org.countersign.treaty.statement;

/**
 * Statements of a negotiation: its terms, the parties' sealed opening positions, proposals,
 * acceptances and withdrawals of proposals.
 *
 * <p>A negotiation runs on a log of its own, so its record cannot be mixed into (or confused with)
 * the record of a treaty in force. The {@link #treaty()} of these statements is the negotiation's
 * id (e.g. {@code integrated-framework}); the texts under negotiation travel whole inside {@link
 * Proposal} statements and are named by their treaty digest. What the statements mean together (who
 * committed and revealed in time, which text is agreed) is {@code
 * org.countersign.treaty.negotiation.NegotiationRecord}'s.
 */
public sealed interface NegotiationStatement extends Statement
    permits NegotiationTerms, OpeningCommitment, Proposal, Acceptance, ProposalWithdrawal {

  @Override
  default String kind() {
    return getClass().getAnnotation(StatementKind.class).value();
  }
}
