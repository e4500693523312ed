package org.countersign.treaty.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.treaty.compliance.TestLog.d;
import static org.countersign.treaty.compliance.TestLog.interceptor;
import static org.countersign.treaty.compliance.TestLog.missile;
import static org.countersign.treaty.compliance.TestLog.t;

import java.util.List;
import java.util.Map;
import org.countersign.treaty.TestTreaties;
import org.countersign.treaty.compliance.ComplianceReport.DataExchangeFinding;
import org.countersign.treaty.compliance.ComplianceReport.NotificationFinding;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.ChangeNotification;
import org.junit.jupiter.api.Test;

/** Every duty kind, with deadlines to the second: within-after, before, inferred, calendars. */
class DutiesTest {
  private final Treaty treaty = TestTreaties.testTreaty();

  private static List<NotificationFinding> findings(ComplianceEngine e, String at) {
    return e.reportAt(t(at)).notifications();
  }

  private ComplianceEngine deployNotifiedAt(String issued) {
    var log = new TestLog();
    log.declare("A", "2022-03-01", "2022-03-02T00:00:00Z", missile("M-1", "non-deployed", 0));
    log.change(
        "A",
        "deploy",
        "M-1",
        "missile",
        "2022-03-10T12:00:00Z",
        issued,
        "deployed",
        "site-1",
        Map.of());
    return log.replay(treaty);
  }

  @Test
  void withinDeadline_issuedInTheLastHour_isOnTime() {
    ComplianceEngine e = deployNotifiedAt("2022-03-15T11:30:00Z");
    assertThat(findings(e, "2022-04-01T00:00:00Z")).isEmpty();
    assertThat(e.reportAt(t("2022-04-01T00:00:00Z")).notificationsOnTime()).isEqualTo(1);
  }

  @Test
  void withinDeadline_issuedExactlyAtTheDeadline_isOnTime() {
    assertThat(findings(deployNotifiedAt("2022-03-15T12:00:00Z"), "2022-04-01T00:00:00Z"))
        .isEmpty();
  }

