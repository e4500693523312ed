package org.countersign.treaty.escrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.countersign.treaty.escrow.EscrowFixtures.AS_OF;
import static org.countersign.treaty.escrow.EscrowFixtures.PARTY;
import static org.countersign.treaty.escrow.EscrowFixtures.T0;
import static org.countersign.treaty.escrow.EscrowFixtures.TREATY;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.countersign.log.Hash;
import org.countersign.log.merkle.Rfc6962;
import org.countersign.treaty.escrow.EscrowFinding.Kind;
import org.countersign.treaty.statement.EscrowCommitment;
import org.countersign.treaty.statement.EscrowReveal;
import org.countersign.treaty.statement.EscrowTotal;
import org.countersign.treaty.statement.InspectionFinding;
import org.countersign.treaty.statement.InspectionReport;
import org.countersign.treaty.statement.LoggedStatement;
import org.countersign.treaty.statement.RevealSelection;
import org.countersign.treaty.statement.RevealedItem;
import org.junit.jupiter.api.Test;

class EscrowChecksTest {
  private static final Map<String, Long> RV4 = Map.of("reentry-vehicles", 4L);

  /** A small honest force: three ICBMs at yasny, two at kozelsk, one bomber at engels. */
  private static List<EscrowItem> force() {
    return List.of(
        EscrowFixtures.item("ss-18-01", "icbm", "deployed", "yasny", "zone-east", RV4),
        EscrowFixtures.item("ss-18-02", "icbm", "deployed", "yasny", "zone-east", RV4),
        EscrowFixtures.item(
            "ss-18-03",
            "icbm",
            "non-deployed",
            "yasny",
            "zone-east",
            Map.of("reentry-vehicles", 0L)),
        EscrowFixtures.item("rs-24-01", "icbm", "deployed", "kozelsk", "zone-west", RV4),
        EscrowFixtures.item("rs-24-02", "icbm", "deployed", "kozelsk", "zone-west", RV4),
        EscrowFixtures.item(
            "tu-160-01",
            "heavy-bomber",
            "deployed",
            "engels",
            "zone-west",
            Map.of("warheads", 1L)));
  }

  private static List<LoggedStatement<EscrowReveal>> logged(
      long firstEntry, List<EscrowReveal> parts) {
    var out = new ArrayList<LoggedStatement<EscrowReveal>>();
    for (int i = 0; i < parts.size(); i++) {
      out.add(new LoggedStatement<>(firstEntry + i, parts.get(i)));
    }
    return out;
  }

  private static LoggedStatement<InspectionReport> report(
      long entry, String site, String zone, InspectionFinding... findings) {
    return new LoggedStatement<>(
        entry,
        new InspectionReport(
            TREATY,
            "united-states",
            T0.plusSeconds(86_400),
            "req-1",
            PARTY,
            site,
            zone,
            List.of(findings)));
  }

  private static InspectionFinding seen(
      String id, String category, String status, Map<String, Long> observed) {
    return new InspectionFinding(id, category, status, observed, false);
  }

  @Test
  void totals_honestCompleteCategory_noFinding() {
    var d = EscrowDeclaration.commit(force(), EscrowFixtures.rng(1));
    var c = new LoggedStatement<>(10, d.commitment(TREATY, PARTY, T0, AS_OF, ""));
    var set =
        RevealedSet.of(
            c, logged(11, d.reveal(TREATY, PARTY, T0, RevealSelection.category("icbm"))));
    assertThat(EscrowChecks.totals(set)).isEmpty();
    assertThat(set.regions()).hasSize(1);
  }

