package org.countersign.treaty.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.treaty.compliance.TestLog.d;

import java.util.Map;
import org.countersign.treaty.TestTreaties;
import org.countersign.treaty.compliance.ComplianceReport.Discrepancy;
import org.countersign.treaty.model.Treaty;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, finding 4: a data exchange that no schedule takes and that publishes no limit's total
 * (an unedited template, logged) still appears in the report, with the reason it counts for
 * nothing.
 */
class EveryEntryReportedTest {
  private final Treaty treaty = TestTreaties.testTreaty();

  @Test
  void unscheduledExchangeWithoutTotals_appearsAsNotCounted() {
    var log = new TestLog();
    long template = log.exchange("A", "2024-05-17", "2024-05-17T10:00:00Z", Map.of());
    ComplianceReport report = log.replay(treaty).reportAt(d("2024-06-01"));
    assertThat(report.discrepancies())
        .filteredOn(x -> x.kind().equals("data-exchange-not-counted"))
        .singleElement()
        .satisfies(
            (Discrepancy x) -> {
              assertThat(x.party()).isEqualTo("A");
              assertThat(x.date()).isEqualTo(d("2024-05-17"));
              assertThat(x.evidence()).containsExactly(template);
              assertThat(x.detail()).contains("counts for nothing");
            });
  }

  @Test
  void scheduledOrCountedExchanges_areNotFlagged() {
    var log = new TestLog();
    log.exchange("A", "2024-03-01", "2024-03-02T00:00:00Z", Map.of());
    log.exchange("A", "2024-05-17", "2024-05-17T10:00:00Z", Map.of("warheads", 3L));
    ComplianceReport report = log.replay(treaty).reportAt(d("2024-06-01"));
    assertThat(report.discrepancies()).noneMatch(x -> x.kind().equals("data-exchange-not-counted"));
  }
}
