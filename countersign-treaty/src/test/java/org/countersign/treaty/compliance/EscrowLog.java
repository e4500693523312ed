package org.countersign.treaty.compliance;

import static org.countersign.treaty.compliance.TestLog.TREATY;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.countersign.log.Hash;
import org.countersign.treaty.escrow.EscrowDeclaration;
import org.countersign.treaty.escrow.EscrowItem;
import org.countersign.treaty.inspection.JointDraw;
import org.countersign.treaty.inspection.RandomnessCommitments;
import org.countersign.treaty.inspection.UniformSample;
import org.countersign.treaty.statement.EscrowCommitment;
import org.countersign.treaty.statement.EscrowReveal;
import org.countersign.treaty.statement.InspectionCheckpoint;
import org.countersign.treaty.statement.InspectionFinding;
import org.countersign.treaty.statement.InspectionReport;
import org.countersign.treaty.statement.InspectionRequest;
import org.countersign.treaty.statement.RevealSelection;

/**
 * Escrow and inspection flows under the test treaty, appended to a {@link TestLog}: declarations
 * committed with seeded salts, reveals, and inspection requests with their joint draw (draw rules
 * of the test treaty: commit within 12 hours of the request, reveal within the next 12).
 */
final class EscrowLog {
  static final InspectionCheckpoint CHECKPOINT =
      new InspectionCheckpoint("log.example/test-treaty", 10, Hash.sha256(new byte[] {1}).hex());

  final TestLog log = new TestLog();
  private final SplittableRandom random = new SplittableRandom(20260501);

  static EscrowItem missile(String id, String status, String site, long warheads) {
    return new EscrowItem(id, "missile", status, site, "", Map.of("warheads", warheads));
  }

  /** A declaration of {@code items}, committed with salts from the log's seeded generator. */
  EscrowDeclaration declaration(EscrowItem... items) {
    return EscrowDeclaration.commit(List.of(items), random);
  }

  /** Logs the commitment of {@code d}; returns its entry. */
  long commit(String party, EscrowDeclaration d, String asOf, String issued, String previousRoot) {
    return log.add(
        d.commitment(TREATY, party, Instant.parse(issued), LocalDate.parse(asOf), previousRoot));
  }

  /** Logs every part of the reveal of {@code selection}; returns the last part's entry. */
  long reveal(String party, EscrowDeclaration d, RevealSelection selection, String issued) {
    long last = -1;
    for (EscrowReveal part : d.reveal(TREATY, party, Instant.parse(issued), selection)) {
      last = log.add(part);
    }
    return last;
  }

  /** Logs the reveal of the named items; returns the last part's entry. */
  long revealItems(String party, EscrowDeclaration d, String issued, String... ids) {
    long last = -1;
    for (EscrowReveal part : d.revealItems(TREATY, party, Instant.parse(issued), List.of(ids))) {
      last = log.add(part);
    }
    return last;
  }

  /**
   * A request of {@code inspecting} on {@code inspected}'s declaration, with the treaty's
   * deadlines.
   */
  static InspectionRequest request(
      String id,
      String inspecting,
      String inspected,
      String site,
      EscrowCommitment population,
      String issued) {
    Instant at = Instant.parse(issued);
    return new InspectionRequest(
        TREATY,
        inspecting,
        at,
        id,
        "type-one",
        yearOf(at),
        inspected,
        site,
        CHECKPOINT,
        population.root(),
        population.itemCount(),
        1,
        at.plus(Duration.ofHours(12)),
        at.plus(Duration.ofHours(24)));
  }

  static int yearOf(Instant at) {
    return TestLog.d("2020-01-01")
            .until(LocalDate.ofInstant(at, java.time.ZoneOffset.UTC))
            .getYears()
        + 1;
  }

  /** One request and its draw, with both sides' values. */
  // A test-only holder: never compared, hashed or shared, so array components are harmless here.
  @SuppressWarnings("ArrayRecordComponent")
  record Draw(
      InspectionRequest request,
      long entry,
      byte[] inspectingValue,
      byte[] inspectedValue,
      List<Long> entries) {
    Hash seed() {
      return JointDraw.seed(request, inspectingValue, inspectedValue);
    }

    long designatedLeaf() {
      return UniformSample.draw(seed(), 1, request.populationSize())[0];
    }
  }

  /**
   * Logs a request and both sides' commitments and reveals, on time (commitments an hour after the
   * request, reveals two hours after); returns the draw.
   */
  Draw inspect(InspectionRequest request) {
    byte[] a = RandomnessCommitments.newValue(random);
    byte[] b = RandomnessCommitments.newValue(random);
    var entries = new ArrayList<Long>();
    long entry = log.add(request);
    entries.add(entry);
    Instant t = request.issuedAt();
    entries.add(
        log.add(
            RandomnessCommitments.commit(
                TREATY, request.author(), t.plusSeconds(3600), request.requestId(), a)));
    entries.add(
        log.add(
            RandomnessCommitments.commit(
                TREATY, request.inspectedParty(), t.plusSeconds(3600), request.requestId(), b)));
    entries.add(
        log.add(
            RandomnessCommitments.reveal(
                TREATY, request.inspectedParty(), t.plusSeconds(7200), request.requestId(), b)));
    entries.add(
        log.add(
            RandomnessCommitments.reveal(
                TREATY, request.author(), t.plusSeconds(7200), request.requestId(), a)));
    return new Draw(request, entry, a, b, entries);
  }

  /** The inspected party's SAMPLE reveal of the drawn leaf; returns its entry. */
  long revealDrawn(EscrowDeclaration d, Draw draw, String issued) {
    return reveal(
        draw.request().inspectedParty(),
        d,
        RevealSelection.sample(draw.seed().hex(), 1, draw.request().requestId()),
        issued);
  }

  /** The inspecting party's report with {@code findings}; returns its entry. */
  long report(Draw draw, String zone, String issued, InspectionFinding... findings) {
    InspectionRequest r = draw.request();
    return log.add(
        new InspectionReport(
            TREATY,
            r.author(),
            Instant.parse(issued),
            r.requestId(),
            r.inspectedParty(),
            r.site(),
            zone,
            List.of(findings)));
  }

  ComplianceEngine replay() {
    return log.replay(org.countersign.treaty.TestTreaties.testTreaty());
  }
}
