package org.countersign.treaty.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.countersign.treaty.TestTreaties;
import org.countersign.treaty.compliance.ComplianceEngine;
import org.countersign.treaty.compliance.ComplianceReport;
import org.countersign.treaty.compliance.ComplianceReport.DataExchangeFinding;
import org.countersign.treaty.compliance.ComplianceReport.LimitLine;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.StatementCodec;
import org.junit.jupiter.api.Test;

/** Replaying the published New START figures says what history says. */
class NewStartHistoryTest {
  private static final Treaty NEW_START = TestTreaties.newStart();
  private static final NewStartHistory HISTORY = NewStartHistory.load();
  private static final ComplianceEngine ENGINE =
      ComplianceEngine.replay(NEW_START, HISTORY.log(NEW_START));
  private static final LocalDate LIMITS_BIND = LocalDate.of(2018, 2, 5);

  private static List<LimitLine> lines(ComplianceReport r, String party) {
    return r.parties().stream()
        .filter(p -> p.party().equals(party))
        .findFirst()
        .orElseThrow()
        .limits();
  }

  @Test
  void load_parsesEveryRowOfTheDataFile() {
    assertThat(HISTORY.rows()).hasSize(51);
    var first = HISTORY.rows().get(0);
    assertThat(first.asOf()).isEqualTo(LocalDate.of(2011, 2, 5));
    assertThat(first.party()).isEqualTo("US");
    assertThat(first.totals())
        .containsEntry("deployed-delivery-vehicles", 882L)
        .containsEntry("deployed-warheads", 1800L)
        .containsEntry("launchers", 1124L);
    assertThat(HISTORY.rows())
        .filteredOn(r -> r.party().equals("RU"))
        .extracting(NewStartHistory.Row::asOf)
        .last()
        .isEqualTo(LocalDate.of(2022, 9, 1));
  }

  @Test
  void replay_beforeLimitsBind_exceedancesAreLawful() {
    var r = ENGINE.reportAt(LocalDate.of(2011, 2, 5));
    var us = lines(r, "US");
    assertThat(us)
        .allSatisfy(
            l -> {
              assertThat(l.inForce()).isFalse();
              assertThat(l.exceeded()).isTrue();
              assertThat(l.breach()).isFalse();
              assertThat(l.source()).isEqualTo("data-exchange");
            });
    assertThat(us).extracting(LimitLine::total).containsExactly(882L, 1800L, 1124L);
    // Every published figure above a ceiling lies before the limits bound, and none is a breach.
    for (var row : HISTORY.rows()) {
      var report = ENGINE.reportAt(row.asOf());
      for (LimitLine l : lines(report, row.party())) {
        if (row.totals().containsKey(l.limit()) && row.totals().get(l.limit()) > l.value()) {
          assertThat(row.asOf()).isBefore(LIMITS_BIND);
          assertThat(l.breach()).isFalse();
        }
      }
    }
  }

