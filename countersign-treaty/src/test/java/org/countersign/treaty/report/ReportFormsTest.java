package org.countersign.treaty.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.countersign.treaty.compliance.ComplianceEngine;
import org.countersign.treaty.compliance.ComplianceReport;
import org.countersign.treaty.compliance.ReportView;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.DataExchangeUpdate;
import org.countersign.treaty.statement.Dispute;
import org.countersign.treaty.statement.LoggedStatement;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.Withdrawal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The request forms (time, format) and the report forms (party view, HTML). */
class ReportFormsTest {
  static final Treaty NEW_START = load();

  static Treaty load() {
    try {
      return TreatyLoader.builtIn("new-start");
    } catch (org.countersign.treaty.loader.TreatyException e) {
      throw new AssertionError(e);
    }
  }

  static Instant t(String s) {
    return Instant.parse(s);
  }

  @Test
  void parse_dayAndInstant_lastSecondOfTheDayOrTheInstant() {
    assertThat(ReportTime.parse("2020-02-29").instant()).isEqualTo(t("2020-02-29T23:59:59Z"));
    assertThat(ReportTime.parse("2018-02-05T00:00:00Z").instant())
        .isEqualTo(t("2018-02-05T00:00:00Z"));
    assertThat(ReportTime.parse("2019-12-31").instant()).isEqualTo(t("2019-12-31T23:59:59Z"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "2019-1-01",
        "2019-01-01T00:00Z",
        "2019-01-01T00:00:00.5Z",
        "2019-01-01T00:00:00+00:00",
        "2019-01-01 ",
        "+2019-01-01",
        "20190101",
        "yesterday"
      })
  void parse_otherSpellings_refusedNamingTheForms(String text) {
    assertThatThrownBy(() -> ReportTime.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("at must be a day YYYY-MM-DD or an instant YYYY-MM-DDTHH:MM:SSZ");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2019-02-29",
        "2021-04-31",
        "2019-13-01",
        "2019-01-01T24:00:00Z",
        "2016-12-31T23:59:60Z"
      })
  void parse_unrealDates_refusedAsNotReal(String text) {
    assertThatThrownBy(() -> ReportTime.parse(text))
        .hasMessage("at is not a real calendar date and time: \"" + text + "\"");
  }

  @Test
  void formatParse_knownAndUnknown() {
    assertThat(ReportFormat.parse("html").contentType()).isEqualTo("text/html; charset=utf-8");
    assertThatThrownBy(() -> ReportFormat.parse("JSON"))
        .hasMessage("format must be json, text or html, got \"JSON\"");
  }

  /** US publishes, RU publishes and disputes US items, then US writes a hostile reason. */
  static ComplianceReport report() {
    List<Statement> s = new ArrayList<>();
    Instant at = t("2019-03-20T00:00:00Z");
    s.add(
        new DataExchangeUpdate(
            "new-start",
            "US",
            at,
            LocalDate.parse("2019-03-01"),
            Map.of(
                "deployed-delivery-vehicles",
                656L,
                "deployed-warheads",
                1365L,
                "launchers",
                800L)));
    s.add(
        new DataExchangeUpdate(
            "new-start",
            "RU",
            at,
            LocalDate.parse("2019-03-01"),
            Map.of(
                "deployed-delivery-vehicles",
                524L,
                "deployed-warheads",
                1461L,
                "launchers",
                760L)));
    s.add(
        new Dispute(
            "new-start",
            "RU",
            at,
            "US",
            List.of("B52-1"),
            "converted",
            "deployed",
            Map.of(),
            "<script>alert(1)</script> & \"quotes\""));
    s.add(new Withdrawal("new-start", "US", at, "test"));
    var engine = new ComplianceEngine(NEW_START);
    for (int i = 0; i < s.size(); i++) {
      engine.apply(new LoggedStatement<>(i, s.get(i)));
    }
    return engine.reportAt(LocalDate.parse("2019-03-20"));
  }

  @Test
  void partyView_keepsWhatConcernsTheParty() {
    ComplianceReport whole = report();
    ComplianceReport us = PartyView.of(whole, "US");
    assertThat(us.parties()).extracting(ComplianceReport.PartyReport::party).containsExactly("US");
    assertThat(us.dataExchanges()).allMatch(x -> x.party().equals("US")).isNotEmpty();
    assertThat(us.disputes()).hasSize(1);
    assertThat(PartyView.of(whole, "RU").disputes()).hasSize(1);
    assertThat(us.entries()).isEqualTo(whole.entries());
    assertThat(us.canonicalJson()).isEqualTo(PartyView.of(whole, "US").canonicalJson());
    assertThatThrownBy(() -> PartyView.of(whole, "<b>"))
        .hasMessage("party \"<b>\" is not a participant of new-start; participants: RU, US");
  }

  @Test
  void html_escapesLogTextAndShowsNumbersAndAnchoredLinks() {
    var anchor =
        new ReportAnchor(
            "log.example/new-start",
            7,
            "ROOT+/=",
            "log.example/new-start\n7\nROOT+/=\n\n\u2014 sig\n",
            "https://log.example/api/v1/");
    String html = new ComplianceHtml(NEW_START, anchor).render(report());
    assertThat(html)
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;")
        .doesNotContain("<script>")
        .contains(
            "<td class=\"num\">1,461</td><td class=\"num\">1,550</td><td class=\"num\">89</td>")
        .contains("<a href=\"https://log.example/api/v1/entries/1\">#1</a>")
        .contains("proofs/inclusion?index=1&amp;size=7")
        .contains("Russian Federation (RU)")
        .contains("United States of America (US)")
        .contains("SHA-256 of the canonical JSON report")
        .contains("<h3>Inspections</h3>")
        .contains("<tr><td>type-one</td><td class=\"num\">9</td><td class=\"num\">10</td>");
    String local =
        new ComplianceHtml(
                NEW_START, new ReportAnchor("log.example/new-start", 7, "ROOT", "note\n", null))
            .render(report());
    assertThat(local).doesNotContain("<a href").contains("#1");
  }

  @Test
  void html_longEvidence_abbreviatedWithCount() {
    var anchor = new ReportAnchor("o", 100, "r", "n\n", "");
    var html = new ComplianceHtml(NEW_START, anchor);
    List<Long> many = new ArrayList<>();
    for (long i = 0; i < 30; i++) {
      many.add(i);
    }
    ComplianceReport r = report();
    var line = r.parties().get(0).limits().get(0);
    var longLine =
        new ComplianceReport.LimitLine(
            line.limit(),
            line.name(),
            line.value(),
            line.bindsFrom(),
            line.zone(),
            line.inForce(),
            line.total(),
            line.source(),
            line.asOf(),
            line.margin(),
            line.exceeded(),
            line.breach(),
            many,
            line.readings());
    var party = r.parties().get(0);
    var p =
        new ComplianceReport.PartyReport(
            party.party(),
            party.name(),
            party.role(),
            party.joins(),
            party.standing(),
            party.adoption(),
            party.suspendedSince(),
            party.suspensionEntry(),
            party.withdrawalEffective(),
            party.withdrawalEntry(),
            List.of(longLine));
    ComplianceReport one = PartyView.of(r, party.party());
    ComplianceReport edited =
        new ComplianceReport(
            one.treaty(),
            one.treatyDigest(),
            one.at(),
            one.entries(),
            one.lastIndex(),
            one.status(),
            List.of(p),
            one.notificationsOnTime(),
            one.notifications(),
            one.dataExchanges(),
            one.discrepancies(),
            one.disputes(),
            one.inadmissible(),
            List.of(),
            List.of(),
            List.of(),
            ReportView.RETROSPECTIVE.id(),
            0);
    assertThat(html.render(edited))
        .contains("#23</a>")
        .doesNotContain("#24</a>")
        .contains("and 6 more (all are in the JSON report)");
  }
}
