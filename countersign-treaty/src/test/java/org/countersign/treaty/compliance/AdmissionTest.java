package org.countersign.treaty.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.countersign.treaty.compliance.TestLog.d;
import static org.countersign.treaty.compliance.TestLog.t;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.countersign.treaty.TestTreaties;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.ChangeNotification;
import org.countersign.treaty.statement.DataExchangeUpdate;
import org.countersign.treaty.statement.Declaration;
import org.countersign.treaty.statement.DeclaredItem;
import org.countersign.treaty.statement.Dispute;
import org.countersign.treaty.statement.EscrowCommitment;
import org.countersign.treaty.statement.EscrowReveal;
import org.countersign.treaty.statement.EscrowTotal;
import org.countersign.treaty.statement.InspectionFinding;
import org.countersign.treaty.statement.InspectionReport;
import org.countersign.treaty.statement.InspectionRequest;
import org.countersign.treaty.statement.InvalidStatementException;
import org.countersign.treaty.statement.LaunchNotification;
import org.countersign.treaty.statement.LoggedStatement;
import org.countersign.treaty.statement.PartyKeyRegistration;
import org.countersign.treaty.statement.RevealSelection;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.TreatyAdoption;
import org.countersign.treaty.statement.Withdrawal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Statements that are well formed but do not fit the treaty are refused with the reason. */
class AdmissionTest {
  private static final Treaty TREATY = TestTreaties.testTreaty();
  private static final String TR = "test-treaty";

  private static Declaration declare(DeclaredItem item) {
    return new Declaration(
        TR, "A", t("2022-03-02T00:00:00Z"), d("2022-03-01"), 1, 1, List.of(item));
  }

