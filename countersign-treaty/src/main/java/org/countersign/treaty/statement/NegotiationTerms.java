package org.countersign.treaty.statement;

import java.time.Instant;
import java.util.List;

/**
 * Opens a negotiation: who negotiates, and the deadlines of the sealed opening positions.
 *
 * <p>The first terms statement in a negotiation log governs it; a later one is recorded as a
 * finding, never applied, so that nobody can move a deadline after seeing the others' commitments.
 * Every negotiating party MUST commit to its opening position by {@code commitBy} and reveal it by
 * {@code revealBy}; "agreed" means every one of {@code parties} accepted the same text.
 *
 * @param treaty the negotiation id, kebab-case
 * @param author the participant that convenes (any participant; the parties' acceptances of the
 *     agreed text are what binds)
 * @param issuedAt when it was issued (UTC, whole seconds)
 * @param parties the negotiating parties, at least two, distinct, in the order given
 * @param commitBy the last instant an opening commitment is on time
 * @param revealBy the last instant an opening reveal is on time, after {@code commitBy}
 * @param subject what is negotiated, in words
 */
@StatementKind("negotiation-terms")
public record NegotiationTerms(
    String treaty,
    String author,
    Instant issuedAt,
    List<String> parties,
    Instant commitBy,
    Instant revealBy,
    String subject)
    implements NegotiationStatement {

  public NegotiationTerms {
    Fields.treaty(treaty);
    Fields.party("author", author);
    Fields.instant("issuedAt", issuedAt);
    parties = Fields.list("parties", parties);
    if (parties.size() < 2) {
      throw new IllegalArgumentException(
          "parties must name at least two negotiating parties, got " + parties);
    }
    if (parties.stream().distinct().count() != parties.size()) {
      throw new IllegalArgumentException("parties must be distinct, got " + parties);
    }
    for (String p : parties) {
      Fields.party("parties", p);
    }
    Fields.instant("commitBy", commitBy);
    Fields.instant("revealBy", revealBy);
    if (!revealBy.isAfter(commitBy)) {
      throw new IllegalArgumentException(
          "revealBy " + revealBy + " must be after commitBy " + commitBy);
    }
    if (commitBy.isBefore(issuedAt)) {
      throw new IllegalArgumentException(
          "commitBy " + commitBy + " is before the terms were issued, " + issuedAt);
    }
    Fields.text("subject", subject);
  }
}
