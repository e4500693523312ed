package org.countersign.treaty.statement;

import java.time.Instant;

/**
 * A side's reveal of the random value it committed to for one inspection request. Accepted once per
 * side and request, only if it matches the side's {@link RandomnessCommit}.
 *
 * @param treaty the treaty id
 * @param author the revealing side
 * @param issuedAt when it was issued (UTC, whole seconds); must not be after the reveal deadline
 * @param requestId the inspection request
 * @param value the 32-byte random value, 64 lowercase hex digits
 */
@StatementKind("randomness-reveal")
public record RandomnessReveal(
    String treaty, String author, Instant issuedAt, String requestId, String value)
    implements InspectionStatement {

  public RandomnessReveal {
    EscrowFieldRules.party("treaty", treaty);
    EscrowFieldRules.party("author", author);
    EscrowFieldRules.issuedAt(issuedAt);
    EscrowFieldRules.identifier("requestId", requestId);
    EscrowFieldRules.hex32("value", value);
  }
}
