package org.countersign.treaty.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.treaty.compliance.EscrowLog.missile;
import static org.countersign.treaty.compliance.TestLog.TREATY;
import static org.countersign.treaty.compliance.TestLog.d;
import static org.countersign.treaty.compliance.TestLog.t;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.countersign.treaty.compliance.ComplianceReport.Discrepancy;
import org.countersign.treaty.escrow.EscrowDeclaration;
import org.countersign.treaty.statement.ChangeNotification;
import org.countersign.treaty.statement.EscrowCommitment;
import org.countersign.treaty.statement.EscrowReveal;
import org.countersign.treaty.statement.EscrowTotal;
import org.countersign.treaty.statement.InspectionFinding;
import org.countersign.treaty.statement.RevealSelection;
import org.countersign.treaty.statement.RevealedItem;
import org.junit.jupiter.api.Test;

/** Escrow findings become discrepancies of the compliance report, with their evidence. */
class EscrowComplianceTest {
  private static List<Discrepancy> discrepancies(EscrowLog log, String day) {
    return log.replay().reportAt(d(day)).discrepancies();
  }

  private static EscrowDeclaration fiveMissiles(EscrowLog log) {
    return log.declaration(
        missile("M-1", "deployed", "site-1", 2),
        missile("M-2", "deployed", "site-1", 3),
        missile("M-3", "deployed", "site-2", 4),
        missile("M-4", "non-deployed", "site-2", 0),
        missile("M-5", "deployed", "site-3", 1));
  }

  /** Five missiles at one site, so that whichever the draw designates is at the inspected site. */
  private static EscrowDeclaration oneSite(EscrowLog log) {
    return log.declaration(
        missile("M-1", "deployed", "site-1", 2),
        missile("M-2", "deployed", "site-1", 3),
        missile("M-3", "deployed", "site-1", 4),
        missile("M-4", "non-deployed", "site-1", 0),
        missile("M-5", "deployed", "site-1", 1));
  }

  @Test
  void reportAt_honestCommitmentAndReveals_noDiscrepancyNothingInadmissible() {
    var log = new EscrowLog();
    EscrowDeclaration d = fiveMissiles(log);
    log.commit("B", d, "2022-03-01", "2022-03-10T00:00:00Z", "");
    log.reveal("B", d, RevealSelection.site("site-1"), "2022-03-11T00:00:00Z");
    log.reveal("B", d, RevealSelection.category("missile"), "2022-03-12T00:00:00Z");
    var report = log.replay().reportAt(d("2022-04-01"));
    assertThat(report.discrepancies()).isEmpty();
    assertThat(report.inadmissible()).isEmpty();
  }

