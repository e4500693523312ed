package org.countersign.treaty.statement;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * A party's data exchange as of a date, as published: aggregate totals per limit, no items.
 *
 * <p>The replay counts these totals as the party's declared totals as of {@code asOf} (see {@code
 * ComplianceEngine} for how they combine with item-level declarations). A limit absent from {@code
 * totals} was not published; an empty map records that an exchange took place whose figures were
 * not made public.
 *
 * @param treaty the treaty id
 * @param author the party whose data this is
 * @param issuedAt when the data was provided: the time that meets or misses the exchange's due date
 * @param asOf the date the data describes
 * @param totals published totals by limit id, e.g. {@code deployed-warheads: 1550}
 */
@StatementKind("data-exchange-update")
public record DataExchangeUpdate(
    String treaty, String author, Instant issuedAt, LocalDate asOf, Map<String, Long> totals)
    implements TreatyStatement {

  public DataExchangeUpdate {
    Fields.treaty(treaty);
    Fields.party("author", author);
    Fields.instant("issuedAt", issuedAt);
    Fields.date("asOf", asOf);
    Fields.notAfterIssue("asOf", asOf, issuedAt);
    totals = Fields.counts("totals", totals);
  }
}