  @Test
  void replay_fromTheDayLimitsBind_everyPublishedFigureIsWithinLimits() {
    var first = ENGINE.reportAt(LIMITS_BIND);
    assertThat(lines(first, "US")).allSatisfy(l -> assertThat(l.inForce()).isTrue());
    assertThat(lines(first, "US")).extracting(LimitLine::total).containsExactly(652L, 1350L, 800L);
    assertThat(lines(first, "RU")).extracting(LimitLine::total).containsExactly(527L, 1444L, 779L);
    assertThat(lines(ENGINE.reportAt(LIMITS_BIND.minusDays(1)), "US"))
        .allSatisfy(l -> assertThat(l.inForce()).isFalse());
    int checked = 0;
    for (var row : HISTORY.rows()) {
      if (row.asOf().isBefore(LIMITS_BIND)) {
        continue;
      }
      var report = ENGINE.reportAt(row.asOf());
      for (LimitLine l : lines(report, row.party())) {
        if (row.totals().containsKey(l.limit())) {
          assertThat(l.total()).isEqualTo(row.totals().get(l.limit()));
          assertThat(l.asOf()).isEqualTo(row.asOf());
          assertThat(l.inForce()).isTrue();
          assertThat(l.exceeded()).isFalse();
          assertThat(l.margin()).isNotNegative();
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThan(40);
    // The US at exactly 800 launchers from 2017-09-01 on: at the ceiling, margin 0, compliant.
    assertThat(lines(ENGINE.reportAt(LocalDate.of(2020, 3, 1)), "US").get(2).margin()).isZero();
  }

  @Test
  void replay_russianDataStopAfter1September2022_missingExchangesAndSuspension() {
    var r = ENGINE.reportAt(LocalDate.of(2025, 12, 31));
    List<DataExchangeFinding> ru =
        r.dataExchanges().stream().filter(x -> x.party().equals("RU")).toList();
    assertThat(ru)
        .filteredOn(x -> !x.asOf().isAfter(LocalDate.of(2022, 9, 1)))
        .allSatisfy(x -> assertThat(x.status()).isEqualTo("on-time"));
    assertThat(ru)
        .filteredOn(x -> x.asOf().isAfter(LocalDate.of(2022, 9, 1)))
        .extracting(DataExchangeFinding::asOf)
        .containsExactly(
            LocalDate.of(2023, 3, 1),
            LocalDate.of(2023, 9, 1),
            LocalDate.of(2024, 3, 1),
            LocalDate.of(2024, 9, 1),
            LocalDate.of(2025, 3, 1),
            LocalDate.of(2025, 9, 1));
    assertThat(ru)
        .filteredOn(x -> x.asOf().isAfter(LocalDate.of(2022, 9, 1)))
        .allSatisfy(
            x -> {
              assertThat(x.status()).isEqualTo("missing");
              assertThat(x.whileSuspended()).isTrue();
            });
    var russia = r.parties().stream().filter(p -> p.party().equals("RU")).findFirst().orElseThrow();
    assertThat(russia.standing()).isEqualTo("suspended");
    assertThat(russia.suspendedSince()).isEqualTo(NewStartHistory.RUSSIAN_SUSPENSION);
    // Russia's last published figures (as of 1 March 2022) stay its declared totals: no figure of
    // the 1 September 2022 exchange was found in a source, so none is presented as declared.
    assertThat(lines(r, "RU"))
        .extracting(l -> l.total() + "@" + l.asOf() + ":" + l.publication())
        .containsExactly(
            "526@2022-03-01:published", "1474@2022-03-01:published", "761@2022-03-01:published");
    // Before the stop, nothing is missing.
    assertThat(ENGINE.reportAt(LocalDate.of(2023, 3, 31)).dataExchanges())
        .noneMatch(x -> x.status().equals("missing"));
    assertThat(ENGINE.reportAt(LocalDate.of(2023, 4, 1)).dataExchanges())
        .filteredOn(x -> x.status().equals("missing"))
        .extracting(DataExchangeFinding::party)
        .containsExactly("RU");
  }

  @Test
  void replay_afterExpiry_nothingIsInForce() {
    var r = ENGINE.reportAt(LocalDate.of(2026, 2, 5));
    assertThat(r.status().inForce()).isFalse();
    assertThat(lines(r, "US")).allSatisfy(l -> assertThat(l.inForce()).isFalse());
    assertThat(r.dataExchanges()).noneMatch(x -> x.asOf().isAfter(LocalDate.of(2026, 2, 4)));
  }

  @Test
  void replay_noDiscrepanciesNoInadmissibleEntries_andEveryStatementEncodes() throws Exception {
    var r = ENGINE.reportAt(LocalDate.of(2025, 12, 31));
    assertThat(r.discrepancies()).isEmpty();
    assertThat(r.inadmissible()).isEmpty();
    for (var e : HISTORY.log(NEW_START)) {
      assertThat(
              StatementCodec.decodeText(
                  StatementCodec.encodeText(e.statement(), "countersign.local/new-start")))
          .isEqualTo(e.statement());
    }
  }

  @Test
  void completeRows_onlyRowsWithAllThreeFigures_nothingFilledIn() {
    var complete = NewStartHistory.load().completeRows();
    assertThat(complete).allSatisfy(r -> assertThat(r.totals()).hasSize(3));
    assertThat(complete)
        .noneMatch(r -> r.party().equals("US") && r.asOf().equals(LocalDate.of(2012, 9, 1)));
    var us2012 =
        HISTORY.rows().stream()
            .filter(r -> r.party().equals("US") && r.asOf().equals(LocalDate.of(2012, 9, 1)))
            .findFirst()
            .orElseThrow();
    assertThat(us2012.l()).isNull();
    assertThat(us2012.dv()).isEqualTo(806L);
    assertThat(us2012.wh()).isEqualTo(1722L);
  }

  @Test
  void load_everyRowWithFiguresCitesASource() {
    // A figure no source could be found for is left out of the file, never kept as "unverified".
    for (var row : HISTORY.rows()) {
      if (row.totals().isEmpty()) {
        continue;
      }
      assertThat(row.source()).as("%s %s", row.party(), row.asOf()).startsWith("http");
      assertThat(row.note()).as("%s %s", row.party(), row.asOf()).doesNotContain("unverified");
    }
  }

  @Test
  void parse_malformedRows_refusedWithLineNumbers() {
    String header = "date,party,dv,wh,l,quality,source,note\n";
    assertThatThrownBy(() -> NewStartHistory.parse(header + "2011-02-05,UK,1,2,3,reported,,\n"))
        .hasMessageContaining("line 2")
        .hasMessageContaining("US or RU");
    assertThatThrownBy(() -> NewStartHistory.parse(header + "2011-02-05,US,1.5,2,3,reported,,\n"))
        .hasMessageContaining("line 2: not a count: 1.5");
    assertThatThrownBy(
            () -> NewStartHistory.parse("# c\n" + header + "2011-02-05,US,1,2,3,guessed,,\n"))
        .hasMessageContaining("line 3: quality");
    assertThatThrownBy(
            () ->
                NewStartHistory.parse(
                    header
                        + "2011-02-05,US,1,2,3,reported,https://a.example,\n"
                        + "2011-02-05,US,1,2,3,reported,https://a.example,\n"))
        .hasMessageContaining("repeats line 2");
    assertThatThrownBy(() -> NewStartHistory.parse(header + "2022-09-01,RU,,1549,,reported,,\n"))
        .hasMessageContaining("line 2: a row with figures must cite the source");
    assertThatThrownBy(() -> NewStartHistory.parse("date,party\n")).hasMessageContaining("header");
  }
}
