package org.countersign.treaty.statement;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A party declares that it suspends its participation, as Russia did on 21 February 2023.
 *
 * <p>What a suspension changes is treaty data ({@code suspension.suspendsDuties}); under a treaty
 * without a suspension clause the replay records it and keeps evaluating the party's duties.
 *
 * @param treaty the treaty id
 * @param author the suspending party
 * @param issuedAt when it was declared
 * @param effective the first day of the suspension
 * @param reason the stated grounds
 */
@StatementKind("suspension")
public record Suspension(
    String treaty, String author, Instant issuedAt, LocalDate effective, String reason)
    implements TreatyStatement {

  public Suspension {
    Fields.treaty(treaty);
    Fields.party("author", author);
    Fields.instant("issuedAt", issuedAt);
    Fields.date("effective", effective);
    Fields.text("reason", reason);
  }
}
