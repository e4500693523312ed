package org.countersign.treaty.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.treaty.compliance.TestLog.bomber;
import static org.countersign.treaty.compliance.TestLog.interceptor;
import static org.countersign.treaty.compliance.TestLog.launcher;
import static org.countersign.treaty.compliance.TestLog.missile;

import java.util.List;
import java.util.Map;
import org.countersign.treaty.TestTreaties;
import org.countersign.treaty.compliance.ComplianceReport.LimitLine;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.DeclaredItem;
import org.junit.jupiter.api.Test;

/** One test per rule form of the counting vocabulary, through the engine and directly. */
class CountingRulesTest {
  private final Treaty treaty = TestTreaties.testTreaty();

  private long total(String limit, DeclaredItem... items) {
    return treaty.total(treaty.limit(limit).orElseThrow(), List.of(items));
  }

  @Test
  void countItems_onlySelectedStatusesCount() {
    assertThat(
            total(
                "delivery-vehicles",
                missile("M-1", "deployed", 3),
                missile("M-2", "non-deployed", 0),
                missile("M-3", "test", 1)))
        .isEqualTo(1);
  }

  @Test
  void countAttribute_addsActualReentryVehicles() {
    assertThat(
            total(
                "warheads",
                missile("M-1", "deployed", 3),
                missile("M-2", "deployed", 1),
                missile("M-3", "non-deployed", 8)))
        .isEqualTo(4);
  }

  @Test
  void countFixed_oneWarheadPerDeployedBomberWhateverItCarries() {
    assertThat(
            total(
                "warheads",
                bomber("B-1", "deployed", 1L),
                bomber("B-2", "deployed", null),
                bomber("B-3", "non-deployed", 1L)))
        .isEqualTo(2);
  }

  @Test
  void whereEquality_nonNuclearVariantIsNotCounted() {
    assertThat(total("delivery-vehicles", bomber("B-1", "deployed", 0L))).isZero();
    assertThat(total("warheads", bomber("B-1", "deployed", 0L))).isZero();
  }

  @Test
  void whereDefault_attributeAbsentTakesCategoryDefault() {
    assertThat(total("delivery-vehicles", bomber("B-1", "deployed", null))).isEqualTo(1);
  }

  @Test
  void whereRange_countsOnlyMissilesWithFiveOrMoreWarheads() {
    assertThat(
            total(
                "heavy",
                missile("M-1", "deployed", 4),
                missile("M-2", "deployed", 5),
                missile("M-3", "deployed", 10)))
        .isEqualTo(2);
  }

  @Test
  void launchers_deployedNonDeployedAndTestCount_convertedAndEliminatedDoNot() {
    assertThat(
            total(
                "launchers",
                launcher("L-1", "deployed"),
                launcher("L-2", "non-deployed"),
                launcher("L-3", "test"),
                launcher("L-4", "converted"),
                launcher("L-5", "eliminated")))
        .isEqualTo(3);
  }

  @Test
  void regionalLimit_countsItemsInTheZoneAndItsSubZonesOnly() {
    assertThat(
            total(
                "regional-interceptors",
                interceptor("I-1", "deployed", "region"),
                interceptor("I-2", "deployed", "subregion"),
                interceptor("I-3", "deployed", ""),
                interceptor("I-4", "non-deployed", "region")))
        .isEqualTo(2);
  }

  @Test
  void perPartyLimit_appliesOnlyToListedParties() {
    var log = new TestLog();
    log.declare("A", "2020-03-01", "2020-03-02T00:00:00Z", missile("M-1", "deployed", 6));
    log.declare("B", "2020-03-01", "2020-03-02T00:00:00Z", missile("M-1", "deployed", 6));
    var report = log.replay(treaty).reportAt(TestLog.d("2020-06-01"));
    assertThat(limits(report, "A")).extracting(LimitLine::limit).contains("heavy");
    assertThat(limits(report, "B")).extracting(LimitLine::limit).doesNotContain("heavy");
  }

  @Test
  void newStart_centralLimitsCountByTheTreatysRules() {
    Treaty ns = TestTreaties.newStart();
    var items =
        List.of(
            new DeclaredItem("MM3-1", "icbm", "deployed", "base", "", Map.of("warheads", 1L)),
            new DeclaredItem("MM3-2", "icbm", "non-deployed", "base", "", Map.of("warheads", 0L)),
            new DeclaredItem("D5-1", "slbm", "deployed", "sub", "", Map.of("warheads", 4L)),
            new DeclaredItem("B52-1", "heavy-bomber", "deployed", "air", "", Map.of()),
            new DeclaredItem(
                "B1B-1", "heavy-bomber", "deployed", "air", "", Map.of("nuclear-armaments", 0L)),
            new DeclaredItem("B52-2", "heavy-bomber", "test", "air", "", Map.of()),
            new DeclaredItem("S-1", "icbm-launcher", "deployed", "base", "", Map.of()),
            new DeclaredItem("S-2", "icbm-launcher", "non-deployed", "base", "", Map.of()),
            new DeclaredItem("T-1", "slbm-launcher", "deployed", "sub", "", Map.of()),
            new DeclaredItem("T-2", "slbm-launcher", "converted", "sub", "", Map.of()));
    assertThat(ns.total(ns.limit("deployed-delivery-vehicles").orElseThrow(), items)).isEqualTo(3);
    assertThat(ns.total(ns.limit("deployed-warheads").orElseThrow(), items)).isEqualTo(6);
    assertThat(ns.total(ns.limit("launchers").orElseThrow(), items)).isEqualTo(5);
  }

  @Test
  void engineTotals_fromItemsRolledForwardByNotifications() {
    var log = new TestLog();
    long decl =
        log.declare(
            "A",
            "2020-03-01",
            "2020-03-02T00:00:00Z",
            missile("M-1", "deployed", 3),
            missile("M-2", "non-deployed", 0));
    long deploy =
        log.change(
            "A",
            "deploy",
            "M-2",
            "missile",
            "2020-04-01T10:00:00Z",
            "2020-04-02T10:00:00Z",
            "deployed",
            "site-1",
            Map.of("warheads", 2L));
    var engine = log.replay(treaty);
    LimitLine before = line(engine.reportAt(TestLog.d("2020-03-31")), "A", "warheads");
    LimitLine after = line(engine.reportAt(TestLog.d("2020-04-01")), "A", "warheads");
    assertThat(before.total()).isEqualTo(3);
    assertThat(before.evidence()).containsExactly(decl);
    assertThat(after.total()).isEqualTo(5);
    assertThat(after.source()).isEqualTo("items");
    assertThat(after.asOf()).isEqualTo(TestLog.d("2020-04-01"));
    assertThat(after.evidence()).containsExactly(decl, deploy);
  }

  static List<LimitLine> limits(ComplianceReport r, String party) {
    return r.parties().stream()
        .filter(p -> p.party().equals(party))
        .findFirst()
        .orElseThrow()
        .limits();
  }

  static LimitLine line(ComplianceReport r, String party, String limit) {
    return limits(r, party).stream().filter(l -> l.limit().equals(limit)).findFirst().orElseThrow();
  }
}
