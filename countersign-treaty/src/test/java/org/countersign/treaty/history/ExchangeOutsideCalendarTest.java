package org.countersign.treaty.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.countersign.treaty.TestTreaties;
import org.countersign.treaty.compliance.ComplianceEngine;
import org.countersign.treaty.compliance.ComplianceReport.DataExchangeFinding;
import org.countersign.treaty.model.Treaty;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, point 4: the exchange of data as of 5 February 2018, outside the semiannual calendar,
 * is a duty of the New START file, listed and judged like the others.
 */
class ExchangeOutsideCalendarTest {
  private static final Treaty NEW_START = TestTreaties.newStart();

  @Test
  void newStart_exchangeAsOf5February2018_isADutyFulfilledByThePublishedExchange() {
    var history = NewStartHistory.load();
    var engine = ComplianceEngine.replay(NEW_START, history.log(NEW_START));
    var duties =
        engine.reportAt(LocalDate.of(2018, 12, 31)).dataExchanges().stream()
            .filter(x -> x.asOf().equals(LocalDate.of(2018, 2, 5)))
            .toList();
    assertThat(duties).extracting(DataExchangeFinding::party).containsExactly("RU", "US");
    assertThat(duties)
        .allSatisfy(
            x -> {
              assertThat(x.exchange()).isEqualTo("central-limits");
              assertThat(x.status()).isEqualTo("on-time");
              assertThat(x.evidence()).hasSize(1);
            });
    // Before it was due, it was pending; before its date, not yet owed.
    assertThat(
            engine.reportAt(LocalDate.of(2018, 2, 20)).dataExchanges().stream()
                .filter(x -> x.asOf().equals(LocalDate.of(2018, 2, 5)))
                .map(DataExchangeFinding::status))
        .containsOnly("pending");
  }
}