  @Test
  void withinDeadline_oneSecondLate_isLate() {
    var f = findings(deployNotifiedAt("2022-03-15T12:00:01Z"), "2022-04-01T00:00:00Z");
    assertThat(f)
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.status()).isEqualTo("late");
              assertThat(n.duty()).isEqualTo("status-change");
              assertThat(n.deadline()).isEqualTo(t("2022-03-15T12:00:00Z"));
              assertThat(n.notifiedAt()).isEqualTo(t("2022-03-15T12:00:01Z"));
              assertThat(n.evidence()).containsExactly(1L);
            });
  }

  @Test
  void lateNotification_isMissingBetweenItsDeadlineAndItsIssue_andNothingBefore() {
    ComplianceEngine e = deployNotifiedAt("2022-03-20T00:00:00Z");
    assertThat(findings(e, "2022-03-15T12:00:00Z")).isEmpty();
    assertThat(findings(e, "2022-03-15T12:00:01Z"))
        .singleElement()
        .satisfies(n -> assertThat(n.status()).isEqualTo("missing"));
    assertThat(findings(e, "2022-03-20T00:00:00Z"))
        .singleElement()
        .satisfies(n -> assertThat(n.status()).isEqualTo("late"));
  }

  @Test
  void hoursDeadline_interceptorMovement_PT48H() {
    var log = new TestLog();
    log.declare("A", "2022-03-01", "2022-03-02T00:00:00Z", interceptor("I-1", "deployed", ""));
    log.add(
        new ChangeNotification(
            "test-treaty",
            "A",
            t("2022-03-12T10:00:01Z"),
            "move",
            "I-1",
            "interceptor",
            t("2022-03-10T10:00:00Z"),
            "",
            "site-2",
            "region",
            Map.of()));
    var f = findings(log.replay(treaty), "2022-04-01T00:00:00Z");
    assertThat(f)
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.duty()).isEqualTo("interceptor-movement");
              assertThat(n.deadline()).isEqualTo(t("2022-03-12T10:00:00Z"));
              assertThat(n.status()).isEqualTo("late");
            });
  }

  @Test
  void attributeContentDuty_reloadWithinOneDay() {
    var log = new TestLog();
    log.declare("A", "2022-03-01", "2022-03-02T00:00:00Z", missile("M-1", "deployed", 1));
    log.change(
        "A",
        "reload",
        "M-1",
        "missile",
        "2022-03-10T00:00:00Z",
        "2022-03-11T00:00:00Z",
        "",
        "",
        Map.of("warheads", 3L));
    log.change(
        "A",
        "reload",
        "M-1",
        "missile",
        "2022-03-20T00:00:00Z",
        "2022-03-21T00:00:01Z",
        "",
        "",
        Map.of("warheads", 2L));
    var f = findings(log.replay(treaty), "2022-04-01T00:00:00Z");
    assertThat(f)
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.duty()).isEqualTo("missile-reload");
              assertThat(n.evidence()).containsExactly(2L);
            });
  }

  @Test
  void launchBeforeDeadline_exactly24HoursAhead_isOnTime_lessIsLate() {
    var log = new TestLog();
    log.launch("A", "launch-1", "2024-03-01T06:00:00Z", "2024-02-29T06:00:00Z");
    log.launch("A", "launch-2", "2024-03-05T06:00:00Z", "2024-03-04T07:00:00Z");
    var e = log.replay(treaty);
    var f = findings(e, "2024-04-01T00:00:00Z");
    assertThat(f)
        .singleElement()
        .satisfies(
            n -> {
              assertThat(n.trigger()).isEqualTo("launch");
              assertThat(n.item()).isEqualTo("launch-2");
              assertThat(n.deadline()).isEqualTo(t("2024-03-04T06:00:00Z"));
              assertThat(n.status()).isEqualTo("late");
            });
    assertThat(e.reportAt(t("2024-04-01T00:00:00Z")).notificationsOnTime()).isEqualTo(1);
  }

  @Test
  void launchRescheduled_latestNoticeFixesTheLaunch_firstNoticeCounts() {
    var log = new TestLog();
    log.launch("A", "launch-1", "2024-03-01T06:00:00Z", "2024-02-20T00:00:00Z");
    log.launch("A", "launch-1", "2024-03-03T06:00:00Z", "2024-03-03T00:00:00Z");
    assertThat(findings(log.replay(treaty), "2024-04-01T00:00:00Z")).isEmpty();
  }

  @Test
  void inferredMissing_statusChangeBetweenDeclarationsWithoutNotification() {
    var log = new TestLog();
    long first =
        log.declare("A", "2022-03-01", "2022-03-02T00:00:00Z", missile("M-1", "non-deployed", 0));
    long second =
        log.declare("A", "2022-09-01", "2022-09-02T00:00:00Z", missile("M-1", "deployed", 1));
    var e = log.replay(treaty);
    assertThat(findings(e, "2022-09-02T00:00:00Z")).isEmpty();
    assertThat(findings(e, "2022-09-05T23:59:59Z"))
        .extracting(NotificationFinding::duty)
        .containsExactly("missile-reload");
    var f = findings(e, "2022-09-06T00:00:01Z");
    assertThat(f)
        .anySatisfy(
            n -> {
              assertThat(n.trigger()).isEqualTo("inferred");
              assertThat(n.duty()).isEqualTo("status-change");
              assertThat(n.status()).isEqualTo("missing");
              assertThat(n.deadline()).isEqualTo(t("2022-09-06T00:00:00Z"));
              assertThat(n.evidence()).containsExactly(first, second);
            });
    // The warheads also changed, which triggers the reload duty too.
    assertThat(f)
        .extracting(NotificationFinding::duty)
        .containsExactlyInAnyOrder("status-change", "missile-reload");
  }

  @Test
  void inferred_notifiedChange_noFinding() {
    var log = new TestLog();
    log.declare("A", "2022-03-01", "2022-03-02T00:00:00Z", missile("M-1", "non-deployed", 0));
    log.change(
        "A",
        "deploy",
        "M-1",
        "missile",
        "2022-04-01T00:00:00Z",
        "2022-04-02T00:00:00Z",
        "deployed",
        "site-1",
        Map.of("warheads", 1L));
    log.declare("A", "2022-09-01", "2022-09-02T00:00:00Z", missile("M-1", "deployed", 1));
    var report = log.replay(treaty).reportAt(d("2022-12-31"));
    assertThat(report.notifications()).isEmpty();
    assertThat(report.discrepancies()).isEmpty();
  }

  private ComplianceEngine exchangeIssuedAt(String issued) {
    var log = new TestLog();
    log.exchange("A", "2022-03-01", issued, Map.of("delivery-vehicles", 5L, "warheads", 9L));
    return log.replay(treaty);
  }

  private static DataExchangeFinding exchangeOf(ComplianceReport r, String party, String asOf) {
    return r.dataExchanges().stream()
        .filter(x -> x.party().equals(party) && x.asOf().equals(d(asOf)))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void dataExchange_dueWithinP30D_lastHourOfTheDueDayIsOnTime() {
    var r = exchangeIssuedAt("2022-03-31T23:30:00Z").reportAt(d("2022-04-30"));
    var x = exchangeOf(r, "A", "2022-03-01");
    assertThat(x.deadline()).isEqualTo(t("2022-03-31T23:59:59Z"));
    assertThat(x.status()).isEqualTo("on-time");
  }

  @Test
  void dataExchange_theNextDay_isLate() {
    var r = exchangeIssuedAt("2022-04-01T00:00:00Z").reportAt(d("2022-04-30"));
    assertThat(exchangeOf(r, "A", "2022-03-01").status()).isEqualTo("late");
  }

  @Test
  void dataExchange_pendingBeforeItsDeadline_missingAfter() {
    var e = new TestLog().replay(treaty);
    assertThat(exchangeOf(e.reportAt(d("2022-03-31")), "B", "2022-03-01").status())
        .isEqualTo("pending");
    assertThat(exchangeOf(e.reportAt(t("2022-04-01T00:00:00Z")), "B", "2022-03-01").status())
        .isEqualTo("missing");
    assertThat(e.reportAt(d("2022-02-28")).dataExchanges())
        .noneMatch(x -> x.asOf().equals(d("2022-03-01")));
  }

  @Test
  void dataExchange_leapDayOneOff_dueTheNextDay() {
    var log = new TestLog();
    log.exchange("A", "2024-02-29", "2024-03-01T23:59:59Z", Map.of());
    log.exchange("B", "2024-02-29", "2024-03-02T00:00:00Z", Map.of());
    var r = log.replay(treaty).reportAt(d("2024-03-10"));
    DataExchangeFinding a =
        r.dataExchanges().stream()
            .filter(x -> x.party().equals("A") && x.exchange().equals("leap-day"))
            .findFirst()
            .orElseThrow();
    assertThat(a.deadline()).isEqualTo(t("2024-03-01T23:59:59Z"));
    assertThat(a.status()).isEqualTo("on-time");
    assertThat(r.dataExchanges())
        .anySatisfy(
            x -> {
              assertThat(x.party()).isEqualTo("B");
              assertThat(x.exchange()).isEqualTo("leap-day");
              assertThat(x.status()).isEqualTo("late");
            });
    // Party C joins in 2022; observers owe nothing.
    assertThat(r.dataExchanges()).noneMatch(x -> x.party().equals("O"));
    assertThat(r.dataExchanges())
        .noneMatch(x -> x.party().equals("C") && x.asOf().isBefore(d("2022-01-01")));
  }

  @Test
  void dataExchange_completeDeclarationForTheDate_fulfilsIt() {
    var log = new TestLog();
    log.declare("A", "2022-09-01", "2022-09-10T00:00:00Z", missile("M-1", "deployed", 1));
    var r = log.replay(treaty).reportAt(d("2022-12-31"));
    assertThat(exchangeOf(r, "A", "2022-09-01").status()).isEqualTo("on-time");
  }
}
