package org.countersign.treaty.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.countersign.treaty.inspection.InspectionFixtures.RU;
import static org.countersign.treaty.inspection.InspectionFixtures.T0;
import static org.countersign.treaty.inspection.InspectionFixtures.TREATY;
import static org.countersign.treaty.inspection.InspectionFixtures.US;

import java.util.List;
import java.util.Map;
import org.countersign.treaty.inspection.InspectionException.Reason;
import org.countersign.treaty.statement.InspectionFinding;
import org.countersign.treaty.statement.InspectionReport;
import org.junit.jupiter.api.Test;

class InspectionBookTest {
  private static final Map<String, Integer> QUOTAS = Map.of("type-one", 10, "type-two", 8);

  private static InspectionReport report(String requestId, String author, String site) {
    return report(requestId, author, site, T0.plusSeconds(6 * 3600));
  }

  private static InspectionReport report(
      String requestId, String author, String site, java.time.Instant at) {
    return new InspectionReport(
        TREATY,
        author,
        at,
        requestId,
        RU,
        site,
        "",
        List.of(
            new InspectionFinding(
                "rs-24-01", "icbm", "deployed", Map.of("reentry-vehicles", 4L), true)));
  }

  @Test
  void apply_fullInspection_requestDrawReport() throws Exception {
    var book = new InspectionBook(TREATY, QUOTAS, ForfeitRule.REVEALED_VALUES_DECIDE);
    var request = InspectionFixtures.request("req-1", "type-one", 16);
    byte[] us = new byte[32];
    byte[] ru = new byte[32];
    ru[0] = 7;
    book.apply(request);
    book.apply(RandomnessCommitments.commit(TREATY, US, T0.plusSeconds(60), "req-1", us));
    book.apply(RandomnessCommitments.commit(TREATY, RU, T0.plusSeconds(90), "req-1", ru));
    book.apply(RandomnessCommitments.reveal(TREATY, RU, T0.plusSeconds(7300), "req-1", ru));
    book.apply(RandomnessCommitments.reveal(TREATY, US, T0.plusSeconds(7400), "req-1", us));
    book.apply(report("req-1", US, "kozelsk"));
    assertThat(book.quotas().used(US, "type-one", 16)).isEqualTo(1);
    assertThat(book.outcomes(T0.plusSeconds(7400)).get("req-1"))
        .isInstanceOf(DrawOutcome.Drawn.class);
    assertThat(book.reports()).hasSize(1);
    assertThat(book.delaySummary(T0.plusSeconds(99_999))).isEmpty();
  }