  private static ChangeNotification change(
      String kind,
      String item,
      String category,
      String status,
      String site,
      String zone,
      Map<String, Long> attrs) {
    return new ChangeNotification(
        TR,
        "A",
        t("2022-03-02T00:00:00Z"),
        kind,
        item,
        category,
        t("2022-03-01T00:00:00Z"),
        status,
        site,
        zone,
        attrs);
  }

  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of(
            new Withdrawal("other-treaty", "A", t("2022-01-01T00:00:00Z"), "x"),
            "names treaty \"other-treaty\""),
        Arguments.of(
            new Withdrawal(TR, "Z", t("2022-01-01T00:00:00Z"), "x"),
            "author \"Z\" is not a participant"),
        Arguments.of(
            new Withdrawal(TR, "O", t("2022-01-01T00:00:00Z"), "x"),
            "is for parties; O is observer"),
        Arguments.of(
            declare(new DeclaredItem("M-1", "rocket", "deployed", "s", "", Map.of())),
            "\"rocket\" is not a category"),
        Arguments.of(
            declare(
                new DeclaredItem("M-1", "missile", "converted", "s", "", Map.of("warheads", 1L))),
            "\"converted\" is not a status of missile"),
        Arguments.of(
            declare(
                new DeclaredItem("X-1", "missile", "deployed", "s", "", Map.of("warheads", 1L))),
            "id does not match the missile identifier pattern"),
        Arguments.of(
            declare(
                new DeclaredItem("M-1", "missile", "deployed", "s", "", Map.of("warheads", 11L))),
            "warheads must be 0..10, got 11"),
        Arguments.of(
            declare(new DeclaredItem("M-1", "missile", "deployed", "s", "", Map.of())),
            "missile requires warheads"),
        Arguments.of(
            declare(
                new DeclaredItem(
                    "M-1", "missile", "deployed", "s", "", Map.of("warheads", 1L, "yield", 5L))),
            "missile has no attribute \"yield\""),
        Arguments.of(
            declare(new DeclaredItem("I-1", "interceptor", "deployed", "s", "mars", Map.of())),
            "\"mars\" is not a zone"),
        Arguments.of(
            change("teleport", "M-1", "missile", "deployed", "s", "", Map.of()),
            "\"teleport\" is not a change kind"),
        Arguments.of(
            change("deploy", "M-1", "missile", "non-deployed", "s", "", Map.of()),
            "leads to [deployed], not to \"non-deployed\""),
        Arguments.of(
            change("deploy", "M-1", "missile", "deployed", "", "", Map.of()),
            "site is required by duty status-change"),
        Arguments.of(
            change("move", "I-1", "interceptor", "deployed", "s", "region", Map.of()),
            "does not change status"),
        Arguments.of(
            change("move", "I-1", "interceptor", "", "s", "", Map.of()),
            "zone is required by duty interceptor-movement"),
        Arguments.of(
            change("reload", "M-1", "missile", "", "", "", Map.of()), "states the new attributes"),
        Arguments.of(
            change("new-item", "M-1", "missile", "deployed", "s", "", Map.of()),
            "a new missile states warheads"),
        Arguments.of(
            new LaunchNotification(
                TR,
                "A",
                t("2022-03-02T00:00:00Z"),
                "l-1",
                "missile",
                "",
                t("2022-03-05T00:00:00Z"),
                "",
                "area"),
            "launchArea is required by duty launch"),
        Arguments.of(
            new DataExchangeUpdate(
                TR, "A", t("2022-03-02T00:00:00Z"), d("2022-03-01"), Map.of("warheads", 1L)),
            "totals lacks delivery-vehicles"),
        Arguments.of(
            new DataExchangeUpdate(
                TR, "A", t("2022-03-02T00:00:00Z"), d("2022-02-01"), Map.of("throw-weight", 1L)),
            "unknown limit \"throw-weight\""),
        Arguments.of(
            new Dispute(
                TR,
                "A",
                t("2022-03-02T00:00:00Z"),
                "O",
                List.of("M-1"),
                "deployed",
                "test",
                Map.of(),
                "x"),
            "respondent O is observer, not a party"),
        Arguments.of(
            new Dispute(
                TR,
                "A",
                t("2022-03-02T00:00:00Z"),
                "B",
                List.of("M-1"),
                "deployed",
                "retired",
                Map.of(),
                "x"),
            "\"retired\" is not a status"),
        Arguments.of(
            commitment(new EscrowTotal("rocket", "deployed", 1, Map.of())),
            "totals[0] (rocket/deployed).category: \"rocket\" is not a category"),
        Arguments.of(
            commitment(new EscrowTotal("missile", "converted", 1, Map.of())),
            "totals[0] (missile/converted).status: \"converted\" is not a status of missile"),
        Arguments.of(
            commitment(new EscrowTotal("missile", "deployed", 1, Map.of("reentry-vehicles", 4L))),
            "totals[0] (missile/deployed).attributeSums: missile has no attribute \"reentry-vehicles\""),
        Arguments.of(
            new EscrowReveal(
                TR,
                "A",
                t("2022-03-02T00:00:00Z"),
                "ab".repeat(32),
                RevealSelection.zone("mars"),
                1,
                1,
                List.of()),
            "selection.value: \"mars\" is not a zone"),
        Arguments.of(report("O", List.of()), "inspectedParty O is observer, not a party"),
        Arguments.of(
            report(
                "B",
                List.of(
                    new InspectionFinding(
                        "M-1", "missile", "", Map.of("reentry-vehicles", 4L), true))),
            "findings[0] (M-1).observed: missile has no attribute \"reentry-vehicles\""),
        Arguments.of(
            report("B", List.of(new InspectionFinding("M-1", "", "retired", Map.of(), true))),
            "findings[0] (M-1).status: \"retired\" is not a status"),
        Arguments.of(
            new InspectionRequest(
                TR,
                "A",
                t("2019-12-01T00:00:00Z"),
                "r-1",
                "type-one",
                1,
                "B",
                "site-1",
                EscrowLog.CHECKPOINT,
                "",
                5,
                1,
                t("2019-12-01T12:00:00Z"),
                t("2019-12-02T00:00:00Z")),
            "when the treaty is not in force"));
  }

  private static EscrowCommitment commitment(EscrowTotal total) {
    return new EscrowCommitment(
        TR,
        "A",
        t("2022-03-02T00:00:00Z"),
        d("2022-03-01"),
        "cd".repeat(32),
        1,
        List.of(total),
        "");
  }

  private static InspectionReport report(String inspected, List<InspectionFinding> findings) {
    return new InspectionReport(
        TR, "A", t("2022-03-02T00:00:00Z"), "r-1", inspected, "site-1", "", findings);
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("refused")
  void check_statementNotFittingTheTreaty_refusedNamingTheProblem(Statement s, String reason) {
    assertThatThrownBy(() -> Admission.check(TREATY, s))
        .isInstanceOf(InvalidStatementException.class)
        .hasMessageStartingWith(s.kind() + ": ")
        .hasMessageContaining(reason);
  }

  @Test
  void check_wellFormedStatements_admitted() {
    assertThatCode(
            () -> {
              Admission.check(
                  TREATY,
                  new PartyKeyRegistration(
                      TR,
                      "O",
                      t("2022-01-01T00:00:00Z"),
                      "O+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k"));
              Admission.check(
                  TREATY, new TreatyAdoption(TR, "O", t("2022-01-01T00:00:00Z"), TREATY.digest()));
              Admission.check(
                  TREATY, change("move", "I-1", "interceptor", "", "s", "region", Map.of()));
              Admission.check(
                  TREATY,
                  declare(new DeclaredItem("B-1", "bomber", "deployed", "s", "", Map.of())));
            })
        .doesNotThrowAnyException();
  }

  @Test
  void replay_inadmissibleEntry_isListedNotSilentlyDropped() {
    var log = new TestLog();
    log.add(new Withdrawal(TR, "O", t("2022-01-01T00:00:00Z"), "observers cannot withdraw"));
    var r = log.replay(TREATY).reportAt(d("2022-02-01"));
    assertThat(r.inadmissible())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.index()).isZero();
              assertThat(x.kind()).isEqualTo("withdrawal");
              assertThat(x.reason()).contains("is for parties");
            });
    assertThat(r.entries()).isEqualTo(1);
    assertThat(DatesTest.party(r, "O").withdrawalEffective()).isNull();
  }

  @Test
  void apply_outOfOrderIndex_throws() {
    var e = new ComplianceEngine(TREATY);
    e.apply(new LoggedStatement<>(5, new Withdrawal(TR, "A", t("2022-01-01T00:00:00Z"), "x")));
    assertThatThrownBy(
            () ->
                e.apply(
                    new LoggedStatement<>(
                        5, new Withdrawal(TR, "A", t("2022-01-01T00:00:00Z"), "x"))))
        .hasMessageContaining("log order");
  }
}
