package org.countersign.treaty.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.treaty.compliance.TestLog.d;
import static org.countersign.treaty.compliance.TestLog.missile;

import com.fasterxml.jackson.databind.JsonNode;
import org.countersign.treaty.TestTreaties;
import org.countersign.treaty.json.CanonicalJson;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, finding 5: a summary showed 0 findings on a date whose report listed missing data
 * exchanges. The report counts every kind of finding itself, in its JSON too.
 */
class FindingCountsTest {
  @Test
  void missingDataExchangesAndBreaches_areCounted_inTheJsonToo() {
    var log = new TestLog();
    var items = new org.countersign.treaty.statement.DeclaredItem[11];
    for (int i = 0; i < 11; i++) {
      items[i] = missile("M-" + i, "deployed", 1);
    }
    log.declare("A", "2024-01-01", "2024-01-02T00:00:00Z", items);
    ComplianceReport report = log.replay(TestTreaties.testTreaty()).reportAt(d("2024-06-01"));
    long missing =
        report.dataExchanges().stream().filter(x -> x.status().equals("missing")).count();
    assertThat(missing).isPositive();
    assertThat(report.findingCounts())
        .containsEntry("data-exchanges-missing", missing)
        .containsKeys(
            "notifications-late",
            "notifications-missing",
            "data-exchanges-late",
            "discrepancies",
            "disputes",
            "inadmissible-entries",
            "inspection-requests-refused",
            "inspection-draw-delays");
    JsonNode json = CanonicalJson.parse(report.canonicalJson());
    assertThat(json.get("findings").get("data-exchanges-missing").asLong()).isEqualTo(missing);
    assertThat(report.findingCounts().get("limit-breaches")).isPositive();
    assertThat(json.get("findings").get("limit-breaches").asLong())
        .isEqualTo(report.findingCounts().get("limit-breaches"));
  }
}
