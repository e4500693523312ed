package org.countersign.treaty.statement;

import java.time.Instant;

/**
 * A party's sealed opening position: a salted commitment to the digest of the proposal it will
 * reveal, logged before anyone reveals.
 *
 * <p>{@code commitment = SHA-256("countersign/negotiation/opening/v1" 0x00 || len(negotiation) ||
 * negotiation || len(author) || author || salt || proposalDigest)} with 32-bit big-endian lengths,
 * the 32-byte salt and the proposal's 32-byte treaty digest (see {@code
 * org.countersign.treaty.negotiation.OpeningSeal}). The salt keeps the commitment from being
 * guessed by hashing candidate texts; binding negotiation and author stops a party from copying
 * another's commitment. The reveal is the author's {@link Proposal} with {@code openingSalt} set.
 *
 * @param treaty the negotiation id
 * @param author the committing party
 * @param issuedAt when it was issued (UTC, whole seconds)
 * @param commitment the commitment, 64 lowercase hex digits
 */
@StatementKind("opening-commitment")
public record OpeningCommitment(String treaty, String author, Instant issuedAt, String commitment)
    implements NegotiationStatement {

  public OpeningCommitment {
    Fields.treaty(treaty);
    Fields.party("author", author);
    Fields.instant("issuedAt", issuedAt);
    Fields.hex32("commitment", commitment);
  }
}