  @Test
  void reportAt_revealContradictingItsCommitment_invalidRevealWithEntries() {
    var log = new EscrowLog();
    EscrowDeclaration d = fiveMissiles(log);
    long c = log.commit("B", d, "2022-03-01", "2022-03-10T00:00:00Z", "");
    EscrowReveal honest =
        d.revealItems(TREATY, "B", t("2022-03-11T00:00:00Z"), List.of("M-1")).get(0);
    RevealedItem i = honest.items().get(0);
    var altered =
        new RevealedItem(
            i.id(),
            i.category(),
            i.status(),
            i.site(),
            i.zone(),
            Map.of("warheads", 1L),
            i.salt(),
            i.leafIndex(),
            i.proof());
    long r =
        log.log.add(
            new EscrowReveal(
                TREATY,
                "B",
                honest.issuedAt(),
                honest.commitmentRoot(),
                honest.selection(),
                1,
                1,
                List.of(altered)));
    assertThat(discrepancies(log, "2022-03-10")).isEmpty();
    assertThat(discrepancies(log, "2022-03-11"))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.kind()).isEqualTo("escrow-invalid-reveal");
              assertThat(x.party()).isEqualTo("B");
              assertThat(x.item()).isEqualTo("M-1");
              assertThat(x.date()).isEqualTo(d("2022-03-11"));
              assertThat(x.evidence()).containsExactly(c, r);
              assertThat(x.detail()).contains("does not open the commitment of entry " + c);
            });
  }

  @Test
  void reportAt_completeCategoryRevealContradictsPublishedTotals_totalsContradicted() {
    var log = new EscrowLog();
    EscrowDeclaration d = fiveMissiles(log);
    EscrowCommitment honest =
        d.commitment(TREATY, "B", t("2022-03-10T00:00:00Z"), d("2022-03-01"), "");
    // The published totals understate the deployed missiles' warheads: 9 declared, 10 carried.
    var totals = new ArrayList<EscrowTotal>();
    for (EscrowTotal x : honest.totals()) {
      totals.add(
          x.status().equals("deployed")
              ? new EscrowTotal(x.category(), x.status(), x.items(), Map.of("warheads", 9L))
              : x);
    }
    long c =
        log.log.add(
            new EscrowCommitment(
                TREATY,
                "B",
                honest.issuedAt(),
                honest.asOf(),
                honest.root(),
                honest.itemCount(),
                totals,
                ""));
    long r = log.reveal("B", d, RevealSelection.category("missile"), "2022-03-12T00:00:00Z");
    assertThat(discrepancies(log, "2022-04-01"))
        .filteredOn(x -> x.kind().equals("escrow-totals-contradicted"))
        .isNotEmpty()
        .allSatisfy(x -> assertThat(x.evidence()).contains(c, r))
        .anySatisfy(
            x ->
                assertThat(x.detail())
                    .contains(
                        "carry 10 warheads but the commitment of entry " + c + " declares 9"));
  }

  @Test
  void reportAt_successiveDeclarations_unexplainedMoveUnlessNotified() {
    for (boolean notified : new boolean[] {false, true}) {
      var log = new EscrowLog();
      EscrowDeclaration d1 =
          log.declaration(
              missile("M-1", "deployed", "site-1", 2), missile("M-2", "deployed", "site-1", 3));
      EscrowDeclaration d2 =
          log.declaration(
              missile("M-1", "deployed", "site-2", 2), missile("M-2", "deployed", "site-1", 3));
      long c1 = log.commit("B", d1, "2022-03-01", "2022-03-10T00:00:00Z", "");
      log.revealItems("B", d1, "2022-03-11T00:00:00Z", "M-1");
      if (notified) {
        log.log.add(
            new ChangeNotification(
                TREATY,
                "B",
                t("2022-05-02T00:00:00Z"),
                "move",
                "M-1",
                "missile",
                t("2022-05-01T00:00:00Z"),
                "",
                "site-2",
                "",
                Map.of()));
      }
      long c2 = log.commit("B", d2, "2022-09-01", "2022-09-10T00:00:00Z", d1.root().hex());
      log.revealItems("B", d2, "2022-09-11T00:00:00Z", "M-1");
      var found = discrepancies(log, "2022-10-01");
      if (notified) {
        assertThat(found).isEmpty();
      } else {
        assertThat(found)
            .singleElement()
            .satisfies(
                x -> {
                  assertThat(x.kind()).isEqualTo("escrow-unexplained-change");
                  assertThat(x.item()).isEqualTo("M-1");
                  assertThat(x.detail()).contains("moved from site-1 to site-2");
                  assertThat(x.evidence()).contains(c1, c2);
                  assertThat(x.date()).isEqualTo(d("2022-09-11"));
                });
      }
    }
  }

  @Test
  void reportAt_declarationNotNamingItsPredecessor_unlinked() {
    var log = new EscrowLog();
    EscrowDeclaration d1 = fiveMissiles(log);
    EscrowDeclaration d2 = fiveMissiles(log);
    long c1 = log.commit("B", d1, "2022-03-01", "2022-03-10T00:00:00Z", "");
    long c2 = log.commit("B", d2, "2022-09-01", "2022-09-10T00:00:00Z", "");
    assertThat(discrepancies(log, "2022-10-01"))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.kind()).isEqualTo("escrow-unlinked-declaration");
              assertThat(x.evidence()).containsExactly(c1, c2);
            });
  }

  @Test
  void reportAt_itemFoundAtFullyRevealedSiteButNeverRevealed_incompleteDeclaration() {
    var log = new EscrowLog();
    EscrowDeclaration d = fiveMissiles(log);
    long c = log.commit("B", d, "2022-03-01", "2022-03-10T00:00:00Z", "");
    long site = log.reveal("B", d, RevealSelection.site("site-1"), "2022-03-11T00:00:00Z");
    var draw =
        log.inspect(
            EscrowLog.request(
                "r-1",
                "A",
                "B",
                "site-1",
                d.commitment(TREATY, "B", t("2022-03-10T00:00:00Z"), d("2022-03-01"), ""),
                "2022-05-01T06:00:00Z"));
    log.revealDrawn(d, draw, "2022-05-01T09:00:00Z");
    long report =
        log.report(
            draw,
            "",
            "2022-05-02T00:00:00Z",
            new InspectionFinding("M-9", "missile", "deployed", Map.of("warheads", 4L), false));
    assertThat(discrepancies(log, "2022-05-01")).isEmpty();
    assertThat(discrepancies(log, "2022-05-02"))
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.kind()).isEqualTo("escrow-incomplete-declaration");
              assertThat(x.party()).isEqualTo("B");
              assertThat(x.item()).isEqualTo("M-9");
              assertThat(x.evidence()).containsExactly(c, site, report);
              assertThat(x.detail()).contains("the declaration was incomplete");
            });
  }

  @Test
  void reportAt_findingDiffersFromRevealedItem_mismatchUnlessReloadNotified() {
    for (boolean notified : new boolean[] {false, true}) {
      var log = new EscrowLog();
      EscrowDeclaration d = fiveMissiles(log);
      log.commit("B", d, "2022-03-01", "2022-03-10T00:00:00Z", "");
      log.reveal("B", d, RevealSelection.site("site-1"), "2022-03-11T00:00:00Z");
      if (notified) {
        log.log.add(
            new ChangeNotification(
                TREATY,
                "B",
                t("2022-04-01T12:00:00Z"),
                "reload",
                "M-1",
                "missile",
                t("2022-04-01T00:00:00Z"),
                "",
                "",
                "",
                Map.of("warheads", 4L)));
      }
      var draw =
          log.inspect(
              EscrowLog.request(
                  "r-1",
                  "A",
                  "B",
                  "site-1",
                  d.commitment(TREATY, "B", t("2022-03-10T00:00:00Z"), d("2022-03-01"), ""),
                  "2022-05-01T06:00:00Z"));
      long report =
          log.report(
              draw,
              "",
              "2022-05-02T00:00:00Z",
              new InspectionFinding("M-1", "missile", "deployed", Map.of("warheads", 4L), false));
      var found = discrepancies(log, "2022-05-02");
      if (notified) {
        assertThat(found).isEmpty();
      } else {
        assertThat(found)
            .singleElement()
            .satisfies(
                x -> {
                  assertThat(x.kind()).isEqualTo("inspection-finding-mismatch");
                  assertThat(x.detail()).contains("is declared with 2 warheads but 4 were counted");
                  assertThat(x.evidence()).contains(report);
                });
      }
    }
  }

  @Test
  void reportAt_designatedFindingIsTheDrawnItem_matches_otherItem_mismatch() {
    for (boolean honest : new boolean[] {true, false}) {
      var log = new EscrowLog();
      EscrowDeclaration d = oneSite(log);
      EscrowCommitment commitment =
          d.commitment(TREATY, "B", t("2022-03-10T00:00:00Z"), d("2022-03-01"), "");
      long c = log.log.add(commitment);
      var draw =
          log.inspect(
              EscrowLog.request("r-1", "A", "B", "site-1", commitment, "2022-05-01T06:00:00Z"));
      long reveal = log.revealDrawn(d, draw, "2022-05-01T09:00:00Z");
      var drawn = d.itemAtLeaf((int) draw.designatedLeaf());
      String shown = honest ? drawn.id() : (drawn.id().equals("M-1") ? "M-2" : "M-1");
      var presented =
          d.items().stream().filter(i -> i.id().equals(shown)).findFirst().orElseThrow();
      long report =
          log.report(
              draw,
              "",
              "2022-05-02T00:00:00Z",
              new InspectionFinding(
                  shown,
                  "missile",
                  presented.status(),
                  Map.of("warheads", presented.attribute("warheads")),
                  true));
      var r = log.replay().reportAt(d("2022-05-02"));
      assertThat(r.inspections())
          .singleElement()
          .satisfies(
              x -> {
                assertThat(x.requestId()).isEqualTo("r-1");
                assertThat(x.draw()).isEqualTo("drawn");
                assertThat(x.seed()).isEqualTo(draw.seed().hex());
                assertThat(x.positions()).containsExactly(draw.designatedLeaf());
                assertThat(x.designatedItem()).isEqualTo(drawn.id());
                assertThat(x.report()).isEqualTo(report);
                assertThat(x.designatedCheck()).isEqualTo(honest ? "matches" : "mismatch");
                assertThat(x.delays()).isEmpty();
              });
      if (honest) {
        assertThat(r.discrepancies()).isEmpty();
      } else {
        assertThat(r.discrepancies())
            .filteredOn(x -> x.kind().equals("designated-item-mismatch"))
            .singleElement()
            .satisfies(
                x -> {
                  assertThat(x.party()).isEqualTo("B");
                  assertThat(x.item()).isEqualTo(shown);
                  assertThat(x.evidence()).containsExactly(c, draw.entry(), reveal, report);
                  assertThat(x.detail()).contains("opened as item " + drawn.id());
                });
      }
    }
  }

  @Test
  void reportAt_designatedLeafNotYetOpened_notRevealedAndNoDiscrepancy() {
    var log = new EscrowLog();
    EscrowDeclaration d = fiveMissiles(log);
    EscrowCommitment commitment =
        d.commitment(TREATY, "B", t("2022-03-10T00:00:00Z"), d("2022-03-01"), "");
    log.log.add(commitment);
    var draw =
        log.inspect(
            EscrowLog.request("r-1", "A", "B", "site-1", commitment, "2022-05-01T06:00:00Z"));
    log.report(
        draw,
        "",
        "2022-05-02T00:00:00Z",
        new InspectionFinding("M-1", "missile", "", Map.of(), true));
    var r = log.replay().reportAt(d("2022-05-02"));
    assertThat(r.inspections().get(0).designatedCheck()).isEqualTo("not-revealed");
    assertThat(r.inspections().get(0).designatedItem()).isNull();
    assertThat(r.discrepancies()).isEmpty();
  }
}
