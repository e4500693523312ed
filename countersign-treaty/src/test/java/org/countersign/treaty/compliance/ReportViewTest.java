package org.countersign.treaty.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.countersign.treaty.TestTreaties;
import org.countersign.treaty.compliance.ComplianceReport.DataExchangeFinding;
import org.countersign.treaty.compliance.ComplianceReport.LimitLine;
import org.countersign.treaty.history.DemoInventory;
import org.countersign.treaty.history.NewStartHistory;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.LoggedStatement;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, point 2: a report says what was known at its date ("as known at T": only statements
 * issued by T) or what we now know about its date ("retrospective about T"), never a mix.
 */
class ReportViewTest {
  private static final Treaty NEW_START = TestTreaties.newStart();
  private static final List<LoggedStatement<?>> LOG =
      DemoInventory.newStartLog(NEW_START, NewStartHistory.load(), 11);
  private static final ComplianceEngine ENGINE = ComplianceEngine.replay(NEW_START, LOG);
  private static final LocalDate DAY = LocalDate.of(2020, 9, 2);
  private static final LocalDate BEFORE_NOTICE = LocalDate.of(2020, 9, 1);

  private static Instant issuedAt(long index) {
    return LOG.get((int) index).statement().issuedAt();
  }

  private static List<LimitLine> us(ComplianceReport r) {
    return r.parties().stream()
        .filter(p -> p.party().equals("US"))
        .findFirst()
        .orElseThrow()
        .limits();
  }

  @Test
  void asKnown_reportOn2September2020_restsOnlyOnStatementsIssuedByThen() {
    ComplianceReport r = ENGINE.reportAt(DAY, ReportView.AS_KNOWN);
    Instant t = r.at();
    assertThat(r.view()).isEqualTo("as-known");
    assertThat(r.laterEntries()).isPositive();
    assertThat(r.entries()).isEqualTo(LOG.size());
    // The 2020-09-01 exchange was issued on 2020-10-01: pending, and not evidence for any total.
    DataExchangeFinding sept =
        r.dataExchanges().stream()
            .filter(x -> x.party().equals("US") && x.asOf().equals(LocalDate.of(2020, 9, 1)))
            .findFirst()
            .orElseThrow();
    assertThat(sept.status()).isEqualTo("pending");
    assertThat(sept.evidence()).isEmpty();
    for (LimitLine l : us(r)) {
      // The March declaration and the notifications issued by then; not the September declaration.
      assertThat(l.source()).isEqualTo("items");
      assertThat(l.evidence()).allSatisfy(i -> assertThat(issuedAt(i)).isBeforeOrEqualTo(t));
    }
    for (var d : r.discrepancies()) {
      assertThat(d.evidence()).allSatisfy(i -> assertThat(issuedAt(i)).isBeforeOrEqualTo(t));
    }
    assertThat(r.toText()).contains("View: as known at 2020-09-02T23:59:59Z");
  }

  @Test
  void asKnown_reportOn1September2020_totalsAsOfTheMarchDeclaration() {
    assertThat(us(ENGINE.reportAt(BEFORE_NOTICE, ReportView.AS_KNOWN)))
        .allSatisfy(l -> assertThat(l.asOf()).isEqualTo(LocalDate.of(2020, 3, 1)));
    assertThat(us(ENGINE.reportAt(BEFORE_NOTICE, ReportView.RETROSPECTIVE)))
        .allSatisfy(l -> assertThat(l.asOf()).isEqualTo(LocalDate.of(2020, 9, 1)));
  }

  @Test
  void retrospective_reportOn2September2020_usesLaterStatements_andSaysSo() {
    ComplianceReport r = ENGINE.reportAt(DAY, ReportView.RETROSPECTIVE);
    assertThat(r.view()).isEqualTo("retrospective");
    assertThat(r.laterEntries())
        .isEqualTo(ENGINE.reportAt(DAY, ReportView.AS_KNOWN).laterEntries());
    // The declaration as of 2020-09-01, issued later, describes the day.
    assertThat(us(r)).allSatisfy(l -> assertThat(l.asOf()).isEqualTo(LocalDate.of(2020, 9, 1)));
    assertThat(us(r))
        .anySatisfy(
            l -> assertThat(l.evidence()).anySatisfy(i -> assertThat(issuedAt(i)).isAfter(r.at())));
    assertThat(r.toText()).contains("View: retrospective about 2020-09-02T23:59:59Z");
    assertThat(ENGINE.reportAt(DAY).view()).isEqualTo(ReportView.DEFAULT.id());
  }

  @Test
  void asKnown_equalsAFreshReplayOfTheStatementsIssuedByThen() {
    ComplianceReport known = ENGINE.reportAt(DAY, ReportView.AS_KNOWN);
    Instant t = known.at();
    var fresh =
        ComplianceEngine.replay(
            NEW_START, LOG.stream().filter(e -> !e.statement().issuedAt().isAfter(t)).toList());
    ComplianceReport direct = fresh.reportAt(t, ReportView.AS_KNOWN);
    assertThat(known.parties()).isEqualTo(direct.parties());
    assertThat(known.dataExchanges()).isEqualTo(direct.dataExchanges());
    assertThat(known.discrepancies()).isEqualTo(direct.discrepancies());
    assertThat(known.notifications()).isEqualTo(direct.notifications());
  }

  @Test
  void bothViews_nothingIssuedLater_sameReportButTheView() {
    LocalDate late = LocalDate.of(2026, 1, 1);
    var a = ENGINE.reportAt(late, ReportView.AS_KNOWN);
    var b = ENGINE.reportAt(late, ReportView.RETROSPECTIVE);
    assertThat(a.laterEntries()).isZero();
    assertThat(a.parties()).isEqualTo(b.parties());
    assertThat(a.canonicalJson()).isNotEqualTo(b.canonicalJson());
  }

  @Test
  void parse_unknownView_refusedNamingIt() {
    assertThat(ReportView.parse("as-known")).isEqualTo(ReportView.AS_KNOWN);
    assertThatThrownBy(() -> ReportView.parse("now"))
        .hasMessage("view must be as-known or retrospective, got \"now\"");
  }
}
