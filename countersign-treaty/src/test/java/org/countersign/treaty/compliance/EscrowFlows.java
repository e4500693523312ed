package org.countersign.treaty.compliance;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.countersign.log.Hash;
import org.countersign.treaty.escrow.EscrowDeclaration;
import org.countersign.treaty.escrow.EscrowItem;
import org.countersign.treaty.inspection.JointDraw;
import org.countersign.treaty.inspection.RandomnessCommitments;
import org.countersign.treaty.statement.EscrowCommitment;
import org.countersign.treaty.statement.EscrowReveal;
import org.countersign.treaty.statement.InspectionCheckpoint;
import org.countersign.treaty.statement.InspectionFinding;
import org.countersign.treaty.statement.InspectionReport;
import org.countersign.treaty.statement.InspectionRequest;
import org.countersign.treaty.statement.RevealSelection;
import org.countersign.treaty.statement.RevealedItem;
import org.countersign.treaty.statement.Statement;
import org.jspecify.annotations.Nullable;

/**
 * Seeded random escrow and inspection traffic under the test treaty, for the determinism tests:
 * declarations committed and revealed (sometimes unlinked, tampered or foreign), inspection
 * requests (sometimes over quota or with wrong deadlines or year) with their commitments, reveals
 * (sometimes late, repeated or wrong), sample reveals of the drawn leaf, and reports (sometimes
 * naming another item as designated). Each call continues one flow, so that most statements are
 * admissible and some are not, the way a careless or dishonest party would produce them.
 */
final class EscrowFlows {
  private static final String TR = "test-treaty";
  private static final String[] PARTIES = {"A", "B", "C"};
  private static final Instant START = Instant.parse("2020-01-01T00:00:00Z");
  private static final InspectionCheckpoint CHECKPOINT =
      new InspectionCheckpoint("log.example/test-treaty", 7, Hash.sha256(new byte[] {7}).hex());

  private record Declared(
      String party, EscrowDeclaration declaration, EscrowCommitment statement) {}

  private static final class Inspection {
    final InspectionRequest request;
    final byte[] inspecting;
    final byte[] inspected;
    int step;

    Inspection(InspectionRequest request, byte[] inspecting, byte[] inspected) {
      this.request = request;
      this.inspecting = inspecting;
      this.inspected = inspected;
    }
  }

  private final RandomGenerator r;
  private final List<Declared> declared = new ArrayList<>();
  private final List<Inspection> inspections = new ArrayList<>();
  private int requests;

  EscrowFlows(RandomGenerator r) {
    this.r = r;
  }

  /** The next statement(s) of some flow. */
  List<Statement> next() {
    int kind = r.nextInt(100);
    if (kind < 25 || declared.isEmpty()) {
      return List.of(commit());
    } else if (kind < 45) {
      return reveal();
    } else if (kind < 60 || inspections.isEmpty()) {
      return List.of(request());
    }
    return step(inspections.get(r.nextInt(inspections.size())));
  }

  private String party() {
    return PARTIES[r.nextInt(PARTIES.length)];
  }

  private Instant instant() {
    return START.plusSeconds(r.nextLong(6L * 365 * 86_400));
  }

  private EscrowItem item(int i) {
    String site = "site-" + r.nextInt(3);
    return switch (r.nextInt(3)) {
      case 0, 1 ->
          new EscrowItem(
              "M-" + i,
              "missile",
              r.nextInt(4) == 0 ? "non-deployed" : "deployed",
              site,
              "",
              Map.of("warheads", (long) r.nextInt(6)));
      default ->
          new EscrowItem(
              "L-" + i, "launcher", r.nextBoolean() ? "deployed" : "test", site, "", Map.of());
    };
  }

