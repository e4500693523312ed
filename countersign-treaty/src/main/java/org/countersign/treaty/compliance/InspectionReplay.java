package org.countersign.treaty.compliance;

import static org.countersign.treaty.compliance.PartyLedger.dayOf;
import static org.countersign.treaty.compliance.PartyLedger.startOf;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.countersign.treaty.compliance.ComplianceReport.Discrepancy;
import org.countersign.treaty.compliance.ComplianceReport.DrawDelay;
import org.countersign.treaty.compliance.ComplianceReport.InspectionLine;
import org.countersign.treaty.compliance.ComplianceReport.InspectionQuotaLine;
import org.countersign.treaty.escrow.EscrowChecks;
import org.countersign.treaty.escrow.EscrowFinding;
import org.countersign.treaty.escrow.RevealedSet;
import org.countersign.treaty.inspection.Delay;
import org.countersign.treaty.inspection.DrawOutcome;
import org.countersign.treaty.inspection.ForfeitRule;
import org.countersign.treaty.inspection.InspectionBook;
import org.countersign.treaty.inspection.InspectionException;
import org.countersign.treaty.inspection.JointDraw;
import org.countersign.treaty.inspection.UniformSample;
import org.countersign.treaty.model.InspectionQuota;
import org.countersign.treaty.model.Party;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.EscrowCommitment;
import org.countersign.treaty.statement.InspectionFinding;
import org.countersign.treaty.statement.InspectionReport;
import org.countersign.treaty.statement.InspectionRequest;
import org.countersign.treaty.statement.InspectionStatement;
import org.countersign.treaty.statement.InvalidStatementException;
import org.countersign.treaty.statement.LoggedStatement;
import org.countersign.treaty.statement.RandomnessCommit;
import org.countersign.treaty.statement.RandomnessReveal;
import org.jspecify.annotations.Nullable;

/**
 * The inspections of the log: which inspection statements it admits, and the report's inspection
 * sections at an instant.
 *
 * <h2>Admission</h2>
 *
 * <p>Statements are folded in log order through one {@link InspectionBook} built from the treaty
 * file (quotas, forfeit rule, draw deadlines), which refuses a request over quota, a request whose
 * deadlines are not the treaty's, a second commitment or reveal of the same randomness, a reveal
 * that does not match its commitment, a report on an undecided draw, and so on. A request whose
 * population is an escrow root must name a logged commitment of the inspected party and draw from
 * exactly its item count, so that the drawn positions are that commitment's leaves.
 *
 * <h2>At an instant t</h2>
 *
 * <p>Only statements issued by {@code t} count. Quotas: requests counted against each inspecting
 * party's quota per type and treaty year, and requests the replay refused for that reason. Draws:
 * each request's draw is refolded from the commitments and reveals issued by {@code t}, and its
 * outcome at {@code t} under the forfeit rule names who delayed. Reports: the designated finding
 * must be the item the inspected party's reveals opened at the first drawn leaf, and every finding
 * is checked against the revealed escrow entries ({@link EscrowChecks#inspections}).
 */
final class InspectionReplay {
  private static final Pattern ROOT = Pattern.compile("[0-9a-f]{64}");

  private final Treaty treaty;
  private final ForfeitRule rule;
  private final InspectionBook book;
  private final List<LoggedStatement<InspectionRequest>> requests = new ArrayList<>();
  private final Map<String, List<LoggedStatement<InspectionStatement>>> byRequest = new HashMap<>();
  private final List<LoggedStatement<InspectionRequest>> refused = new ArrayList<>();

  InspectionReplay(Treaty treaty) {
    this.treaty = treaty;
    this.rule = ForfeitRule.of(treaty);
    this.book = InspectionBook.of(treaty);
  }

