package org.countersign.treaty.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.countersign.treaty.TestTreaties;
import org.countersign.treaty.compliance.ComplianceReport.LimitLine;
import org.countersign.treaty.compliance.ComplianceReport.PartyReport;
import org.countersign.treaty.compliance.ComplianceSeries.LimitSeries;
import org.countersign.treaty.compliance.ComplianceSeries.PartySeries;
import org.countersign.treaty.compliance.ComplianceSeries.Point;
import org.countersign.treaty.history.DemoInventory;
import org.countersign.treaty.history.NewStartHistory;
import org.countersign.treaty.model.Treaty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The time series on New START's recorded history (the demo's log without keys and escrow). */
class ComplianceSeriesTest {
  private static final Treaty NEW_START = TestTreaties.newStart();
  private static final Instant AT = Instant.parse("2024-06-30T12:00:00Z");
  private static ComplianceEngine engine;
  private static ComplianceSeries series;

  @BeforeAll
  static void replay() {
    engine =
        ComplianceEngine.replay(
            NEW_START, DemoInventory.newStartLog(NEW_START, NewStartHistory.load(), 1));
    series = engine.seriesAt(AT);
  }

  @Test
  void seriesAt_everyPoint_equalsTheReportOfItsDay() {
    int compared = 0;
    for (LimitSeries limit : series.limits()) {
      for (PartySeries party : limit.parties()) {
        for (Point p : party.points()) {
          ComplianceReport report =
              p.date().equals(LocalDate.of(2024, 6, 30))
                  ? engine.reportAt(AT)
                  : engine.reportAt(p.date());
          PartyReport r =
              report.parties().stream()
                  .filter(x -> x.party().equals(party.party()))
                  .findFirst()
                  .orElseThrow();
          LimitLine line =
              r.limits().stream()
                  .filter(l -> l.limit().equals(limit.limit()))
                  .findFirst()
                  .orElseThrow();
          assertThat(p.standing()).as("%s %s", party.party(), p.date()).isEqualTo(r.standing());
          assertThat(p.total()).as("%s %s", party.party(), p.date()).isEqualTo(line.total());
          assertThat(p.asOf()).isEqualTo(line.asOf());
          assertThat(p.source()).isEqualTo(line.source());
          assertThat(p.margin()).isEqualTo(line.margin());
          assertThat(p.inForce()).isEqualTo(line.inForce());
          assertThat(p.breach()).isEqualTo(line.breach());
          assertThat(p.evidence()).isEqualTo(line.evidence());
          assertThat(p.readings()).isEqualTo(line.readings());
          compared++;
        }
      }
    }
    assertThat(compared).isGreaterThan(100);
  }

  @Test
  void seriesAt_russia2016_1796WarheadsAboveTheCeilingBeforeItBinds() {
    Point p = point("deployed-warheads", "RU", LocalDate.of(2016, 9, 1));
    assertThat(p.total()).isEqualTo(1796L);
    assertThat(p.exceeded()).isTrue();
    assertThat(p.inForce()).isFalse();
    assertThat(p.breach()).isFalse();
    assertThat(p.evidence()).isNotEmpty();
    assertThat(p.exchange()).isNotNull();
    assertThat(p.exchange().evidence()).isNotEmpty();
  }

  @Test
  void seriesAt_russia2023_exchangeMissingWhileSuspended() {
    Point suspended = point("deployed-warheads", "RU", NewStartHistory.RUSSIAN_SUSPENSION);
    assertThat(suspended.standing()).isEqualTo("suspended");
    Point march = point("deployed-warheads", "RU", LocalDate.of(2023, 3, 1));
    assertThat(march.exchange()).isNotNull();
    assertThat(march.exchange().status()).isEqualTo("missing");
    assertThat(march.exchange().whileSuspended()).isTrue();
    // The figure carried forward is older than the day: no data as of 1 March 2023.
    assertThat(march.asOf()).isBefore(LocalDate.of(2023, 3, 1));
    Point us = point("deployed-warheads", "US", LocalDate.of(2023, 3, 1));
    assertThat(us.exchange()).isNotNull();
    assertThat(us.exchange().status()).isIn("on-time", "late");
    assertThat(us.total()).isEqualTo(1419L);
  }

  @Test
  void seriesAt_limitsInTreatyOrder_bindsFromAndDaysAscending() {
    assertThat(series.limits()).extracting(LimitSeries::limit).hasSize(NEW_START.limits().size());
    for (LimitSeries limit : series.limits()) {
      assertThat(limit.bindsFrom()).isEqualTo(LocalDate.of(2018, 2, 5));
      assertThat(limit.parties()).extracting(PartySeries::party).containsExactly("RU", "US");
      for (PartySeries party : limit.parties()) {
        List<LocalDate> days = new ArrayList<>();
        party.points().forEach(p -> days.add(p.date()));
        assertThat(days).isSorted().doesNotHaveDuplicates().contains(limit.bindsFrom());
        assertThat(days.getLast()).isEqualTo(LocalDate.of(2024, 6, 30));
      }
    }
  }

  @Test
  void canonicalJson_sameLogReplayedAgain_identicalBytes() {
    ComplianceEngine again =
        ComplianceEngine.replay(
            NEW_START, DemoInventory.newStartLog(NEW_START, NewStartHistory.load(), 1));
    String json = series.canonicalJson();
    assertThat(again.seriesAt(AT).canonicalJson()).isEqualTo(json);
    assertThat(json).startsWith("{").contains("\"format\":\"" + ComplianceSeries.FORMAT + "\"");
  }

  @Test
  void seriesAt_beforeSignature_hasNoPoints() {
    ComplianceSeries early = engine.seriesAt(Instant.parse("2009-01-01T00:00:00Z"));
    for (LimitSeries limit : early.limits()) {
      for (PartySeries party : limit.parties()) {
        assertThat(party.points()).isEmpty();
      }
    }
  }

  private static Point point(String limit, String party, LocalDate day) {
    return series.limits().stream()
        .filter(l -> l.limit().equals(limit))
        .flatMap(l -> l.parties().stream())
        .filter(p -> p.party().equals(party))
        .flatMap(p -> p.points().stream())
        .filter(p -> p.date().equals(day))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no point " + limit + " " + party + " " + day));
  }
}
