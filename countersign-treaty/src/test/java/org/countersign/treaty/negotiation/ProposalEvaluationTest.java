package org.countersign.treaty.negotiation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.countersign.treaty.compliance.ComplianceEngine;
import org.countersign.treaty.compliance.ComplianceReport;
import org.countersign.treaty.compliance.DeclaredForces;
import org.countersign.treaty.history.DemoInventory;
import org.countersign.treaty.history.NewStartHistory;
import org.countersign.treaty.loader.TreatyLoader;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.negotiation.ProposalEvaluation.Ask;
import org.countersign.treaty.statement.DeclaredItem;
import org.countersign.treaty.statement.Dispute;
import org.countersign.treaty.statement.LoggedStatement;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProposalEvaluationTest {
  static final LocalDate DAY = LocalDate.parse("2021-09-01");
  static final Instant AT = Instant.parse("2021-12-31T23:59:59Z");
  static Treaty newStart;
  static String newStartText;
  static List<LoggedStatement<?>> log;

  @BeforeAll
  static void load() throws Exception {
    newStart = TreatyLoader.builtIn("new-start");
    try (InputStream in = TreatyLoader.class.getResourceAsStream("/treaties/new-start.yaml")) {
      newStartText = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    log = DemoInventory.newStartLog(newStart, NewStartHistory.load(), 7);
  }

  static ProposalEvaluation evaluate(Treaty proposal, List<LoggedStatement<?>> entries) {
    ComplianceEngine engine = ComplianceEngine.replay(newStart, entries);
    Map<String, DeclaredForces> declared = engine.declaredForcesAt(AT);
    return ProposalEvaluation.of(
        proposal, DAY, "test log", ForceSources.choose(proposal, newStart, declared, Map.of()));
  }

  @Test
  void treatyInForce_asProposal_asksNothingOfAnyone() {
    ProposalEvaluation e = evaluate(newStart, log);

    assertThat(e.asks()).hasSize(6);
    assertThat(e.asks()).allSatisfy(a -> assertThat(a.reduction()).isZero());
    assertThat(e.reciprocity())
        .first()
        .isEqualTo("The proposal asks no reduction of any party with figures.");
    assertThat(e.parties())
        .extracting(ProposalEvaluation.PartyBasis::source)
        .containsOnly("declared");
  }

  @Test
  void loweringOneLimit_asksExactlyTheExcessOfEachPartyAboveIt() throws Exception {
    ComplianceReport report = ComplianceEngine.replay(newStart, log).reportAt(AT);
    long ceiling = 1400;
    Treaty lower =
        TreatyLoader.parse(
            "lower.yaml",
            newStartText.replace("    value: 1550\n", "    value: " + ceiling + "\n"));

    ProposalEvaluation e = evaluate(lower, log);

    for (String party : List.of("US", "RU")) {
      long total =
          Objects.requireNonNull(
              report.parties().stream()
                  .filter(p -> p.party().equals(party))
                  .flatMap(p -> p.limits().stream())
                  .filter(l -> l.limit().equals("deployed-warheads"))
                  .findFirst()
                  .orElseThrow()
                  .total(),
              "the report has a deployed-warheads total for " + party);
      Ask ask = ask(e, party, "deployed-warheads");
      assertThat(ask.counted()).isEqualTo(total);
      assertThat(ask.reduction()).isEqualTo(Math.max(0, total - ceiling));
      assertThat(ask(e, party, "deployed-delivery-vehicles").reduction()).isZero();
      assertThat(ask(e, party, "launchers").reduction()).isZero();
    }
    assertThat(e.asks())
        .filteredOn(a -> Objects.requireNonNullElse(a.reduction(), 0L) > 0)
        .isNotEmpty();
  }

  @Test
  void disputedCount_givesOneFigurePerReading() {
    ComplianceEngine engine = ComplianceEngine.replay(newStart, log);
    DeclaredForces us =
        Objects.requireNonNull(engine.declaredForcesAt(AT).get("US"), "the US declared forces");
    List<String> converted =
        us.items().stream()
            .filter(i -> i.status().equals("converted"))
            .map(DeclaredItem::id)
            .limit(4)
            .toList();
    assertThat(converted).isNotEmpty();
    var disputed = new ArrayList<>(log);
    disputed.add(
        new LoggedStatement<>(
            log.get(log.size() - 1).index() + 1,
            new Dispute(
                "new-start",
                "RU",
                Instant.parse("2021-10-01T00:00:00Z"),
                "US",
                converted,
                "converted",
                "non-deployed",
                Map.of(),
                "conversions cannot be confirmed")));

    ProposalEvaluation e = evaluate(newStart, disputed);

    Ask launchers = ask(e, "US", "launchers");
    assertThat(launchers.readings())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.reader()).isEqualTo("RU");
              assertThat(r.counted())
                  .isEqualTo(
                      Objects.requireNonNull(launchers.counted(), "launchers counted")
                          + converted.size());
              assertThat(r.evidence()).containsExactly(disputed.get(disputed.size() - 1).index());
            });
    assertThat(ask(e, "RU", "launchers").readings()).isEmpty();
    assertThat(e.toText()).contains("in RU's reading");
  }

  @Test
  void partyWithoutDeclarations_usesEstimates_orSaysUnknown() throws Exception {
    Treaty framework = TreatyLoader.builtIn("integrated-framework");
    ComplianceEngine engine = ComplianceEngine.replay(newStart, log);
    var cn =
        new PartyForces(
            "CN",
            "estimated",
            "2025",
            List.of(),
            List.of("a publication, 2025"),
            List.of(),
            List.of(new ForceGroup("icbm", "deployed", "", Map.of("warheads", 1L), 10)),
            Map.of(),
            Map.of(),
            java.util.Set.of());
    var forces =
        ForceSources.choose(framework, newStart, engine.declaredForcesAt(AT), Map.of("CN", cn));

    ProposalEvaluation e = ProposalEvaluation.of(framework, DAY, "test", forces);

    // The framework bounds China's warheads by a ceiling of its own.
    assertThat(ask(e, "CN", "china-deployed-warheads").counted()).isEqualTo(10);
    assertThat(e.asks())
        .noneMatch(a -> a.party().equals("CN") && a.limit().equals("deployed-warheads"));
    assertThat(Objects.requireNonNull(forces.get("US"), "US forces").notes())
        .anyMatch(n -> n.contains("interceptor"));
    assertThat(e.parties())
        .extracting(ProposalEvaluation.PartyBasis::source)
        .containsExactly("declared", "declared", "estimated");
    ProposalEvaluation none = ProposalEvaluation.of(framework, DAY, "test", Map.of());
    assertThat(none.asks()).allSatisfy(a -> assertThat(a.counted()).isNull());
    assertThat(none.canonicalJson())
        .isEqualTo(ProposalEvaluation.of(framework, DAY, "test", Map.of()).canonicalJson());
    assertThat(EvaluationHtml.of(e, List.of())).contains("<table>").doesNotContain("<script");
  }

  @Test
  void publishedEstimates_countChina_andMarkLowerBounds() throws Exception {
    Treaty framework = TreatyLoader.builtIn("integrated-framework");
    var posture = org.countersign.treaty.forces.ForcePostureLoader.builtIn();
    var estimated = EstimatedForces.of(posture, framework);
    ComplianceEngine engine = ComplianceEngine.replay(newStart, log);
    var forces = ForceSources.choose(framework, newStart, engine.declaredForcesAt(AT), estimated);

    ProposalEvaluation e = ProposalEvaluation.of(framework, DAY, "test", forces);

    Ask warheads = ask(e, "CN", "china-deployed-warheads");
    // 150 silo + 150 road-mobile ICBM warheads (the file's stated assumptions), one per missile
    assertThat(warheads.counted()).isGreaterThanOrEqualTo(300);
    assertThat(warheads.lowerBound()).isTrue();
    assertThat(e.parties().get(2).citations()).anyMatch(c -> c.contains("SIPRI"));
    assertThat(e.parties().get(2).notes())
        .anyMatch(n -> n.startsWith("assumption, not a published figure"));
    assertThat(Objects.requireNonNull(forces.get("US"), "US forces").source())
        .isEqualTo("declared+estimated");
    assertThat(ask(e, "US", "missile-defence-interceptors").counted()).isEqualTo(44);
  }

  @Test
  void categoryTheDeclarationsAreSilentOn_isAGap_notAZero() throws Exception {
    Treaty framework = TreatyLoader.builtIn("integrated-framework");
    var posture = org.countersign.treaty.forces.ForcePostureLoader.builtIn();
    var estimated = EstimatedForces.of(posture, framework);
    var items = new ArrayList<DeclaredItem>();
    for (int i = 0; i < 10; i++) {
      items.add(new DeclaredItem("M-" + i, "icbm", "deployed", "s", "", Map.of("warheads", 4L)));
    }
    var silent = new DeclaredForces("RU", DAY, items, List.of(1L), Map.of(), Map.of());

    var forces = ForceSources.choose(framework, framework, Map.of("RU", silent), estimated);
    ProposalEvaluation e = ProposalEvaluation.of(framework, DAY, "test", forces);

    // No bomber of any status in RU's declarations: the log does not say zero. The published
    // estimate has no bomber count either, so the warhead total is a lower bound, with the reason.
    var ru = forces.get("RU");
    assertThat(ru).isNotNull();
    assertThat(ru.source()).isEqualTo("declared+estimated");
    assertThat(ru.notes())
        .anyMatch(n -> n.contains("(a gap, not a declared zero)"))
        .anyMatch(n -> n.contains("heavy-bomber") && n.contains("lower bound"));
    assertThat(ask(e, "RU", "deployed-warheads").lowerBound()).isTrue();
    assertThat(ask(e, "RU", "deployed-warheads").counted()).isGreaterThanOrEqualTo(40);

    // Bombers declared, none deployed: a zero the log states; no longer a gap.
    var declaredZero = new ArrayList<>(items);
    declaredZero.add(new DeclaredItem("B-1", "heavy-bomber", "eliminated", "s", "", Map.of()));
    var stated = new DeclaredForces("RU", DAY, declaredZero, List.of(1L), Map.of(), Map.of());
    var forces2 = ForceSources.choose(framework, framework, Map.of("RU", stated), estimated);
    var ru2 = forces2.get("RU");
    assertThat(ru2).isNotNull();
    assertThat(ru2.notes()).noneMatch(n -> n.contains("heavy-bomber"));
    assertThat(ru2.incomplete()).doesNotContain("heavy-bomber");
  }

  @Test
  void preparedEngine_answersExactlyAsALazyOne() throws Exception {
    Treaty framework = TreatyLoader.builtIn("integrated-framework");
    var posture = org.countersign.treaty.forces.ForcePostureLoader.builtIn();
    ComplianceEngine prepared = ComplianceEngine.replay(newStart, log);
    var lazy = new ComplianceEngine(newStart);
    lazy.applyAll(log);

    assertThat(
            Evaluations.fromLog(framework, DAY, "o", prepared, posture)
                .evaluation()
                .canonicalJson())
        .isEqualTo(
            Evaluations.fromLog(framework, DAY, "o", lazy, posture).evaluation().canonicalJson());
    assertThat(prepared.reportAt(DAY).canonicalJson())
        .isEqualTo(lazy.reportAt(DAY).canonicalJson());
    // Preparing again after more entries keeps the answers in step with the log.
    prepared.prepare();
    assertThat(prepared.declaredForcesAt(AT)).isEqualTo(lazy.declaredForcesAt(AT));
  }

  static Ask ask(ProposalEvaluation e, String party, String limit) {
    return e.asks().stream()
        .filter(a -> a.party().equals(party) && a.limit().equals(limit))
        .findFirst()
        .orElseThrow();
  }
}
