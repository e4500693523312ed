package org.countersign.treaty.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.treaty.compliance.CountingRulesTest.line;
import static org.countersign.treaty.compliance.EscrowLog.missile;
import static org.countersign.treaty.compliance.TestLog.d;

import java.util.List;
import java.util.Map;
import org.countersign.treaty.compliance.ComplianceReport.DataExchangeFinding;
import org.countersign.treaty.compliance.ComplianceReport.LimitLine;
import org.countersign.treaty.compliance.ComplianceReport.Reading;
import org.countersign.treaty.escrow.EscrowDeclaration;
import org.countersign.treaty.escrow.EscrowItem;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, point 1: a party that declares only under escrow is counted from its commitment's
 * published totals, fulfils the exchange duty the commitment covers, and can be disputed by item or
 * by published group, the other party's reading computed on the escrowed totals.
 */
class EscrowCountingTest {
  private static EscrowItem bomber(String id, long nuclear) {
    return new EscrowItem(
        id, "bomber", "deployed", "air-1", "", Map.of("nuclear-armaments", nuclear));
  }

  private static EscrowDeclaration inventory(EscrowLog log) {
    return log.declaration(
        missile("M-1", "deployed", "site-1", 2),
        missile("M-2", "deployed", "site-1", 3),
        missile("M-3", "deployed", "site-2", 4),
        missile("M-4", "non-deployed", "site-2", 0),
        missile("M-5", "deployed", "site-3", 1),
        bomber("B-1", 1),
        bomber("B-2", 0),
        new EscrowItem("L-1", "launcher", "deployed", "site-1", "", Map.of()),
        new EscrowItem("L-2", "launcher", "non-deployed", "site-2", "", Map.of()));
  }

  @Test
  void commitmentOnly_countsEveryLimitItsTotalsDecide_andSaysWhyNotTheOthers() {
    var log = new EscrowLog();
    long c = log.commit("A", inventory(log), "2022-03-01", "2022-03-10T00:00:00Z", "");
    ComplianceReport r = log.replay().reportAt(d("2022-04-01"));
    LimitLine dv = line(r, "A", "delivery-vehicles");
    assertThat(dv.total()).isEqualTo(5); // four deployed missiles, one nuclear bomber
    assertThat(dv.source()).isEqualTo("escrow");
    assertThat(dv.publication()).isEqualTo("escrow");
    assertThat(dv.asOf()).isEqualTo(d("2022-03-01"));
    assertThat(dv.evidence()).containsExactly(c);
    assertThat(line(r, "A", "warheads").total()).isEqualTo(11); // 2+3+4+1, and 1 for B-1
    assertThat(line(r, "A", "launchers").total()).isEqualTo(2);
    LimitLine heavy = line(r, "A", "heavy");
    assertThat(heavy.total()).isNull();
    assertThat(heavy.note()).contains("rule heavy-missiles selects missile items by attribute");
    LimitLine regional = line(r, "A", "regional-interceptors");
    assertThat(regional.total()).isNull();
    assertThat(regional.note()).contains("not broken down by zone");
    assertThat(r.toText()).contains("delivery-vehicles: 5 / 10");
  }

  @Test
  void commitmentIssuedAfterTheReportDate_countsRetrospectively_notAsKnown() {
    // Issued on 2022-04-20 about 2022-03-01: a report about 2022-04-01 counts it in the
    // retrospective view, as it would a declaration or data exchange issued late, and not in the
    // view of what was known on 2022-04-01. The duty was still undone on 2022-04-01 in both views.
    var log = new EscrowLog();
    long c = log.commit("A", inventory(log), "2022-03-01", "2022-04-20T00:00:00Z", "");
    var engine = log.replay();
    LimitLine now =
        line(engine.reportAt(d("2022-04-01"), ReportView.RETROSPECTIVE), "A", "warheads");
    assertThat(now.total()).isEqualTo(11);
    assertThat(now.source()).isEqualTo("escrow");
    assertThat(now.evidence()).containsExactly(c);
    LimitLine then = line(engine.reportAt(d("2022-04-01"), ReportView.AS_KNOWN), "A", "warheads");
    assertThat(then.total()).isNull();
    assertThat(then.source()).isEqualTo("none");
    for (var view : ReportView.values()) {
      assertThat(engine.reportAt(d("2022-04-01"), view).dataExchanges())
          .filteredOn(x -> x.party().equals("A") && x.asOf().equals(d("2022-03-01")))
          .extracting(DataExchangeFinding::status)
          .containsExactly("missing");
    }
  }

  @Test
  void commitmentAsOfAnExchangeDate_fulfilsTheDuty() {
    var log = new EscrowLog();
    long c = log.commit("A", inventory(log), "2022-03-01", "2022-03-10T00:00:00Z", "");
    ComplianceReport r = log.replay().reportAt(d("2022-05-01"));
    DataExchangeFinding march =
        r.dataExchanges().stream()
            .filter(x -> x.party().equals("A") && x.asOf().equals(d("2022-03-01")))
            .findFirst()
            .orElseThrow();
    assertThat(march.status()).isEqualTo("on-time");
    assertThat(march.evidence()).containsExactly(c);
  }

  @Test
  void disputeByItemAndByGroup_readingComputedOnTheEscrowedTotals() {
    var log = new EscrowLog();
    EscrowDeclaration decl = inventory(log);
    log.commit("A", decl, "2022-03-01", "2022-03-10T00:00:00Z", "");
    log.revealItems("A", decl, "2022-03-11T00:00:00Z", "B-2");
    // B holds B-2 to be nuclear-capable, and the stored missiles to be deployed.
    long byItem =
        log.log.dispute(
            "B",
            "A",
            List.of("B-2"),
            "deployed",
            "",
            Map.of("nuclear-armaments", 1L),
            "2022-03-12T00:00:00Z");
    long byGroup =
        log.log.dispute(
            "B",
            "A",
            List.of("group.missile"),
            "non-deployed",
            "deployed",
            Map.of(),
            "2022-03-13T00:00:00Z");
    ComplianceReport r = log.replay().reportAt(d("2022-04-01"));
    LimitLine dv = line(r, "A", "delivery-vehicles");
    assertThat(dv.total()).isEqualTo(5);
    assertThat(dv.readings())
        .singleElement()
        .satisfies(
            (Reading x) -> {
              assertThat(x.by()).isEqualTo("B");
              assertThat(x.total()).isEqualTo(7); // + B-2, + M-4
              assertThat(x.evidence()).containsExactly(byItem, byGroup);
            });
    assertThat(line(r, "A", "warheads").readings())
        .singleElement()
        .satisfies((Reading x) -> assertThat(x.total()).isEqualTo(12)); // + 1 for B-2
    assertThat(r.disputes())
        .extracting(f -> f.applies())
        .containsExactly(List.of("B-2"), List.of("group.missile"));
    assertThat(r.disputes()).allSatisfy(f -> assertThat(f.unknownItems()).isEmpty());
  }
}
