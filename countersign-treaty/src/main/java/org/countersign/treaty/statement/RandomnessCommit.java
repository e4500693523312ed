package org.countersign.treaty.statement;

import java.time.Instant;

/**
 * A side's commitment to its secret random value for the joint draw of one inspection request:
 * {@code commitment = SHA-256("countersign/inspection/randomness/v1" 0x00 || len(requestId) ||
 * requestId || len(author) || author || value)} with 32-bit big-endian lengths (see {@code
 * org.countersign.treaty.inspection.RandomnessCommitments}). Binding the request and the author
 * stops a side from replaying the other side's commitment, or an old one of its own.
 *
 * @param treaty the treaty id
 * @param author the committing side
 * @param issuedAt when it was issued (UTC, whole seconds)
 * @param requestId the inspection request the value is for
 * @param commitment the commitment hash, 64 lowercase hex digits
 */
@StatementKind("randomness-commit")
public record RandomnessCommit(
    String treaty, String author, Instant issuedAt, String requestId, String commitment)
    implements InspectionStatement {

  public RandomnessCommit {
    EscrowFieldRules.party("treaty", treaty);
    EscrowFieldRules.party("author", author);
    EscrowFieldRules.issuedAt(issuedAt);
    EscrowFieldRules.identifier("requestId", requestId);
    EscrowFieldRules.hex32("commitment", commitment);
  }
}
