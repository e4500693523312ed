package org.countersign.treaty.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.countersign.treaty.compliance.EscrowLog.missile;
import static org.countersign.treaty.compliance.TestLog.TREATY;
import static org.countersign.treaty.compliance.TestLog.d;
import static org.countersign.treaty.compliance.TestLog.t;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.countersign.treaty.TestTreaties;
import org.countersign.treaty.compliance.ComplianceReport.DrawDelay;
import org.countersign.treaty.compliance.ComplianceReport.InspectionQuotaLine;
import org.countersign.treaty.escrow.EscrowDeclaration;
import org.countersign.treaty.inspection.RandomnessCommitments;
import org.countersign.treaty.statement.EscrowCommitment;
import org.countersign.treaty.statement.EscrowReveal;
import org.countersign.treaty.statement.InspectionRequest;
import org.countersign.treaty.statement.InvalidStatementException;
import org.countersign.treaty.statement.RevealSelection;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.StatementCodec;
import org.junit.jupiter.api.Test;

/** Inspection quotas, joint draws, delays and detection figures in the compliance report. */
class InspectionComplianceTest {
  private static final String T0 = "2022-05-01T06:00:00Z";

  private static InspectionRequest plain(
      String id, String author, String inspected, String issued) {
    Instant at = t(issued);
    return new InspectionRequest(
        TREATY,
        author,
        at,
        id,
        "type-one",
        EscrowLog.yearOf(at),
        inspected,
        "site-1",
        EscrowLog.CHECKPOINT,
        "",
        100,
        1,
        at.plus(Duration.ofHours(12)),
        at.plus(Duration.ofHours(24)));
  }

  private static EscrowDeclaration declaration(EscrowLog log) {
    return log.declaration(
        missile("M-1", "deployed", "site-1", 2),
        missile("M-2", "deployed", "site-1", 3),
        missile("M-3", "deployed", "site-2", 4),
        missile("M-4", "non-deployed", "site-2", 0),
        missile("M-5", "deployed", "site-3", 1));
  }

  /** Refused by checkAdmissible with {@code reason}, and the engine's report does not change. */
  private static void assertRefused(ComplianceEngine engine, Statement s, String reason) {
    String before = engine.reportAt(d("2023-01-01")).canonicalJson();
    assertThatThrownBy(() -> engine.checkAdmissible(s))
        .isInstanceOf(InvalidStatementException.class)
        .hasMessage(reason);
    assertThat(engine.reportAt(d("2023-01-01")).canonicalJson()).isEqualTo(before);
  }

