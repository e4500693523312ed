package org.countersign.treaty.statement;

import java.time.Instant;
import java.util.List;

/**
 * A party accepts a proposed text, named by its digest, possibly with reservations: stated
 * interpretations that accompany its acceptance, as the parties' unilateral statements on missile
 * defence accompanied New START. Reservations do not change the text; they are recorded beside the
 * acceptance for everyone to read.
 *
 * @param treaty the negotiation id
 * @param author the accepting party
 * @param issuedAt when it was issued (UTC, whole seconds)
 * @param proposalDigest the accepted proposal's digest, which MUST name a proposal logged before
 * @param reservations the stated interpretations, each in words, at most 100; empty for none
 */
@StatementKind("acceptance")
public record Acceptance(
    String treaty,
    String author,
    Instant issuedAt,
    String proposalDigest,
    List<String> reservations)
    implements NegotiationStatement {

  public Acceptance {
    Fields.treaty(treaty);
    Fields.party("author", author);
    Fields.instant("issuedAt", issuedAt);
    Fields.hex32("proposalDigest", proposalDigest);
    reservations = Fields.texts("reservations", reservations);
  }
}