  private Statement commit() {
    String party = party();
    var items = new TreeMap<String, EscrowItem>();
    for (int i = 1 + r.nextInt(8); i > 0; i--) {
      EscrowItem it = item(r.nextInt(12));
      items.putIfAbsent(it.id(), it);
    }
    EscrowDeclaration d = EscrowDeclaration.commit(List.copyOf(items.values()), r);
    Instant issued = instant();
    LocalDate asOf =
        LocalDate.ofInstant(issued.minusSeconds(r.nextLong(40L * 86_400)), ZoneOffset.UTC);
    String previous = "";
    Declared last = latest(party);
    if (last != null && r.nextInt(5) != 0) {
      previous = last.statement().root();
    } else if (r.nextInt(10) == 0) {
      previous =
          HexFormat.of().formatHex(RandomnessCommitments.newValue(r)); // unknown: inadmissible
    }
    EscrowCommitment c = d.commitment(TR, party, issued, asOf, previous);
    if (r.nextInt(8) == 0) {
      c = understated(c); // totals that a complete category reveal will contradict
    }
    declared.add(new Declared(party, d, c));
    return c;
  }

  /** The commitment with every attribute sum lowered by one where it can be. */
  private static EscrowCommitment understated(EscrowCommitment c) {
    var totals = new ArrayList<org.countersign.treaty.statement.EscrowTotal>();
    for (var t : c.totals()) {
      var sums = new TreeMap<String, Long>();
      t.attributeSums().forEach((k, v) -> sums.put(k, Math.max(0, v - 1)));
      totals.add(
          new org.countersign.treaty.statement.EscrowTotal(
              t.category(), t.status(), t.items(), sums));
    }
    return new EscrowCommitment(
        c.treaty(),
        c.author(),
        c.issuedAt(),
        c.asOf(),
        c.root(),
        c.itemCount(),
        totals,
        c.previousRoot());
  }

  private @Nullable Declared latest(String party) {
    Declared found = null;
    for (Declared x : declared) {
      if (x.party().equals(party)) {
        found = x;
      }
    }
    return found;
  }

  private List<Statement> reveal() {
    Declared x = declared.get(r.nextInt(declared.size()));
    String author = r.nextInt(15) == 0 ? party() : x.party(); // sometimes a foreign party
    Instant issued = x.statement().issuedAt().plusSeconds(r.nextLong(60L * 86_400));
    RevealSelection selection =
        switch (r.nextInt(4)) {
          case 0 -> RevealSelection.site("site-" + r.nextInt(3));
          case 1 -> RevealSelection.category(r.nextBoolean() ? "missile" : "launcher");
          case 2 ->
              RevealSelection.sample(
                  HexFormat.of().formatHex(RandomnessCommitments.newValue(r)),
                  1 + r.nextInt(x.declaration().itemCount()),
                  "");
          default -> null;
        };
    List<EscrowReveal> parts =
        selection == null
            ? x.declaration()
                .revealItems(
                    TR,
                    author,
                    issued,
                    List.of(
                        x.declaration().items().get(r.nextInt(x.declaration().itemCount())).id()))
            : x.declaration().reveal(TR, author, issued, selection);
    var out = new ArrayList<Statement>();
    for (EscrowReveal part : parts) {
      out.add(r.nextInt(8) == 0 && !part.items().isEmpty() ? tamper(part) : part);
    }
    return out;
  }

  /** The part with one opened item's loading changed: it no longer opens the commitment. */
  private EscrowReveal tamper(EscrowReveal part) {
    var items = new ArrayList<>(part.items());
    int i = r.nextInt(items.size());
    RevealedItem it = items.get(i);
    items.set(
        i,
        new RevealedItem(
            it.id(),
            it.category(),
            it.status(),
            it.site(),
            it.zone(),
            it.category().equals("missile") ? Map.of("warheads", 7L) : Map.of(),
            it.salt().replace('a', 'b'),
            it.leafIndex(),
            it.proof()));
    return new EscrowReveal(
        part.treaty(),
        part.author(),
        part.issuedAt(),
        part.commitmentRoot(),
        part.selection(),
        part.part(),
        part.parts(),
        items);
  }