  @Test
  void reportAt_quotasUsedAndRefusedPerPartyTypeAndYear() {
    var log = new TestLog();
    long r1 = log.add(plain("r-1", "A", "B", T0));
    long r2 = log.add(plain("r-2", "A", "C", "2022-06-01T00:00:00Z"));
    long r3 = log.add(plain("r-3", "A", "B", "2022-07-01T00:00:00Z"));
    long r4 = log.add(plain("r-4", "A", "B", "2023-01-02T00:00:00Z"));
    var engine = log.replay(TestTreaties.testTreaty());
    var report = engine.reportAt(d("2022-12-31"));
    assertThat(report.inadmissible())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.index()).isEqualTo(r3);
              assertThat(x.reason())
                  .isEqualTo(
                      "inspection-request: request r-3 refused: A has used 2 of"
                          + " its 2 type-one inspections in treaty year 3");
            });
    assertThat(report.inspectionQuotas())
        .containsExactly(
            new InspectionQuotaLine("A", "type-one", 3, 2, 2, 1, 0, List.of(r1, r2, r3)),
            new InspectionQuotaLine("A", "type-two", 3, 1, 0, 0, 1, List.of()),
            new InspectionQuotaLine("B", "type-one", 3, 2, 0, 0, 2, List.of()),
            new InspectionQuotaLine("B", "type-two", 3, 1, 0, 0, 1, List.of()),
            new InspectionQuotaLine("C", "type-one", 3, 2, 0, 0, 2, List.of()),
            new InspectionQuotaLine("C", "type-two", 3, 1, 0, 0, 1, List.of()));
    // Year 4 has its own quota; the year-3 line stays, with the year's counts.
    var next = engine.reportAt(d("2023-01-03"));
    assertThat(next.inspectionQuotas())
        .contains(
            new InspectionQuotaLine("A", "type-one", 3, 2, 2, 1, 0, List.of(r1, r2, r3)),
            new InspectionQuotaLine("A", "type-one", 4, 2, 1, 0, 1, List.of(r4)));
    assertThat(next.toText())
        .contains(
            "A type-one, treaty year 3: 2 of 2 used, 0 remaining, 1 refused [entries 0, 1, 2]");
  }

  @Test
  void reportAt_inspectedPartyNeverCommits_inspectingPartyChoosesAndDelayShown() {
    var log = new TestLog();
    long r = log.add(plain("r-1", "A", "B", T0));
    byte[] a = new byte[32];
    log.add(RandomnessCommitments.commit(TREATY, "A", t(T0).plusSeconds(60), "r-1", a));
    var engine = log.replay(TestTreaties.testTreaty());
    assertThat(engine.reportAt(t(T0).plusSeconds(3600)).inspections())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.draw()).isEqualTo("pending");
              assertThat(x.delays()).isEmpty();
            });
    var late = engine.reportAt(t(T0).plus(Duration.ofHours(25)));
    assertThat(late.inspections())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.entry()).isEqualTo(r);
              assertThat(x.draw()).isEqualTo("inspecting-party-chooses");
              assertThat(x.delays())
                  .containsExactly(new DrawDelay("A", "reveal"), new DrawDelay("B", "commit"));
              assertThat(x.seed()).isNull();
              assertThat(x.designatedCheck()).isEqualTo("no-report");
            });
    assertThat(late.toText())
        .contains(
            "draw inspecting-party-chooses; A missed its reveal deadline;"
                + " B missed its commit deadline; no report");
  }

  @Test
  void reportAt_inspectingPartyDoesNotReveal_lapsedAndStillCounted() {
    var log = new TestLog();
    log.add(plain("r-1", "A", "B", T0));
    byte[] a = new byte[32];
    byte[] b = new byte[32];
    b[0] = 1;
    log.add(RandomnessCommitments.commit(TREATY, "A", t(T0).plusSeconds(60), "r-1", a));
    log.add(RandomnessCommitments.commit(TREATY, "B", t(T0).plusSeconds(60), "r-1", b));
    log.add(RandomnessCommitments.reveal(TREATY, "B", t(T0).plusSeconds(120), "r-1", b));
    var report = log.replay(TestTreaties.testTreaty()).reportAt(t(T0).plus(Duration.ofDays(2)));
    assertThat(report.inspections().get(0).draw()).isEqualTo("lapsed");
    assertThat(report.inspections().get(0).delays()).containsExactly(new DrawDelay("A", "reveal"));
    assertThat(report.inspectionQuotas().get(0).used()).isEqualTo(1);
  }

  @Test
  void checkAdmissible_badEscrowAndInspectionInput_refusedPreciselyAndWritesNothing()
      throws Exception {
    var log = new EscrowLog();
    EscrowDeclaration d = declaration(log);
    long c = log.commit("B", d, "2022-03-01", "2022-03-10T00:00:00Z", "");
    EscrowCommitment commitment = (EscrowCommitment) log.log.entries.get((int) c).statement();
    var draw = log.inspect(EscrowLog.request("r-1", "A", "B", "site-1", commitment, T0));
    log.log.add(plain("r-2", "A", "C", "2022-06-01T00:00:00Z"));
    var engine = log.replay();
    assertThat(engine.reportAt(d("2023-01-01")).inadmissible()).isEmpty();

    // A reveal for an unknown declaration.
    EscrowDeclaration never = declaration(log);
    EscrowReveal unknown =
        never.reveal(TREATY, "B", t("2022-07-01T00:00:00Z"), RevealSelection.site("site-1")).get(0);
    assertRefused(
        engine,
        unknown,
        "escrow-reveal: opens unknown commitment root "
            + never.root().hex()
            + ": no escrow commitment with that root is logged; B's latest is "
            + commitment.root()
            + " (entry "
            + c
            + ")");
    // Another party's declaration.
    EscrowReveal foreign =
        d.reveal(TREATY, "C", t("2022-07-01T00:00:00Z"), RevealSelection.site("site-1")).get(0);
    assertRefused(
        engine,
        foreign,
        "escrow-reveal: C cannot open the commitment of entry "
            + c
            + ", made by B; a party opens only its own commitments");
    // A commitment naming a previous root that was never committed.
    assertRefused(
        engine,
        never.commitment(TREATY, "B", t("2022-09-10T00:00:00Z"), d("2022-09-01"), "ab".repeat(32)),
        "escrow-commitment: previousRoot "
            + "ab".repeat(32)
            + " is not the root of an earlier escrow"
            + " commitment by B; B's latest is "
            + commitment.root()
            + " (entry "
            + c
            + ")");
    // The same root committed twice.
    assertRefused(
        engine,
        d.commitment(TREATY, "B", t("2022-09-10T00:00:00Z"), d("2022-09-01"), ""),
        "escrow-commitment: root "
            + commitment.root()
            + " was already committed in entry "
            + c
            + " (by B); every declaration has its own salts, so its root is new");
    // A second reveal of the same randomness.
    assertRefused(
        engine,
        RandomnessCommitments.reveal(
            TREATY, "B", t(T0).plusSeconds(9000), "r-1", draw.inspectedValue()),
        "randomness-reveal: B already revealed its random value for request r-1;"
            + " a second reveal is refused");
    // A request over quota (A made r-1 and r-2 in treaty year 3; the quota is 2).
    assertRefused(
        engine,
        plain("r-3", "A", "B", "2022-07-01T00:00:00Z"),
        "inspection-request: request r-3 refused: A has used 2 of its 2 type-one inspections in treaty year 3");
    // A request whose deadlines are not the treaty's.
    var own = plain("r-4", "B", "A", T0);
    assertRefused(
        engine,
        new InspectionRequest(
            TREATY,
            "B",
            own.issuedAt(),
            "r-4",
            "type-one",
            3,
            "A",
            "site-1",
            EscrowLog.CHECKPOINT,
            "",
            100,
            1,
            own.issuedAt().plusSeconds(60),
            own.revealBy()),
        "inspection-request: request r-4 issued at 2022-05-01T06:00:00Z must have commitBy"
            + " 2022-05-01T18:00:00Z (issuedAt + PT12H) and revealBy 2022-05-02T06:00:00Z (commitBy + PT12H)"
            + " under the treaty's draw rules, got commitBy 2022-05-01T06:01:00Z and revealBy 2022-05-02T06:00:00Z");
    // A request naming the wrong treaty year.
    assertRefused(
        engine,
        new InspectionRequest(
            TREATY,
            "B",
            own.issuedAt(),
            "r-4",
            "type-one",
            2,
            "A",
            "site-1",
            EscrowLog.CHECKPOINT,
            "",
            100,
            1,
            own.commitBy(),
            own.revealBy()),
        "inspection-request: treatyYear 2 is not the treaty year of its issue date 2022-05-01, which is 3");
    // A population that is not a declaration of the inspected party.
    assertRefused(
        engine,
        new InspectionRequest(
            TREATY,
            "B",
            own.issuedAt(),
            "r-4",
            "type-one",
            3,
            "A",
            "site-1",
            EscrowLog.CHECKPOINT,
            commitment.root(),
            commitment.itemCount(),
            1,
            own.commitBy(),
            own.revealBy()),
        "inspection-request: population "
            + commitment.root()
            + " is not the root of a logged escrow"
            + " commitment by A, the inspected party");
    // A sample larger than one inspection examines.
    assertRefused(
        engine,
        new InspectionRequest(
            TREATY,
            "B",
            own.issuedAt(),
            "r-4",
            "type-one",
            3,
            "A",
            "site-1",
            EscrowLog.CHECKPOINT,
            "",
            100,
            2,
            own.commitBy(),
            own.revealBy()),
        "inspection-request: sampleSize 2 is more than the 1 item(s) one type-one inspection examines");
    // A randomness commitment for a request nobody made.
    assertRefused(
        engine,
        RandomnessCommitments.commit(TREATY, "B", t(T0), "r-9", new byte[32]),
        "randomness-commit: unknown inspection request r-9: no request with that id was admitted"
            + " (a randomness-commit follows its request)");
    // And the same statements, logged anyway by a server that did not check, are inadmissible.
    long bad = log.log.add(unknown);
    assertThat(log.replay().reportAt(d("2023-01-01")).inadmissible())
        .singleElement()
        .satisfies(x -> assertThat(x.index()).isEqualTo(bad));
  }

  @Test
  void decode_revealWithSaltOfWrongLength_refusedNamingTheSalt() {
    var log = new EscrowLog();
    EscrowDeclaration d = declaration(log);
    EscrowReveal reveal =
        d.revealItems(TREATY, "B", t("2022-07-01T00:00:00Z"), List.of("M-1")).get(0);
    String salt = reveal.items().get(0).salt();
    String text =
        StatementCodec.encodeText(reveal, "countersign.local/new-start")
            .replace(salt, salt.substring(2));
    assertThatThrownBy(() -> StatementCodec.decodeText(text))
        .isInstanceOf(InvalidStatementException.class)
        .hasMessageContaining(
            "opened item M-1: salt must be 32 bytes as 64 lowercase hex digits, got 62 characters");
  }

  @Test
  void reportAt_detectionFiguresForTheTreatysQuota_fromTheLatestDeclaration() {
    var log = new EscrowLog();
    EscrowDeclaration d = declaration(log);
    long c = log.commit("B", d, "2022-03-01", "2022-03-10T00:00:00Z", "");
    var report = log.replay().reportAt(d("2022-04-01"));
    assertThat(report.detection())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.party()).isEqualTo("B");
              assertThat(x.inspectionType()).isEqualTo("type-one");
              assertThat(x.population()).isEqualTo(4);
              assertThat(x.populationSource()).isEqualTo("escrow-commitment");
              assertThat(x.asOf()).isEqualTo(d("2022-03-01"));
              assertThat(x.evidence()).containsExactly(c);
              assertThat(x.figures())
                  .singleElement()
                  .satisfies(
                      f -> {
                        assertThat(f.violating()).isEqualTo(1);
                        assertThat(f.inspectedPerYear()).isEqualTo(2);
                        assertThat(f.caughtThisYear()).isEqualTo("0.500000");
                        assertThat(f.smallestSampleFor95()).isEqualTo(4);
                        assertThat(f.iaeaSampleFor95()).isEqualTo("3.80");
                        assertThat(f.sentence())
                            .isEqualTo(
                                "with 2 type-one inspections a year (1 item each), 1 violating"
                                    + " item among the 4 declared deployed missile are caught this year with probability 0.5000");
                      });
            });
    // A later item-level declaration is the fresher evidence.
    long decl =
        log.log.declare(
            "B",
            "2022-09-01",
            "2022-09-02T00:00:00Z",
            TestLog.missile("M-1", "deployed", 2),
            TestLog.missile("M-2", "deployed", 2),
            TestLog.missile("M-3", "deployed", 2),
            TestLog.missile("M-4", "deployed", 2),
            TestLog.missile("M-5", "deployed", 2),
            TestLog.missile("M-6", "deployed", 2),
            TestLog.missile("M-7", "test", 2));
    var later = log.replay().reportAt(d("2022-09-05"));
    assertThat(later.detection())
        .singleElement()
        .satisfies(
            x -> {
              assertThat(x.population()).isEqualTo(6);
              assertThat(x.populationSource()).isEqualTo("items");
              assertThat(x.evidence()).containsExactly(decl);
              assertThat(x.figures())
                  .extracting(f -> f.violating() + ":" + f.caughtThisYear())
                  .containsExactly("1:0.333333", "5:1.000000");
            });
    assertThat(later.toText())
        .contains("B type-one: 6 declared items (items as of 2022-09-01) [entry " + decl + "]");
  }

  @Test
  void reportAt_changeToItemHiddenInEscrow_notReportedAsUndeclared() {
    for (boolean escrowed : new boolean[] {false, true}) {
      var log = new EscrowLog();
      if (escrowed) {
        log.commit("B", declaration(log), "2022-03-01", "2022-03-10T00:00:00Z", "");
      }
      log.log.add(
          new org.countersign.treaty.statement.ChangeNotification(
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
      var kinds =
          log.replay().reportAt(d("2022-05-01")).discrepancies().stream()
              .map(x -> x.kind())
              .toList();
      assertThat(kinds).isEqualTo(escrowed ? List.of() : List.of("change-to-undeclared-item"));
    }
  }
}