  @Test
  void totals_publishedCountsUnderstate_contradictedWithEvidence() {
    var d = EscrowDeclaration.commit(force(), EscrowFixtures.rng(1));
    EscrowCommitment honest = d.commitment(TREATY, PARTY, T0, AS_OF, "");
    // The party publishes 3 deployed ICBMs instead of 4 (and books the 4th as non-deployed).
    var forgedTotals =
        List.of(
            honest.totals().get(0),
            new EscrowTotal("icbm", "deployed", 3, Map.of("reentry-vehicles", 12L)),
            new EscrowTotal("icbm", "non-deployed", 2, Map.of("reentry-vehicles", 4L)));
    var c =
        new LoggedStatement<>(
            10, new EscrowCommitment(TREATY, PARTY, T0, AS_OF, honest.root(), 6, forgedTotals, ""));
    var set =
        RevealedSet.of(c, logged(11, d.reveal(TREATY, PARTY, T0, RevealSelection.site("kozelsk"))));
    assertThat(EscrowChecks.totals(set)).isEmpty(); // two deployed revealed: no contradiction yet
    set =
        RevealedSet.of(
            c, logged(11, d.reveal(TREATY, PARTY, T0, RevealSelection.category("icbm"))));
    List<EscrowFinding> findings = EscrowChecks.totals(set);
    assertThat(findings).extracting(EscrowFinding::kind).containsOnly(Kind.TOTALS_CONTRADICTED);
    assertThat(findings)
        .extracting(EscrowFinding::detail)
        .contains(
            "4 revealed items are icbm/deployed but the commitment of entry 10 declares 3",
            "entry 11 reveals every icbm item, 1 of them non-deployed, but the commitment of entry 10 declares 2");
    assertThat(findings.get(0).evidence()).containsExactly(10L, 11L);
  }