  private Statement request() {
    String inspecting = party();
    String inspected =
        PARTIES[(java.util.Arrays.asList(PARTIES).indexOf(inspecting) + 1 + r.nextInt(2)) % 3];
    Instant at = instant();
    int year =
        LocalDate.parse("2020-01-01").until(LocalDate.ofInstant(at, ZoneOffset.UTC)).getYears() + 1;
    if (r.nextInt(12) == 0) {
      year++; // the wrong treaty year: inadmissible
    }
    Declared population = latest(inspected);
    String root = "";
    long size = 1L + r.nextInt(40);
    if (population != null && r.nextInt(4) != 0) {
      root = population.statement().root();
      size = population.statement().itemCount();
    }
    Instant commitBy = at.plus(Duration.ofHours(12));
    Instant revealBy =
        at.plus(Duration.ofHours(r.nextInt(12) == 0 ? 30 : 24)); // sometimes not the treaty's
    var request =
        new InspectionRequest(
            TR,
            inspecting,
            at,
            "r-" + requests++,
            r.nextInt(6) == 0 ? "type-two" : "type-one",
            year,
            inspected,
            "site-" + r.nextInt(3),
            CHECKPOINT,
            root,
            size,
            1,
            commitBy,
            revealBy);
    inspections.add(
        new Inspection(
            request, RandomnessCommitments.newValue(r), RandomnessCommitments.newValue(r)));
    return request;
  }

  /** The next step of an inspection, sometimes late, repeated or wrong. */
  private List<Statement> step(Inspection i) {
    InspectionRequest q = i.request;
    String id = q.requestId();
    int step = r.nextInt(8) == 0 ? r.nextInt(6) : i.step++;
    long jitter = r.nextInt(10) == 0 ? 20 * 3600 : r.nextInt(3600);
    return switch (step) {
      case 0 ->
          List.of(
              RandomnessCommitments.commit(
                  TR, q.author(), q.issuedAt().plusSeconds(60 + jitter), id, i.inspecting));
      case 1 ->
          List.of(
              RandomnessCommitments.commit(
                  TR, q.inspectedParty(), q.issuedAt().plusSeconds(90 + jitter), id, i.inspected));
      case 2 ->
          List.of(
              RandomnessCommitments.reveal(
                  TR,
                  q.inspectedParty(),
                  q.commitBy().plusSeconds(60 + jitter),
                  id,
                  r.nextInt(15) == 0 ? RandomnessCommitments.newValue(r) : i.inspected));
      case 3 ->
          List.of(
              RandomnessCommitments.reveal(
                  TR, q.author(), q.commitBy().plusSeconds(120 + jitter), id, i.inspecting));
      case 4 -> sampleReveal(i);
      default -> List.of(report(i));
    };
  }

  /** The inspected party opens the drawn leaf of the population it committed. */
  private List<Statement> sampleReveal(Inspection i) {
    InspectionRequest q = i.request;
    for (Declared x : declared) {
      if (x.statement().root().equals(q.population())) {
        Hash seed = JointDraw.seed(q, i.inspecting, i.inspected);
        return new ArrayList<>(
            x.declaration()
                .reveal(
                    TR,
                    x.party(),
                    q.revealBy().plusSeconds(600),
                    RevealSelection.sample(seed.hex(), 1, q.requestId())));
      }
    }
    return List.of(report(i));
  }

  private Statement report(Inspection i) {
    InspectionRequest q = i.request;
    var findings = new ArrayList<InspectionFinding>();
    for (Declared x : declared) {
      if (x.statement().root().equals(q.population())) {
        Hash seed = JointDraw.seed(q, i.inspecting, i.inspected);
        int leaf = (int) JointDraw.positions(q, seed)[0];
        EscrowItem drawn = x.declaration().itemAtLeaf(leaf);
        String id = r.nextInt(3) == 0 ? "M-" + (50 + r.nextInt(5)) : drawn.id();
        findings.add(
            new InspectionFinding(id, drawn.category(), drawn.status(), drawn.attributes(), true));
      }
    }
    if (findings.isEmpty() || r.nextBoolean()) {
      findings.add(
          new InspectionFinding(
              "M-" + (60 + r.nextInt(5)),
              "missile",
              "deployed",
              Map.of("warheads", (long) r.nextInt(6)),
              false));
    }
    return new InspectionReport(
        TR,
        q.author(),
        q.revealBy().plusSeconds(3600 + r.nextInt(86_400)),
        q.requestId(),
        q.inspectedParty(),
        q.site(),
        "",
        findings);
  }
}
