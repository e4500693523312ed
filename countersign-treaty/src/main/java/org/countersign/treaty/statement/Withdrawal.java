package org.countersign.treaty.statement;

import java.time.Instant;

/**
 * A party gives notice of withdrawal. It takes effect after the treaty's notice period (data:
 * {@code withdrawal.notice}, three months in New START's Article XIV.3), counted from the day the
 * notice is issued; from then on the party is no longer bound by limits or duties.
 *
 * @param treaty the treaty id
 * @param author the withdrawing party
 * @param issuedAt when notice was given
 * @param reason the extraordinary events the party invokes
 */
@StatementKind("withdrawal")
public record Withdrawal(String treaty, String author, Instant issuedAt, String reason)
    implements TreatyStatement {

  public Withdrawal {
    Fields.treaty(treaty);
    Fields.party("author", author);
    Fields.instant("issuedAt", issuedAt);
    Fields.text("reason", reason);
  }
}