  @Test
  void inspections_itemFoundAtFullyRevealedSiteButNotDeclared_incompleteWithEvidence() {
    // The party hides ss-18-04 at yasny: it is simply not in the committed declaration.
    var d = EscrowDeclaration.commit(force(), EscrowFixtures.rng(2));
    var c = new LoggedStatement<>(20, d.commitment(TREATY, PARTY, T0, AS_OF, ""));
    var set =
        RevealedSet.of(c, logged(21, d.reveal(TREATY, PARTY, T0, RevealSelection.site("yasny"))));
    var report =
        report(
            30,
            "yasny",
            "zone-east",
            seen("ss-18-01", "icbm", "deployed", RV4),
            seen("ss-18-04", "icbm", "deployed", RV4));
    List<EscrowFinding> findings = EscrowChecks.inspections(set, List.of(report), List.of());
    assertThat(findings)
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Kind.INCOMPLETE_DECLARATION);
              assertThat(f.itemId()).isEqualTo("ss-18-04");
              assertThat(f.party()).isEqualTo(PARTY);
              assertThat(f.evidence()).containsExactly(20L, 21L, 30L);
              assertThat(f.detail())
                  .isEqualTo(
                      "item ss-18-04 was found by the inspection of entry 30 at site yasny, but the"
                          + " reveal of entry 21 opened every item of site yasny committed in entry 20 without it, and no change"
                          + " notification explains it: the declaration was incomplete");
            });
    // A notified arrival explains it.
    var explained = List.of(new ChangeExplanation("ss-18-04", ItemChange.NEW_ITEM, 25));
    assertThat(EscrowChecks.inspections(set, List.of(report), explained)).isEmpty();
  }

  @Test
  void inspections_itemFoundWhereNothingWasRevealed_noFinding() {
    var d = EscrowDeclaration.commit(force(), EscrowFixtures.rng(2));
    var c = new LoggedStatement<>(20, d.commitment(TREATY, PARTY, T0, AS_OF, ""));
    var set =
        RevealedSet.of(c, logged(21, d.reveal(TREATY, PARTY, T0, RevealSelection.site("kozelsk"))));
    var report = report(30, "yasny", "", seen("ss-18-04", "icbm", "deployed", RV4));
    assertThat(EscrowChecks.inspections(set, List.of(report), List.of())).isEmpty();
  }

  @Test
  void inspections_emptySiteRevealThenItemFound_incomplete() {
    var d = EscrowDeclaration.commit(force(), EscrowFixtures.rng(2));
    var c = new LoggedStatement<>(20, d.commitment(TREATY, PARTY, T0, AS_OF, ""));
    var set =
        RevealedSet.of(
            c, logged(21, d.reveal(TREATY, PARTY, T0, RevealSelection.site("dombarovsky"))));
    var report = report(30, "dombarovsky", "", seen("rs-28-01", "icbm", "deployed", Map.of()));
    assertThat(EscrowChecks.inspections(set, List.of(report), List.of()))
        .extracting(EscrowFinding::kind)
        .containsExactly(Kind.INCOMPLETE_DECLARATION);
  }

  @Test
  void inspections_reentryVehiclesCountedDiffer_mismatchUnlessReloadNotified() {
    var d = EscrowDeclaration.commit(force(), EscrowFixtures.rng(3));
    var c = new LoggedStatement<>(40, d.commitment(TREATY, PARTY, T0, AS_OF, ""));
    var set = RevealedSet.of(c, logged(41, d.revealItems(TREATY, PARTY, T0, List.of("rs-24-01"))));
    var report =
        report(
            50,
            "kozelsk",
            "zone-west",
            new InspectionFinding(
                "rs-24-01", "icbm", "deployed", Map.of("reentry-vehicles", 6L), true));
    assertThat(EscrowChecks.inspections(set, List.of(report), List.of()))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Kind.FINDING_MISMATCH);
              assertThat(f.detail())
                  .isEqualTo(
                      "item rs-24-01, revealed in entry 41, is declared with 4 reentry-vehicles"
                          + " but 6 were counted by the inspection of entry 50, and no change notification explains it");
              assertThat(f.evidence()).containsExactly(40L, 41L, 50L);
            });
    var reload = List.of(new ChangeExplanation("rs-24-01", ItemChange.RELOADED, 45));
    assertThat(EscrowChecks.inspections(set, List.of(report), reload)).isEmpty();
  }

  @Test
  void inspections_revealedItemFoundElsewhereWithOtherStatus_twoMismatches() {
    var d = EscrowDeclaration.commit(force(), EscrowFixtures.rng(3));
    var c = new LoggedStatement<>(40, d.commitment(TREATY, PARTY, T0, AS_OF, ""));
    var set = RevealedSet.of(c, logged(41, d.revealItems(TREATY, PARTY, T0, List.of("ss-18-03"))));
    var report = report(50, "kozelsk", "zone-west", seen("ss-18-03", "icbm", "deployed", Map.of()));
    assertThat(EscrowChecks.inspections(set, List.of(report), List.of()))
        .extracting(EscrowFinding::detail)
        .containsExactly(
            "item ss-18-03, revealed in entry 41, is declared at site yasny but was found at site kozelsk by the"
                + " inspection of entry 50, and no change notification explains it",
            "item ss-18-03, revealed in entry 41, is declared non-deployed but was found deployed by the"
                + " inspection of entry 50, and no change notification explains it");
  }

  @Test
  void inspections_reportAboutAnotherParty_ignored() {
    var d = EscrowDeclaration.commit(force(), EscrowFixtures.rng(3));
    var c = new LoggedStatement<>(40, d.commitment(TREATY, PARTY, T0, AS_OF, ""));
    var set =
        RevealedSet.of(c, logged(41, d.reveal(TREATY, PARTY, T0, RevealSelection.site("yasny"))));
    var other =
        new LoggedStatement<>(
            50,
            new InspectionReport(
                TREATY,
                "russia",
                T0,
                "req-2",
                "united-states",
                "yasny",
                "",
                List.of(seen("minuteman-9", "icbm", "deployed", Map.of()))));
    assertThat(EscrowChecks.inspections(set, List.of(other), List.of())).isEmpty();
  }

  @Test
  void successive_moveAndStatusChangeUnexplained_findings_explained_none() {
    var first = EscrowDeclaration.commit(force(), EscrowFixtures.rng(4));
    var items = new ArrayList<>(force());
    items.set(1, items.get(1).withLocation("kozelsk", "zone-west")); // ss-18-02 moves
    items.set(3, items.get(3).withStatus("non-deployed")); // rs-24-01 is taken off alert
    var second = EscrowDeclaration.commit(items, EscrowFixtures.rng(5));
    var ca = new LoggedStatement<>(100, first.commitment(TREATY, PARTY, T0, AS_OF, ""));
    var cb =
        new LoggedStatement<>(
            200,
            second.commitment(
                TREATY, PARTY, T0.plusSeconds(1), AS_OF.plusMonths(6), first.root().hex()));
    var a =
        RevealedSet.of(
            ca, logged(101, first.reveal(TREATY, PARTY, T0, RevealSelection.category("icbm"))));
    var b =
        RevealedSet.of(
            cb, logged(201, second.reveal(TREATY, PARTY, T0, RevealSelection.category("icbm"))));
    List<EscrowFinding> findings = EscrowChecks.successive(a, b, List.of());
    assertThat(findings).extracting(EscrowFinding::kind).containsOnly(Kind.UNEXPLAINED_CHANGE);
    assertThat(findings)
        .extracting(EscrowFinding::itemId)
        .containsExactlyInAnyOrder("ss-18-02", "rs-24-01");
    assertThat(findings)
        .extracting(EscrowFinding::detail)
        .contains(
            "item ss-18-02 moved from yasny to kozelsk between the reveals of entries 101 and 201 without a notification of kind MOVED");
    var notified =
        List.of(
            new ChangeExplanation("ss-18-02", ItemChange.MOVED, 150),
            new ChangeExplanation("rs-24-01", ItemChange.STATUS_CHANGED, 151));
    assertThat(EscrowChecks.successive(a, b, notified)).isEmpty();
  }

  @Test
  void successive_itemVanishesFromRevealedRegionAndCountDrops_unexplained() {
    var first = EscrowDeclaration.commit(force(), EscrowFixtures.rng(4));
    var items = new ArrayList<>(force());
    items.remove(0); // ss-18-01 disappears without a word
    var second = EscrowDeclaration.commit(items, EscrowFixtures.rng(5));
    var ca = new LoggedStatement<>(100, first.commitment(TREATY, PARTY, T0, AS_OF, ""));
    var cb =
        new LoggedStatement<>(
            200, second.commitment(TREATY, PARTY, T0, AS_OF.plusMonths(6), first.root().hex()));
    var a =
        RevealedSet.of(
            ca, logged(101, first.reveal(TREATY, PARTY, T0, RevealSelection.site("yasny"))));
    var b =
        RevealedSet.of(
            cb, logged(201, second.reveal(TREATY, PARTY, T0, RevealSelection.site("yasny"))));
    assertThat(EscrowChecks.successive(a, b, List.of()))
        .extracting(EscrowFinding::detail)
        .containsExactly(
            "item ss-18-01 is in site yasny as revealed in entry 101 but absent from its complete reveal in entry 201,"
                + " and no elimination or move was notified",
            "the item count went from 6 (entry 100) to 5 (entry 200), a change of -1, but the notifications between"
                + " them add 0 and eliminate 0");
    var eliminated = List.of(new ChangeExplanation("ss-18-01", ItemChange.ELIMINATED, 150));
    assertThat(EscrowChecks.successive(a, b, eliminated)).isEmpty();
  }

  @Test
  void successive_notLinked_unlinkedDeclaration() {
    var first = EscrowDeclaration.commit(force(), EscrowFixtures.rng(4));
    var second = EscrowDeclaration.commit(force(), EscrowFixtures.rng(5));
    var a =
        RevealedSet.of(
            new LoggedStatement<>(1, first.commitment(TREATY, PARTY, T0, AS_OF, "")), List.of());
    var b =
        RevealedSet.of(
            new LoggedStatement<>(2, second.commitment(TREATY, PARTY, T0, AS_OF, "")), List.of());
    assertThat(EscrowChecks.successive(a, b, List.of()))
        .extracting(EscrowFinding::kind)
        .containsExactly(Kind.UNLINKED_DECLARATION);
  }

  @Test
  void revealedSet_invalidReveal_findingAndNoItems() {
    var d = EscrowDeclaration.commit(force(), EscrowFixtures.rng(6));
    var c = new LoggedStatement<>(1, d.commitment(TREATY, PARTY, T0, AS_OF, ""));
    EscrowReveal honest = d.revealItems(TREATY, PARTY, T0, List.of("rs-24-01")).get(0);
    RevealedItem o = honest.items().get(0);
    var lie =
        new RevealedItem(
            o.id(),
            o.category(),
            o.status(),
            o.site(),
            o.zone(),
            Map.of("reentry-vehicles", 1L),
            o.salt(),
            o.leafIndex(),
            o.proof());
    var forged =
        new EscrowReveal(
            TREATY, PARTY, T0, honest.commitmentRoot(), honest.selection(), 1, 1, List.of(lie));
    var set = RevealedSet.of(c, List.of(new LoggedStatement<>(2, forged)));
    assertThat(set.opened()).isEmpty();
    assertThat(set.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Kind.INVALID_REVEAL);
              assertThat(f.itemId()).isEqualTo("rs-24-01");
              assertThat(f.evidence()).containsExactly(1L, 2L);
              assertThat(f.detail())
                  .startsWith(
                      "reveal in entry 2 does not open the commitment of entry 1: item rs-24-01 at leaf");
            });
    assertThat(EscrowChecks.totals(set)).containsExactlyElementsOf(set.findings());
  }

  @Test
  void revealedSet_regionInParts_claimedOnlyWhenAllPartsLogged() {
    var items = new ArrayList<EscrowItem>();
    for (int i = 0; i < 3000; i++) {
      items.add(
          EscrowFixtures.item(
              "ss-" + i, "icbm", "deployed", i < 200 ? "yasny" : "kozelsk", "", RV4));
    }
    var d = EscrowDeclaration.commit(items, EscrowFixtures.rng(7));
    var c = new LoggedStatement<>(1, d.commitment(TREATY, PARTY, T0, AS_OF, ""));
    List<EscrowReveal> parts = d.reveal(TREATY, PARTY, T0, RevealSelection.site("yasny"));
    assertThat(parts.size()).isGreaterThan(2);
    var all = logged(10, parts);
    var partial = RevealedSet.of(c, all.subList(0, all.size() - 1));
    assertThat(partial.regions()).isEmpty();
    assertThat(partial.opened()).hasSizeLessThan(200);
    var whole = RevealedSet.of(c, all);
    assertThat(whole.regions())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.entries()).hasSize(parts.size());
              assertThat(r.revealEntry()).isEqualTo(10L + parts.size() - 1);
            });
    assertThat(whole.opened()).hasSize(200);
    assertThat(whole.findings()).isEmpty();
  }

  @Test
  void revealedSet_sameIdCommittedTwice_duplicateItem() throws Exception {
    // A dishonest party builds its tree by hand with two versions of one missile.
    var loaded = EscrowFixtures.item("rs-24-07", "icbm", "deployed", "kozelsk", "", RV4);
    var empty =
        EscrowFixtures.item(
            "rs-24-07", "icbm", "deployed", "kozelsk", "", Map.of("reentry-vehicles", 0L));
    byte[] salt1 = new byte[32];
    byte[] salt2 = new byte[32];
    salt2[0] = 1;
    Hash c1 = ItemCommitment.of(loaded, salt1);
    Hash c2 = ItemCommitment.of(empty, salt2);
    byte[] leaves = new byte[64];
    Rfc6962.leafHash(c1.bytes()).copyTo(leaves, 0);
    Rfc6962.leafHash(c2.bytes()).copyTo(leaves, 32);
    CommitmentTree tree = CommitmentTree.build(leaves, 2);
    var hex = HexFormat.of();
    var commitment =
        new EscrowCommitment(
            TREATY,
            PARTY,
            T0,
            AS_OF,
            tree.root().hex(),
            2,
            List.of(new EscrowTotal("icbm", "deployed", 2, Map.of("reentry-vehicles", 4L))),
            "");
    RevealedItem open1 =
        new RevealedItem(
            "rs-24-07",
            "icbm",
            "deployed",
            "kozelsk",
            "",
            RV4,
            hex.formatHex(salt1),
            0,
            List.of(tree.inclusionPath(0).get(0).hex()));
    RevealedItem open2 =
        new RevealedItem(
            "rs-24-07",
            "icbm",
            "deployed",
            "kozelsk",
            "",
            Map.of("reentry-vehicles", 0L),
            hex.formatHex(salt2),
            1,
            List.of(tree.inclusionPath(1).get(0).hex()));
    var r1 =
        new EscrowReveal(
            TREATY, PARTY, T0, commitment.root(), RevealSelection.chosen(), 1, 1, List.of(open1));
    var r2 =
        new EscrowReveal(
            TREATY, PARTY, T0, commitment.root(), RevealSelection.chosen(), 1, 1, List.of(open2));
    RevealVerifier.verify(commitment, r1);
    RevealVerifier.verify(commitment, r2);
    var set =
        RevealedSet.of(
            new LoggedStatement<>(5, commitment),
            List.of(new LoggedStatement<>(6, r1), new LoggedStatement<>(7, r2)));
    assertThat(set.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.kind()).isEqualTo(Kind.DUPLICATE_ITEM);
              assertThat(f.detail())
                  .isEqualTo(
                      "item rs-24-07 is committed twice: opened at leaf 0 (entry 6) and at leaf 1 (entry 7)");
            });
  }
}
