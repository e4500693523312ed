package org.countersign.treaty.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.treaty.compliance.TestLog.d;
import static org.countersign.treaty.compliance.TestLog.launcher;
import static org.countersign.treaty.compliance.TestLog.missile;
import static org.countersign.treaty.compliance.TestLog.t;

import java.util.List;
import java.util.Map;
import org.countersign.treaty.TestTreaties;
import org.countersign.treaty.compliance.ComplianceReport.Discrepancy;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.Declaration;
import org.countersign.treaty.statement.TreatyAdoption;
import org.junit.jupiter.api.Test;

class DiscrepanciesTest {
  private final Treaty treaty = TestTreaties.testTreaty();

  private static List<Discrepancy> of(ComplianceReport r, String kind) {
    return r.discrepancies().stream().filter(x -> x.kind().equals(kind)).toList();
  }

  @Test
  void eliminationNotified_itemStillDeclaredLater_isADiscrepancy() {
    var log = new TestLog();
    log.declare("A", "2022-03-01", "2022-03-02T00:00:00Z", launcher("L-1", "deployed"));
    long elim =
        log.change(
            "A",
            "eliminate",
            "L-1",
            "launcher",
            "2022-05-01T00:00:00Z",
            "2022-05-02T00:00:00Z",
            "eliminated",
            "",
            Map.of());
    long redeclared =
        log.declare("A", "2022-09-01", "2022-09-02T00:00:00Z", launcher("L-1", "deployed"));
    var e = log.replay(treaty);
    assertThat(of(e.reportAt(d("2022-08-31")), "eliminated-item-declared")).isEmpty();
    assertThat(of(e.reportAt(d("2022-09-01")), "eliminated-item-declared"))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.party()).isEqualTo("A");
              assertThat(x.item()).isEqualTo("L-1");
              assertThat(x.date()).isEqualTo(d("2022-09-01"));
              assertThat(x.evidence()).containsExactly(elim, redeclared);
            });
  }

  @Test
  void eliminatedItem_droppedFromLaterDeclaration_isConsistent() {
    var log = new TestLog();
    log.declare(
        "A",
        "2022-03-01",
        "2022-03-02T00:00:00Z",
        launcher("L-1", "deployed"),
        launcher("L-2", "deployed"));
    log.change(
        "A",
        "eliminate",
        "L-1",
        "launcher",
        "2022-05-01T00:00:00Z",
        "2022-05-02T00:00:00Z",
        "eliminated",
        "",
        Map.of());
    log.declare("A", "2022-09-01", "2022-09-02T00:00:00Z", launcher("L-2", "deployed"));
    var r = log.replay(treaty).reportAt(d("2022-12-31"));
    assertThat(r.discrepancies()).isEmpty();
    assertThat(CountingRulesTest.line(r, "A", "launchers").total()).isEqualTo(1);
  }

  @Test
  void itemDroppedWithoutElimination_vanished() {
    var log = new TestLog();
    log.declare(
        "A",
        "2022-03-01",
        "2022-03-02T00:00:00Z",
        launcher("L-1", "deployed"),
        launcher("L-2", "deployed"));
    log.declare("A", "2022-09-01", "2022-09-02T00:00:00Z", launcher("L-2", "deployed"));
    assertThat(of(log.replay(treaty).reportAt(d("2022-12-31")), "item-vanished"))
        .singleElement()
        .satisfies(x -> assertThat(x.item()).isEqualTo("L-1"));
  }

  @Test
  void changeAfterElimination_andChangeToUndeclaredItem_areDiscrepancies() {
    var log = new TestLog();
    log.declare("A", "2022-03-01", "2022-03-02T00:00:00Z", launcher("L-1", "deployed"));
    log.change(
        "A",
        "eliminate",
        "L-1",
        "launcher",
        "2022-05-01T00:00:00Z",
        "2022-05-02T00:00:00Z",
        "eliminated",
        "",
        Map.of());
    long late =
        log.change(
            "A",
            "deploy",
            "L-1",
            "launcher",
            "2022-06-01T00:00:00Z",
            "2022-06-02T00:00:00Z",
            "deployed",
            "site-1",
            Map.of());
    long ghost =
        log.change(
            "A",
            "non-deploy",
            "L-9",
            "launcher",
            "2022-06-01T00:00:00Z",
            "2022-06-02T00:00:00Z",
            "non-deployed",
            "site-1",
            Map.of());
    var r = log.replay(treaty).reportAt(d("2022-12-31"));
    assertThat(of(r, "change-after-elimination"))
        .singleElement()
        .satisfies(x -> assertThat(x.evidence()).containsExactly(late));
    assertThat(of(r, "change-to-undeclared-item"))
        .singleElement()
        .satisfies(x -> assertThat(x.evidence()).containsExactly(ghost));
    // The eliminated launcher stays eliminated; the undeclared one counts as its holder states it.
    assertThat(CountingRulesTest.line(r, "A", "launchers").total()).isEqualTo(1);
  }

  @Test
  void dataExchangeContradictingItems_isADiscrepancy_withBothNumbers() {
    var log = new TestLog();
    long decl =
        log.declare(
            "A",
            "2022-03-01",
            "2022-03-02T00:00:00Z",
            missile("M-1", "deployed", 3),
            missile("M-2", "deployed", 3));
    long x =
        log.exchange(
            "A",
            "2022-03-01",
            "2022-03-20T00:00:00Z",
            Map.of("delivery-vehicles", 2L, "warheads", 5L));
    var r = log.replay(treaty).reportAt(d("2022-04-01"));
    assertThat(of(r, "data-exchange-contradicts-items"))
        .singleElement()
        .satisfies(
            dx -> {
              assertThat(dx.detail()).contains("publishes 5 for warheads").contains("counts 6");
              assertThat(dx.evidence()).containsExactly(decl, x);
            });
    // Items win the tie: the counted total is the one reported.
    assertThat(CountingRulesTest.line(r, "A", "warheads").total()).isEqualTo(6);
    assertThat(CountingRulesTest.line(r, "A", "warheads").source()).isEqualTo("items");
  }

  @Test
  void newerDataExchange_isTheDeclaredTotalUntilNewerItemEvidence() {
    var log = new TestLog();
    log.declare("A", "2022-03-01", "2022-03-02T00:00:00Z", missile("M-1", "deployed", 3));
    long x =
        log.exchange(
            "A",
            "2022-09-01",
            "2022-09-20T00:00:00Z",
            Map.of("delivery-vehicles", 4L, "warheads", 12L));
    log.change(
        "A",
        "new-item",
        "M-7",
        "missile",
        "2022-10-01T00:00:00Z",
        "2022-10-02T00:00:00Z",
        "deployed",
        "site-1",
        Map.of("warheads", 2L));
    var e = log.replay(treaty);
    var sept = CountingRulesTest.line(e.reportAt(d("2022-09-15")), "A", "warheads");
    assertThat(sept.total()).isEqualTo(12);
    assertThat(sept.source()).isEqualTo("data-exchange");
    assertThat(sept.evidence()).containsExactly(x);
    var oct = CountingRulesTest.line(e.reportAt(d("2022-10-01")), "A", "warheads");
    assertThat(oct.source()).isEqualTo("items");
    assertThat(oct.total()).isEqualTo(5);
    // The exchange as of 1 Sept contradicts the items then (3 warheads).
    assertThat(of(e.reportAt(d("2022-10-01")), "data-exchange-contradicts-items")).hasSize(2);
  }

  @Test
  void incompleteDeclaration_isNotUsed_andReported() {
    var log = new TestLog();
    log.add(
        new Declaration(
            "test-treaty",
            "A",
            t("2022-03-02T00:00:00Z"),
            d("2022-03-01"),
            1,
            2,
            List.of(missile("M-1", "deployed", 3))));
    var r = log.replay(treaty).reportAt(d("2022-04-01"));
    assertThat(of(r, "declaration-incomplete"))
        .singleElement()
        .satisfies(x -> assertThat(x.detail()).contains("[2]"));
    assertThat(CountingRulesTest.line(r, "A", "warheads").total()).isNull();
    assertThat(CountingRulesTest.line(r, "A", "warheads").source()).isEqualTo("none");
  }

  @Test
  void twoPartDeclaration_complete_isMergedAndCorrectionReplacesAPart() {
    var log = new TestLog();
    long p1 =
        log.add(
            new Declaration(
                "test-treaty",
                "A",
                t("2022-03-02T00:00:00Z"),
                d("2022-03-01"),
                1,
                2,
                List.of(missile("M-1", "deployed", 3))));
    log.add(
        new Declaration(
            "test-treaty",
            "A",
            t("2022-03-02T00:00:00Z"),
            d("2022-03-01"),
            2,
            2,
            List.of(missile("M-2", "deployed", 3))));
    long fix =
        log.add(
            new Declaration(
                "test-treaty",
                "A",
                t("2022-03-03T00:00:00Z"),
                d("2022-03-01"),
                2,
                2,
                List.of(missile("M-2", "deployed", 1))));
    var line =
        CountingRulesTest.line(log.replay(treaty).reportAt(d("2022-04-01")), "A", "warheads");
    assertThat(line.total()).isEqualTo(4);
    assertThat(line.evidence()).containsExactly(p1, fix);
  }

  @Test
  void adoptionOfAnotherText_isADiscrepancy() {
    var log = new TestLog();
    log.adopt("A", treaty, "2020-01-01T00:00:00Z");
    log.add(new TreatyAdoption("test-treaty", "B", t("2020-01-01T00:00:00Z"), "0".repeat(64)));
    var r = log.replay(treaty).reportAt(d("2020-02-01"));
    assertThat(of(r, "adopted-other-treaty-text"))
        .singleElement()
        .satisfies(x -> assertThat(x.party()).isEqualTo("B"));
    assertThat(DatesTest.party(r, "A").adoption()).isEqualTo(0L);
    assertThat(DatesTest.party(r, "B").adoption()).isNull();
  }
}
