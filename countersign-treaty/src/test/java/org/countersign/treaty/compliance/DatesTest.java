package org.countersign.treaty.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.treaty.compliance.CountingRulesTest.line;
import static org.countersign.treaty.compliance.TestLog.d;
import static org.countersign.treaty.compliance.TestLog.missile;
import static org.countersign.treaty.compliance.TestLog.t;

import java.time.LocalDate;
import org.countersign.treaty.TestTreaties;
import org.countersign.treaty.compliance.ComplianceReport.LimitLine;
import org.countersign.treaty.compliance.ComplianceReport.PartyReport;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.model.TreatyDuration;
import org.junit.jupiter.api.Test;

/** Date edges: a limit's first day (a leap day), joining, expiry and extension, treaty years. */
class DatesTest {
  private final Treaty treaty = TestTreaties.testTreaty();

  private ComplianceEngine elevenDeployed() {
    var log = new TestLog();
    var items = new org.countersign.treaty.statement.DeclaredItem[11];
    for (int i = 0; i < 11; i++) {
      items[i] = missile("M-" + i, "deployed", 1);
    }
    log.declare("A", "2024-01-01", "2024-01-02T00:00:00Z", items);
    return log.replay(treaty);
  }

  @Test
  void limitFirstDay_leapDay_excessLawfulTheDayBeforeAndABreachFromThatDay() {
    ComplianceEngine engine = elevenDeployed();
    LimitLine before = line(engine.reportAt(d("2024-02-28")), "A", "delivery-vehicles");
    LimitLine first = line(engine.reportAt(d("2024-02-29")), "A", "delivery-vehicles");
    LimitLine firstSecond =
        line(engine.reportAt(t("2024-02-29T00:00:00Z")), "A", "delivery-vehicles");
    LimitLine lastSecondBefore =
        line(engine.reportAt(t("2024-02-28T23:59:59Z")), "A", "delivery-vehicles");
    assertThat(before.total()).isEqualTo(11);
    assertThat(before.exceeded()).isTrue();
    assertThat(before.inForce()).isFalse();
    assertThat(before.breach()).isFalse();
    assertThat(lastSecondBefore.breach()).isFalse();
    assertThat(first.inForce()).isTrue();
    assertThat(first.breach()).isTrue();
    assertThat(first.margin()).isEqualTo(-1);
    assertThat(firstSecond.breach()).isTrue();
  }

  @Test
  void partyJoiningLater_isNotBoundBeforeItsJoiningDay() {
    var log = new TestLog();
    log.declare("C", "2021-06-01", "2021-06-02T00:00:00Z", TestLog.launcher("L-1", "deployed"));
    var engine = log.replay(treaty);
    PartyReport before = party(engine.reportAt(d("2021-12-31")), "C");
    PartyReport after = party(engine.reportAt(d("2022-01-01")), "C");
    assertThat(before.standing()).isEqualTo("not-yet-joined");
    assertThat(before.limits()).allMatch(l -> !l.inForce());
    assertThat(after.standing()).isEqualTo("bound");
    assertThat(line(engine.reportAt(d("2022-01-01")), "C", "launchers").inForce()).isTrue();
  }

  @Test
  void expiry_extensionAgreedBeforeExpiry_keepsTheTreatyInForce() {
    var engine = new TestLog().replay(treaty);
    assertThat(engine.reportAt(d("2029-11-30")).status().expiry()).isEqualTo(d("2030-01-01"));
    assertThat(engine.reportAt(d("2029-12-01")).status().expiry()).isEqualTo(d("2032-01-01"));
    assertThat(engine.reportAt(d("2030-06-01")).status().inForce()).isTrue();
    assertThat(engine.reportAt(d("2031-12-31")).status().inForce()).isTrue();
    assertThat(engine.reportAt(d("2032-01-01")).status().inForce()).isFalse();
    assertThat(engine.reportAt(d("2019-12-31")).status().inForce()).isFalse();
    assertThat(engine.reportAt(d("2020-01-01")).status().inForce()).isTrue();
  }

  @Test
  void newStart_expiryAndExtensionAsData() {
    Treaty ns = TestTreaties.newStart();
    assertThat(ns.inForceOn(d("2011-02-04"))).isFalse();
    assertThat(ns.inForceOn(d("2011-02-05"))).isTrue();
    assertThat(ns.dates().expiryKnownOn(d("2021-02-02"))).isEqualTo(d("2021-02-05"));
    assertThat(ns.dates().expiryKnownOn(d("2021-02-03"))).isEqualTo(d("2026-02-05"));
    assertThat(ns.inForceOn(d("2026-02-04"))).isTrue();
    assertThat(ns.inForceOn(d("2026-02-05"))).isFalse();
  }

  @Test
  void treatyYear_countsFromEntryIntoForce() {
    Treaty ns = TestTreaties.newStart();
    assertThat(ns.dates().treatyYearOf(d("2011-02-05")).number()).isEqualTo(1);
    assertThat(ns.dates().treatyYearOf(d("2012-02-04")).number()).isEqualTo(1);
    assertThat(ns.dates().treatyYearOf(d("2012-02-05")).number()).isEqualTo(2);
    assertThat(ns.dates().treatyYearOf(d("2025-12-31")).number()).isEqualTo(15);
  }

  @Test
  void treatyYear_entryIntoForceOnLeapDay_anniversaryFallsOn28FebruaryInCommonYears() {
    var dates =
        new org.countersign.treaty.model.TreatyDates(
            d("2020-01-01"), d("2020-02-29"), d("2030-01-01"), java.util.List.of());
    assertThat(dates.treatyYearOf(d("2021-02-27")).number()).isEqualTo(1);
    assertThat(dates.treatyYearOf(d("2021-02-28")).number()).isEqualTo(2);
    assertThat(dates.treatyYearOf(d("2024-02-28")).number()).isEqualTo(4);
    assertThat(dates.treatyYearOf(d("2024-02-29")).number()).isEqualTo(5);
    assertThat(dates.treatyYearOf(d("2024-02-29")).end()).isEqualTo(d("2025-02-28"));
  }

  @Test
  void duration_calendarArithmetic_leapYears() {
    assertThat(TreatyDuration.parse("P5D").addTo(t("2024-02-26T12:00:00Z")))
        .isEqualTo(t("2024-03-02T12:00:00Z"));
    assertThat(TreatyDuration.parse("P5D").addTo(t("2023-02-26T12:00:00Z")))
        .isEqualTo(t("2023-03-03T12:00:00Z"));
    assertThat(TreatyDuration.parse("P1Y").addTo(LocalDate.parse("2024-02-29")))
        .isEqualTo(d("2025-02-28"));
    assertThat(TreatyDuration.parse("P1M").addTo(LocalDate.parse("2024-01-31")))
        .isEqualTo(d("2024-02-29"));
    assertThat(TreatyDuration.parse("PT24H").subtractFrom(t("2024-03-01T06:00:00Z")))
        .isEqualTo(t("2024-02-29T06:00:00Z"));
    assertThat(TreatyDuration.parse("P1W2DT3H4M5S").seconds()).isEqualTo(3 * 3600 + 4 * 60 + 5);
    assertThat(TreatyDuration.parse("P1W2DT3H4M5S").days()).isEqualTo(9);
  }

  static PartyReport party(ComplianceReport r, String id) {
    return r.parties().stream().filter(p -> p.party().equals(id)).findFirst().orElseThrow();
  }
}
