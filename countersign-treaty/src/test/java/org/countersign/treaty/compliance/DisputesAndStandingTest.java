package org.countersign.treaty.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.treaty.compliance.TestLog.d;
import static org.countersign.treaty.compliance.TestLog.launcher;
import static org.countersign.treaty.compliance.TestLog.missile;

import java.util.List;
import java.util.Map;
import org.countersign.treaty.TestTreaties;
import org.countersign.treaty.compliance.ComplianceReport.LimitLine;
import org.countersign.treaty.model.Treaty;
import org.junit.jupiter.api.Test;

class DisputesAndStandingTest {
  private final Treaty treaty = TestTreaties.testTreaty();

  private TestLog convertedLaunchers() {
    var log = new TestLog();
    var items = new org.countersign.treaty.statement.DeclaredItem[14];
    for (int i = 0; i < 10; i++) {
      items[i] = launcher("L-" + i, "deployed");
    }
    for (int i = 10; i < 14; i++) {
      items[i] = launcher("L-" + i, "converted");
    }
    log.declare("A", "2022-03-01", "2022-03-02T00:00:00Z", items);
    return log;
  }

  @Test
  void dispute_totalsUnderEachReading() {
    TestLog log = convertedLaunchers();
    long dispute =
        log.dispute(
            "B",
            "A",
            List.of("L-10", "L-11", "L-12", "L-13", "L-99"),
            "converted",
            "deployed",
            Map.of(),
            "2022-04-01T00:00:00Z");
    var e = log.replay(treaty);
    LimitLine before = CountingRulesTest.line(e.reportAt(d("2022-03-31")), "A", "launchers");
    assertThat(before.total()).isEqualTo(10);
    assertThat(before.readings()).isEmpty();
    ComplianceReport r = e.reportAt(d("2022-04-01"));
    LimitLine line = CountingRulesTest.line(r, "A", "launchers");
    assertThat(line.total()).isEqualTo(10);
    assertThat(line.exceeded()).isFalse();
    assertThat(line.readings())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.by()).isEqualTo("B");
              assertThat(x.total()).isEqualTo(14);
              assertThat(x.margin()).isEqualTo(-2);
              assertThat(x.exceeded()).isTrue();
              assertThat(x.evidence()).containsExactly(dispute);
            });
    assertThat(r.disputes())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.applies()).containsExactly("L-10", "L-11", "L-12", "L-13");
              assertThat(x.unknownItems()).containsExactly("L-99");
            });
  }

  @Test
  void dispute_stopsApplyingWhenTheItemNoLongerHasTheContestedStatus() {
    TestLog log = convertedLaunchers();
    log.dispute(
        "B", "A", List.of("L-10"), "converted", "deployed", Map.of(), "2022-04-01T00:00:00Z");
    log.change(
        "A",
        "eliminate",
        "L-10",
        "launcher",
        "2022-05-01T00:00:00Z",
        "2022-05-02T00:00:00Z",
        "eliminated",
        "",
        Map.of());
    var r = log.replay(treaty).reportAt(d("2022-05-02"));
    assertThat(CountingRulesTest.line(r, "A", "launchers").readings()).isEmpty();
    assertThat(r.disputes()).singleElement().satisfies(x -> assertThat(x.applies()).isEmpty());
  }

  @Test
  void dispute_attributeReading_laterDisputeReplacesEarlier() {
    var log = new TestLog();
    log.declare("A", "2022-03-01", "2022-03-02T00:00:00Z", missile("M-1", "deployed", 4));
    log.dispute(
        "B", "A", List.of("M-1"), "deployed", "", Map.of("warheads", 8L), "2022-04-01T00:00:00Z");
    log.dispute(
        "B", "A", List.of("M-1"), "deployed", "", Map.of("warheads", 6L), "2022-05-01T00:00:00Z");
    var e = log.replay(treaty);
    assertThat(CountingRulesTest.line(e.reportAt(d("2022-04-15")), "A", "warheads").readings())
        .singleElement()
        .satisfies(x -> assertThat(x.total()).isEqualTo(8));
    assertThat(CountingRulesTest.line(e.reportAt(d("2022-05-15")), "A", "warheads").readings())
        .singleElement()
        .satisfies(x -> assertThat(x.total()).isEqualTo(6));
  }

  @Test
  void suspension_isNotedAndDutiesContinueUnderATreatyWithoutSuspensionClause() {
    var log = new TestLog();
    long s = log.suspend("B", "2023-02-21", "2023-02-21T12:00:00Z");
    var r = log.replay(treaty).reportAt(d("2023-06-01"));
    var b = DatesTest.party(r, "B");
    assertThat(b.standing()).isEqualTo("suspended");
    assertThat(b.suspendedSince()).isEqualTo(d("2023-02-21"));
    assertThat(b.suspensionEntry()).isEqualTo(s);
    assertThat(r.dataExchanges())
        .anySatisfy(
            x -> {
              assertThat(x.party()).isEqualTo("B");
              assertThat(x.asOf()).isEqualTo(d("2023-03-01"));
              assertThat(x.status()).isEqualTo("missing");
              assertThat(x.whileSuspended()).isTrue();
            });
    assertThat(DatesTest.party(log.replay(treaty).reportAt(d("2023-02-20")), "B").standing())
        .isEqualTo("bound");
  }

  @Test
  void withdrawal_takesEffectAfterNotice_thenNoLimitsOrDataExchangesBind() {
    var log = new TestLog();
    var items = new org.countersign.treaty.statement.DeclaredItem[13];
    for (int i = 0; i < 13; i++) {
      items[i] = launcher("L-" + i, "deployed");
    }
    log.declare("B", "2023-01-01", "2023-01-02T00:00:00Z", items);
    long w = log.withdraw("B", "2023-03-15T10:00:00Z");
    var e = log.replay(treaty);
    var during = e.reportAt(d("2023-06-14"));
    assertThat(DatesTest.party(during, "B").standing()).isEqualTo("bound");
    assertThat(DatesTest.party(during, "B").withdrawalEffective()).isEqualTo(d("2023-06-15"));
    assertThat(DatesTest.party(during, "B").withdrawalEntry()).isEqualTo(w);
    assertThat(CountingRulesTest.line(during, "B", "launchers").breach()).isTrue();
    var after = e.reportAt(d("2023-06-15"));
    assertThat(DatesTest.party(after, "B").standing()).isEqualTo("withdrawn");
    assertThat(CountingRulesTest.line(after, "B", "launchers").inForce()).isFalse();
    assertThat(CountingRulesTest.line(after, "B", "launchers").breach()).isFalse();
    var later = e.reportAt(d("2024-12-31"));
    assertThat(later.dataExchanges())
        .filteredOn(x -> x.party().equals("B"))
        .allMatch(x -> x.asOf().isBefore(d("2023-06-15")));
  }
}
