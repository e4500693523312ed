package org.countersign.treaty.statement;

import java.time.Instant;

/**
 * A proposed treaty text, whole, so that anyone can recover the exact text from the log.
 *
 * <p>{@code proposalDigest} is the digest of the treaty the text loads to ({@code Treaty.digest()}:
 * SHA-256 of the canonical JSON of its data), the name every acceptance, withdrawal and answer
 * uses. The record checks shapes only; that the text loads and has that digest is checked at
 * submission and again on replay ({@code org.countersign.treaty.negotiation.NegotiationAdmission}).
 *
 * <p>A proposal with a non-empty {@code openingSalt} is its author's opening position: the reveal
 * of the author's {@link OpeningCommitment}.
 *
 * @param treaty the negotiation id
 * @param author the proposing party
 * @param issuedAt when it was issued (UTC, whole seconds)
 * @param proposalText the complete treaty file (YAML, {@code countersign-treaty/v1}), line feeds
 *     only
 * @param proposalDigest the digest of the treaty the text loads to, 64 lowercase hex digits
 * @param answers the digest of the proposal this one answers, or {@code ""} for none
 * @param rationale the proposer's reasons, in words
 * @param openingSalt for an opening position, the commitment's salt (64 lowercase hex digits);
 *     otherwise {@code ""}
 */
@StatementKind("proposal")
public record Proposal(
    String treaty,
    String author,
    Instant issuedAt,
    String proposalText,
    String proposalDigest,
    String answers,
    String rationale,
    String openingSalt)
    implements NegotiationStatement {

  public Proposal {
    Fields.treaty(treaty);
    Fields.party("author", author);
    Fields.instant("issuedAt", issuedAt);
    Fields.document("proposalText", proposalText);
    Fields.hex32("proposalDigest", proposalDigest);
    Fields.optionalHex32("answers", answers);
    if (answers.equals(proposalDigest)) {
      throw new IllegalArgumentException("a proposal cannot answer itself: " + proposalDigest);
    }
    Fields.text("rationale", rationale);
    Fields.optionalHex32("openingSalt", openingSalt);
  }

  /** Whether this proposal reveals its author's opening position. */
  public boolean isOpening() {
    return !openingSalt.isEmpty();
  }
}