  @Test
  void apply_badStatements_refusedAndNothingWritten() throws Exception {
    var book = new InspectionBook(TREATY, QUOTAS, ForfeitRule.REVEALED_VALUES_DECIDE);
    assertThatThrownBy(
            () -> book.apply(RandomnessCommitments.commit(TREATY, US, T0, "req-9", new byte[32])))
        .isInstanceOfSatisfying(
            InspectionException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.UNKNOWN_REQUEST))
        .hasMessage(
            "unknown inspection request req-9: no request with that id was admitted (a randomness-commit follows its request)");
    book.apply(InspectionFixtures.request("req-1", "type-one", 16));
    assertThatThrownBy(() -> book.apply(report("req-1", US, "kozelsk", T0.plusSeconds(3600))))
        .isInstanceOfSatisfying(
            InspectionException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.REPORT_MISMATCH))
        .hasMessage(
            "request req-1 has no decided object at 2026-05-04T10:00:00Z (pending), so it cannot be reported on");
    assertThatThrownBy(() -> book.apply(report("req-1", RU, "kozelsk")))
        .hasMessage("russia cannot report on request req-1, made by united-states");
    assertThatThrownBy(() -> book.apply(report("req-1", US, "yasny")))
        .hasMessage(
            "the report on request req-1 is about russia at yasny, but the request named russia at kozelsk");
    assertThat(book.reports()).isEmpty();
  }

  @Test
  void check_everyKindOfStatement_refusesLikeApplyButChangesNothing() throws Exception {
    var book = new InspectionBook(TREATY, QUOTAS, ForfeitRule.REVEALED_VALUES_DECIDE);
    var request = InspectionFixtures.request("req-1", "type-one", 16);
    book.check(request);
    assertThat(book.draw("req-1")).isEmpty();
    book.apply(request);
    byte[] us = new byte[32];
    var commit = RandomnessCommitments.commit(TREATY, US, T0.plusSeconds(60), "req-1", us);
    book.check(commit);
    book.apply(commit);
    assertThatThrownBy(() -> book.check(commit))
        .isInstanceOfSatisfying(
            InspectionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SECOND_COMMIT));
    book.apply(RandomnessCommitments.commit(TREATY, RU, T0.plusSeconds(61), "req-1", us));
    var reveal = RandomnessCommitments.reveal(TREATY, US, T0.plusSeconds(7300), "req-1", us);
    book.check(reveal);
    assertThat(book.outcomes(T0.plusSeconds(7300)).get("req-1"))
        .isInstanceOf(DrawOutcome.Pending.class);
    book.apply(reveal);
    assertThatThrownBy(() -> book.check(reveal))
        .isInstanceOfSatisfying(
            InspectionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.SECOND_REVEAL))
        .hasMessage(
            "united-states already revealed its random value for request req-1; a second reveal is refused");
    for (int i = 2; i <= 10; i++) {
      book.apply(InspectionFixtures.request("req-" + i, "type-one", 16));
    }
    assertThatThrownBy(() -> book.check(InspectionFixtures.request("req-11", "type-one", 16)))
        .isInstanceOfSatisfying(
            InspectionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.OVER_QUOTA));
    assertThat(book.quotas().refused(US, "type-one", 16)).isZero();
    assertThat(book.quotas().used(US, "type-one", 16)).isEqualTo(10);
  }

  @Test
  void of_treatyWithDrawRules_requestMustCarryTheTreatyDeadlines() throws Exception {
    var treaty = org.countersign.treaty.TestTreaties.newStart();
    var book = InspectionBook.of(treaty);
    assertThat(book.rule()).isEqualTo(ForfeitRule.INSPECTING_PARTY_CHOOSES);
    var wrong =
        new org.countersign.treaty.statement.InspectionRequest(
            "new-start",
            "US",
            T0,
            "r-1",
            "type-one",
            16,
            "RU",
            "kozelsk",
            InspectionFixtures.CHECKPOINT,
            "",
            700,
            1,
            T0.plusSeconds(3600),
            T0.plusSeconds(7200));
    assertThatThrownBy(() -> book.check(wrong))
        .isInstanceOfSatisfying(
            InspectionException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_DEADLINES))
        .hasMessage(
            "request r-1 issued at 2026-05-04T09:00:00Z must have commitBy 2026-05-04T21:00:00Z"
                + " (issuedAt + PT12H) and revealBy 2026-05-05T09:00:00Z (commitBy + PT12H) under the treaty's"
                + " draw rules, got commitBy 2026-05-04T10:00:00Z and revealBy 2026-05-04T11:00:00Z");
    assertThatThrownBy(() -> book.apply(wrong)).isInstanceOf(InspectionException.class);
    assertThat(book.quotas().used("US", "type-one", 16)).isZero();
    assertThat(book.quotas().refused("US", "type-one", 16)).isZero();
    book.apply(
        new org.countersign.treaty.statement.InspectionRequest(
            "new-start",
            "US",
            T0,
            "r-1",
            "type-one",
            16,
            "RU",
            "kozelsk",
            InspectionFixtures.CHECKPOINT,
            "",
            700,
            1,
            T0.plusSeconds(12 * 3600),
            T0.plusSeconds(24 * 3600)));
    assertThat(book.quotas().used("US", "type-one", 16)).isEqualTo(1);
  }

  @Test
  void forfeitRule_of_treatyWithoutDrawRules_revealedValuesDecide() {
    var treaty = org.countersign.treaty.TestTreaties.newStart();
    assertThat(ForfeitRule.of(treaty)).isEqualTo(ForfeitRule.INSPECTING_PARTY_CHOOSES);
    String text =
        org.countersign.treaty.TestTreaties.text("test-treaty.yaml")
            .replaceAll("(?s)  draw:\n.*?forfeit: inspecting-party-chooses\n", "");
    var bare = org.countersign.treaty.TestTreaties.parse("bare.yaml", text);
    assertThat(bare.drawRules()).isEmpty();
    assertThat(ForfeitRule.of(bare)).isEqualTo(ForfeitRule.REVEALED_VALUES_DECIDE);
  }

  @Test
  void delaySummary_namesWhoDelayed() throws Exception {
    var book = new InspectionBook(TREATY, QUOTAS, ForfeitRule.INSPECTING_PARTY_CHOOSES);
    book.apply(InspectionFixtures.request("req-1", "type-one", 16));
    book.apply(RandomnessCommitments.commit(TREATY, US, T0.plusSeconds(60), "req-1", new byte[32]));
    assertThat(book.delaySummary(T0.plusSeconds(99_999)))
        .containsExactly(
            "request req-1: united-states missed its reveal",
            "request req-1: russia missed its commit");
    assertThat(book.outcomes(T0.plusSeconds(99_999)).get("req-1"))
        .isInstanceOf(DrawOutcome.InspectingPartyChooses.class);
    book.apply(report("req-1", US, "kozelsk")); // the inspecting party chose the object itself
    assertThat(book.reports()).hasSize(1);
  }
}