  /**
   * Whether {@code s} may be logged next, changing nothing.
   *
   * @throws InvalidStatementException with the rule broken and the values
   */
  void check(InspectionStatement s, EscrowReplay escrow) throws InvalidStatementException {
    population(s, escrow);
    try {
      book.check(s);
    } catch (InspectionException e) {
      throw new InvalidStatementException(s.kind() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Admits {@code s} as entry {@code index}, or throws; a request refused for being over quota or
   * of a type without quota is remembered for the quota lines.
   */
  void apply(long index, InspectionStatement s, EscrowReplay escrow)
      throws InvalidStatementException {
    population(s, escrow);
    try {
      book.apply(s);
    } catch (InspectionException e) {
      if (s instanceof InspectionRequest r
          && (e.reason() == InspectionException.Reason.OVER_QUOTA
              || e.reason() == InspectionException.Reason.UNKNOWN_TYPE)) {
        refused.add(new LoggedStatement<>(index, r));
      }
      throw new InvalidStatementException(s.kind() + ": " + e.getMessage(), e);
    }
    switch (s) {
      case InspectionRequest r -> requests.add(new LoggedStatement<>(index, r));
      case RandomnessCommit c -> statements(c.requestId()).add(new LoggedStatement<>(index, c));
      case RandomnessReveal r -> statements(r.requestId()).add(new LoggedStatement<>(index, r));
      case InspectionReport r -> statements(r.requestId()).add(new LoggedStatement<>(index, r));
    }
  }

  private List<LoggedStatement<InspectionStatement>> statements(String requestId) {
    return byRequest.computeIfAbsent(requestId, k -> new ArrayList<>());
  }

  /** A request drawing from an escrow root draws that commitment's leaves, all of them. */
  private static void population(InspectionStatement s, EscrowReplay escrow)
      throws InvalidStatementException {
    if (!(s instanceof InspectionRequest r) || !ROOT.matcher(r.population()).matches()) {
      return;
    }
    Optional<LoggedStatement<EscrowCommitment>> c = escrow.commitment(r.population());
    if (c.isEmpty() || !c.get().statement().author().equals(r.inspectedParty())) {
      throw new InvalidStatementException(
          r.kind()
              + ": population "
              + r.population()
              + " is not the root of a logged escrow commitment by "
              + r.inspectedParty()
              + ", the inspected party");
    }
    long items = c.get().statement().itemCount();
    if (r.populationSize() != items) {
      throw new InvalidStatementException(
          r.kind()
              + ": populationSize "
              + r.populationSize()
              + " must be the "
              + items
              + " items of the commitment of entry "
              + c.get().index()
              + " that population names");
    }
  }

  /**
   * The report's inspection sections at {@code t}.
   *
   * @param discrepancies receives the designated-item mismatches and the findings that contradict
   *     the revealed escrow
   */
  Sections at(
      Instant t,
      EscrowReplay.View escrow,
      Map<String, PartyLedger> ledgers,
      List<Discrepancy> discrepancies) {
    var lines = new ArrayList<InspectionLine>();
    for (LoggedStatement<InspectionRequest> e : requests) {
      if (!e.statement().issuedAt().isAfter(t)) {
        lines.add(line(e, t, escrow, ledgers, discrepancies));
      }
    }
    return new Sections(quotaLines(t), lines);
  }

  /** The two inspection sections of a report. */
  record Sections(List<InspectionQuotaLine> quotas, List<InspectionLine> inspections) {}

  private List<InspectionQuotaLine> quotaLines(Instant t) {
    record Key(String party, String type, int year) {}
    var used = new TreeMap<String, List<Long>>();
    var refusedBy = new TreeMap<String, List<Long>>();
    var keys = new TreeMap<String, Key>();
    LocalDate day = dayOf(t);
    if (treaty.inForceOn(day)) {
      int year = treaty.dates().treatyYearOf(day).number();
      for (Party p : treaty.parties()) {
        if (p.isParty() && !day.isBefore(p.joins())) {
          for (InspectionQuota q : treaty.inspectionQuotas()) {
            var k = new Key(p.id(), q.type(), year);
            keys.put(sortKey(k.party(), k.type(), k.year()), k);
          }
        }
      }
    }
    for (LoggedStatement<InspectionRequest> e : requests) {
      InspectionRequest r = e.statement();
      if (!r.issuedAt().isAfter(t)) {
        String key = sortKey(r.author(), r.inspectionType(), r.treatyYear());
        keys.put(key, new Key(r.author(), r.inspectionType(), r.treatyYear()));
        used.computeIfAbsent(key, k -> new ArrayList<>()).add(e.index());
      }
    }
    for (LoggedStatement<InspectionRequest> e : refused) {
      InspectionRequest r = e.statement();
      if (!r.issuedAt().isAfter(t)) {
        String key = sortKey(r.author(), r.inspectionType(), r.treatyYear());
        keys.put(key, new Key(r.author(), r.inspectionType(), r.treatyYear()));
        refusedBy.computeIfAbsent(key, k -> new ArrayList<>()).add(e.index());
      }
    }
    var out = new ArrayList<InspectionQuotaLine>();
    for (var e : keys.entrySet()) {
      Key k = e.getValue();
      int quota = treaty.inspectionQuota(k.type()).map(InspectionQuota::perYear).orElse(0);
      List<Long> u = used.getOrDefault(e.getKey(), List.of());
      List<Long> x = refusedBy.getOrDefault(e.getKey(), List.of());
      var evidence = new ArrayList<>(u);
      evidence.addAll(x);
      out.add(
          new InspectionQuotaLine(
              k.party(),
              k.type(),
              k.year(),
              quota,
              u.size(),
              x.size(),
              Math.max(0, quota - u.size()),
              Analysis.sorted(evidence)));
    }
    return out;
  }

  /** Party, type and year in an order-preserving string (years padded: 2 sorts before 10). */
  private static String sortKey(String party, String type, int year) {
    return party + '\0' + type + '\0' + String.format(Locale.ROOT, "%04d", year);
  }

  private InspectionLine line(
      LoggedStatement<InspectionRequest> e,
      Instant t,
      EscrowReplay.View escrow,
      Map<String, PartyLedger> ledgers,
      List<Discrepancy> discrepancies) {
    InspectionRequest r = e.statement();
    var draw = new JointDraw(r);
    var evidence = new ArrayList<Long>(List.of(e.index()));
    LoggedStatement<InspectionReport> report = null;
    for (LoggedStatement<InspectionStatement> s :
        byRequest.getOrDefault(r.requestId(), List.of())) {
      if (s.statement().issuedAt().isAfter(t)) {
        continue;
      }
      try {
        switch (s.statement()) {
          case RandomnessCommit c -> draw.commit(c);
          case RandomnessReveal v -> draw.reveal(v);
          case InspectionReport x -> report = new LoggedStatement<>(s.index(), x);
          case InspectionRequest x -> {}
        }
        evidence.add(s.index());
      } catch (InspectionException notYet) {
        // Admitted in log order, but not valid among the statements issued by t (an issue time
        // out of log order): at t it had not happened.
      }
    }
    DrawOutcome outcome = draw.outcome(t, rule);
    String state =
        switch (outcome) {
          case DrawOutcome.Pending p -> "pending";
          case DrawOutcome.Drawn d -> "drawn";
          case DrawOutcome.InspectingPartyChooses c -> "inspecting-party-chooses";
          case DrawOutcome.Lapsed l -> "lapsed";
        };
    String seed = null;
    var positions = new ArrayList<Long>();
    if (outcome instanceof DrawOutcome.Drawn d) {
      seed = d.seed().hex();
      for (long p :
          UniformSample.draw(
              d.seed(),
              Math.min(r.sampleSize(), InspectionLine.MAX_POSITIONS_SHOWN),
              r.populationSize())) {
        positions.add(p);
      }
    }
    var delays = new ArrayList<DrawDelay>();
    for (Delay d : outcome.delays()) {
      delays.add(new DrawDelay(d.party(), d.missed().name().toLowerCase(Locale.ROOT)));
    }
    Optional<RevealedSet> escrowed =
        ROOT.matcher(r.population()).matches()
            ? escrow
                .set(r.population())
                .filter(x -> x.commitment().statement().author().equals(r.inspectedParty()))
            : Optional.empty();
    String designatedItem = null;
    if (!positions.isEmpty() && escrowed.isPresent()) {
      long leaf = positions.get(0);
      designatedItem =
          escrowed.get().opened().values().stream()
              .filter(o -> o.leafIndex() == leaf)
              .map(o -> o.item().id())
              .findFirst()
              .orElse(null);
    }
    String check;
    if (report == null) {
      check = "no-report";
    } else {
      escrow.issued().put(e.index(), r.issuedAt());
      escrow.issued().put(report.index(), report.statement().issuedAt());
      findings(report, r, t, escrow, ledgers, escrowed, discrepancies);
      check =
          designatedCheck(
              e, report, outcome, escrowed, positions, designatedItem, escrow, discrepancies);
    }
    return new InspectionLine(
        r.requestId(),
        e.index(),
        r.author(),
        r.inspectedParty(),
        r.inspectionType(),
        r.treatyYear(),
        r.site(),
        r.commitBy(),
        r.revealBy(),
        state,
        seed,
        r.population(),
        r.sampleSize(),
        positions,
        designatedItem,
        delays,
        report == null ? null : report.index(),
        check,
        Analysis.sorted(evidence));
  }

  /**
   * Whether the report's designated findings are the drawn object: the item the inspected party's
   * reveals opened at the first drawn leaf of the commitment the request draws from.
   */
  private static String designatedCheck(
      LoggedStatement<InspectionRequest> request,
      LoggedStatement<InspectionReport> report,
      DrawOutcome outcome,
      Optional<RevealedSet> escrowed,
      List<Long> positions,
      @Nullable String designatedItem,
      EscrowReplay.View escrow,
      List<Discrepancy> discrepancies) {
    if (outcome instanceof DrawOutcome.InspectingPartyChooses) {
      return "chosen-by-inspecting-party";
    }
    if (!(outcome instanceof DrawOutcome.Drawn)) {
      return "not-drawn";
    }
    if (escrowed.isEmpty()) {
      return "not-escrowed";
    }
    List<InspectionFinding> flagged =
        report.statement().findings().stream().filter(InspectionFinding::designated).toList();
    if (flagged.isEmpty()) {
      return "not-flagged";
    }
    if (designatedItem == null) {
      return "not-revealed";
    }
    RevealedSet set = escrowed.get();
    RevealedSet.Opened opened = set.opened(designatedItem).orElseThrow();
    boolean matches = true;
    for (InspectionFinding f : flagged) {
      if (f.itemId().equals(designatedItem)) {
        continue;
      }
      matches = false;
      InspectionRequest r = request.statement();
      List<Long> evidence =
          Analysis.sorted(
              List.of(
                  request.index(), report.index(), set.commitment().index(), opened.revealEntry()));
      discrepancies.add(
          new Discrepancy(
              "designated-item-mismatch",
              r.inspectedParty(),
              EscrowReplay.dateOf(evidence, escrow.issued(), escrow.t()),
              f.itemId(),
              "the report of entry "
                  + report.index()
                  + " on request "
                  + r.requestId()
                  + " names item "
                  + f.itemId()
                  + " as the designated object, but the joint draw"
                  + " designated leaf "
                  + positions.get(0)
                  + " of the commitment of entry "
                  + set.commitment().index()
                  + ", which the reveal of entry "
                  + opened.revealEntry()
                  + " opened as item "
                  + designatedItem,
              evidence));
    }
    return matches ? "matches" : "mismatch";
  }

  /**
   * Checks the report's findings against the inspected party's escrow in force: the commitment the
   * request draws from, else its latest commitment issued by the report.
   */
  private void findings(
      LoggedStatement<InspectionReport> report,
      InspectionRequest request,
      Instant t,
      EscrowReplay.View escrow,
      Map<String, PartyLedger> ledgers,
      Optional<RevealedSet> escrowed,
      List<Discrepancy> discrepancies) {
    InspectionReport x = report.statement();
    Optional<RevealedSet> set =
        escrowed.or(
            () ->
                escrow
                    .latest(request.inspectedParty(), x.issuedAt())
                    .map(c -> escrow.sets().get(c.index())));
    if (set.isEmpty()) {
      return;
    }
    EscrowCommitment c = set.get().commitment().statement();
    var explanations =
        escrow.explanations(
            treaty, ledgers.get(request.inspectedParty()), startOf(c.asOf()), x.issuedAt());
    for (EscrowFinding f :
        EscrowChecks.inspections(
            set.get(), List.of(new LoggedStatement<>(report.index(), x)), explanations)) {
      discrepancies.add(EscrowReplay.discrepancy(f, escrow.issued(), t));
    }
  }
}
