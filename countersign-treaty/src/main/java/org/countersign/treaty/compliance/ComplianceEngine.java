package org.countersign.treaty.compliance;

import static org.countersign.treaty.compliance.PartyLedger.dayOf;
import static org.countersign.treaty.compliance.PartyLedger.startOf;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.countersign.treaty.compliance.ComplianceReport.DataExchangeFinding;
import org.countersign.treaty.compliance.ComplianceReport.Discrepancy;
import org.countersign.treaty.compliance.ComplianceReport.DisputeFinding;
import org.countersign.treaty.compliance.ComplianceReport.InadmissibleEntry;
import org.countersign.treaty.compliance.ComplianceReport.LimitLine;
import org.countersign.treaty.compliance.ComplianceReport.NotificationFinding;
import org.countersign.treaty.compliance.ComplianceReport.PartyReport;
import org.countersign.treaty.compliance.ComplianceReport.Reading;
import org.countersign.treaty.compliance.ComplianceReport.TreatyStatus;
import org.countersign.treaty.model.CountingRule;
import org.countersign.treaty.model.DataExchangeSchedule;
import org.countersign.treaty.model.Limit;
import org.countersign.treaty.model.Party;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.ChangeNotification;
import org.countersign.treaty.statement.DataExchangeUpdate;
import org.countersign.treaty.statement.Declaration;
import org.countersign.treaty.statement.DeclaredItem;
import org.countersign.treaty.statement.Dispute;
import org.countersign.treaty.statement.EscrowCommitment;
import org.countersign.treaty.statement.EscrowStatement;
import org.countersign.treaty.statement.EscrowTotal;
import org.countersign.treaty.statement.InspectionStatement;
import org.countersign.treaty.statement.InvalidStatementException;
import org.countersign.treaty.statement.LaunchNotification;
import org.countersign.treaty.statement.LoggedStatement;
import org.countersign.treaty.statement.NegotiationStatement;
import org.countersign.treaty.statement.RegistryStatement;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.Suspension;
import org.countersign.treaty.statement.TreatyAdoption;
import org.countersign.treaty.statement.Withdrawal;
import org.jspecify.annotations.Nullable;

/**
 * Compliance as a deterministic fold over the log: apply entries in log order, ask for a report at
 * any instant.
 *
 * <h2>Contract</h2>
 *
 * <ul>
 *   <li><b>Pure and deterministic.</b> The report is a function of the treaty, the entries applied
 *       and the instant; nothing else (no clock, no randomness, no iteration order of hash maps)
 *       reaches it. Replaying the same prefix in a fresh engine, or applying it incrementally with
 *       reports taken in between, gives the same report, byte for byte.
 *   <li><b>Incremental.</b> {@link #apply} is cheap (an index insertion); derived facts are
 *       recomputed lazily per party, only for parties whose statements changed.
 *   <li><b>Nothing silently ignored.</b> Every entry is checked with {@link Admission}; an entry
 *       the treaty does not admit is listed in the report as inadmissible, never dropped unseen.
 *       Registry statements (keys) carry no compliance facts. Escrow and inspection statements are
 *       also checked against what is logged before them ({@link #checkAdmissible}): a reveal of an
 *       unknown declaration, a request over quota or a second reveal of the same randomness is
 *       inadmissible.
 * </ul>
 *
 * <h2>What a report at instant t says</h2>
 *
 * <p><b>Totals</b> describe the state at {@code t} as the whole applied prefix declares it: a
 * declaration or data exchange as of a date describes 00:00 UTC of that date, whenever it was
 * issued. For each party and limit the engine takes the most recent evidence: its item-level
 * inventory (the latest complete declaration as of {@code t} or earlier, rolled forward by the
 * change notifications effective up to {@code t}, counted with the treaty's counting rules) or the
 * total it published in its latest data exchange as of {@code t} or earlier, whichever describes a
 * later instant (items win a tie, as they are what the rules count). A data exchange's published
 * totals are thus the party's declared totals for its as-of date until newer evidence exists; where
 * both exist for the same date and differ, that is a discrepancy.
 *
 * <p><b>Duties</b> describe what had been done by {@code t}: a notification counts only if issued
 * at or before {@code t}. A duty whose deadline has passed without a notification is missing at
 * {@code t} even if one came later; one issued after its deadline is late. A scheduled data
 * exchange is on time, late, missing or pending likewise. Disputes, suspensions, withdrawals and
 * adoptions count from their issue time. <b>Discrepancies</b> are listed from the day they arise.
 *
 * <p><b>Limits in force.</b> A limit binds a party on a day when the treaty is in force (with the
 * extensions agreed by then), the day is on or after the limit's {@code bindsFrom} and the party's
 * joining day, and the party's withdrawal has not taken effect. An excess on other days is reported
 * as exceeded but not as a breach.
 *
 * <p><b>Escrow and inspections</b> count from their issue time too. Each escrowed declaration is
 * checked against its reveals (a reveal that does not open it, revealed items that contradict its
 * totals) and against its predecessor (differences no change notification explains); each
 * inspection report against the revealed escrow (an item found in a region revealed complete but
 * not revealed, a finding that differs from the revealed item, a designated item other than the
 * drawn one). These are discrepancies, with the entries that prove them. The report also counts
 * inspection quotas used and refused, shows each request's joint draw and who delayed it under the
 * treaty's forfeit rule, and gives the detection probability of the treaty's own quotas against
 * each party's declared items.
 *
 * <p>Instances are safe for use from several threads (methods are synchronized); reports are
 * immutable.
 */
public final class ComplianceEngine {
  private final Treaty treaty;
  private final Map<String, PartyLedger> ledgers = new TreeMap<>();

  /**
   * The ledger of a treaty party; only admitted statements (author and respondent are parties) ask.
   */
  private PartyLedger ledger(String party) {
    PartyLedger l = ledgers.get(party);
    if (l == null) {
      throw new IllegalStateException(
          "no ledger for party " + party + " (admission let it through)");
    }
    return l;
  }

  private final Map<String, Analysis> analyses = new HashMap<>();
  private final List<LoggedStatement<Dispute>> disputes = new ArrayList<>();
  private final List<Refused> inadmissible = new ArrayList<>();
  private final EscrowReplay escrow = new EscrowReplay();
  private final InspectionReplay inspections;

  /** Every entry applied, in order: an as-known report replays those issued by its instant. */
  private final List<LoggedStatement<?>> applied = new ArrayList<>();

  /** The last as-known sub-engine built, kept while no entry is applied. */
  private @Nullable Known known;

  private long entries;
  private long lastIndex = -1;

  private record Known(Instant at, long entries, ComplianceEngine engine) {}

  private record Refused(long index, String author, String kind, String reason, Instant issuedAt) {}

  /** An engine with no entries applied yet. */
  public ComplianceEngine(Treaty treaty) {
    this.treaty = treaty;
    this.inspections = new InspectionReplay(treaty);
    for (Party p : treaty.parties()) {
      ledgers.put(p.id(), new PartyLedger(p));
    }
  }

  /**
   * A fresh engine with every entry of {@code log} applied in order, its derived state {@linkplain
   * #prepare() prepared}: the replay is the load, and the first question after it is as fast as any
   * other.
   */
  public static ComplianceEngine replay(Treaty treaty, Iterable<? extends LoggedStatement<?>> log) {
    var engine = new ComplianceEngine(treaty);
    engine.applyAll(log);
    engine.prepare();
    return engine;
  }

  /**
   * Builds, or brings up to date, what every question reads: each party's {@link Timeline} (one
   * pass over its change notifications) and its analysis. Otherwise the first report, evaluation or
   * forces query after a load pays for them (on the one-million-statement log, seconds), and its
   * user waits. Cheap when nothing was applied since the last call. A server's follower calls it
   * once it has caught up with the published log.
   */
  public synchronized void prepare() {
    for (PartyLedger ledger : ledgers.values()) {
      if (ledger.party.isParty()) {
        ledger.timeline(treaty);
        analysis(ledger);
      }
    }
  }

  /** The treaty this engine replays under. */
  public Treaty treaty() {
    return treaty;
  }

  /** How many entries have been applied. */
  public synchronized long entries() {
    return entries;
  }

  /** The index of the last entry applied, or -1. */
  public synchronized long lastIndex() {
    return lastIndex;
  }

  /** Applies every entry of {@code log}, in order. */
  public synchronized void applyAll(Iterable<? extends LoggedStatement<?>> log) {
    for (LoggedStatement<?> e : log) {
      apply(e);
    }
  }

  /**
   * Applies the next log entry.
   *
   * @throws IllegalArgumentException if {@code entry.index()} is not greater than the last index
   *     applied (entries come in log order; gaps are allowed for entries of no concern here)
   */
  public synchronized void apply(LoggedStatement<?> entry) {
    if (entry.index() <= lastIndex) {
      throw new IllegalArgumentException(
          "entries must be applied in log order: index " + entry.index() + " after " + lastIndex);
    }
    lastIndex = entry.index();
    entries++;
    applied.add(entry);
    known = null;
    Statement s = entry.statement();
    long i = entry.index();
    try {
      Admission.check(treaty, s);
      switch (s) {
        case EscrowStatement x -> escrow.check(x);
        case InspectionStatement x -> inspections.apply(i, x, escrow);
        default -> {}
      }
    } catch (InvalidStatementException e) {
      inadmissible.add(
          new Refused(
              i,
              s.author(),
              s.kind(),
              Objects.requireNonNullElse(e.getMessage(), e.toString()),
              s.issuedAt()));
      return;
    }
    PartyLedger author = ledger(s.author());
    switch (s) {
      case RegistryStatement r -> {}
      case NegotiationStatement n -> {} // Admission refuses them; unreachable
      case EscrowStatement x -> escrow.add(i, x);
      case InspectionStatement x -> {}
      case TreatyAdoption a -> author.adoptions.add(new LoggedStatement<>(i, a));
      case Declaration d -> author.addDeclaration(new LoggedStatement<>(i, d));
      case ChangeNotification c -> author.addChange(new LoggedStatement<>(i, c));
      case LaunchNotification l -> author.launches.add(new LoggedStatement<>(i, l));
      case DataExchangeUpdate x -> author.addExchange(new LoggedStatement<>(i, x));
      case Dispute d -> {
        disputes.add(new LoggedStatement<>(i, d));
        ledger(d.respondent()).disputesAgainst.add(new LoggedStatement<>(i, d));
        analyses.remove(d.respondent());
      }
      case Suspension x -> author.suspensions.add(new LoggedStatement<>(i, x));
      case Withdrawal w -> author.withdrawals.add(new LoggedStatement<>(i, w));
    }
    analyses.remove(s.author());
  }

  /**
   * Whether {@code statement} would be admitted as the next entry, changing nothing: the treaty's
   * rules ({@link Admission}) and the rules that depend on what is logged already. A reveal must
   * open a logged escrow commitment of its author, a commitment must name its author's earlier root
   * (or none) and a root of its own; an inspection request must fit the quota of its type and year
   * and carry the treaty's draw deadlines, a randomness commitment or reveal must be the first of
   * its side for a logged request, a reveal must match its commitment, and a report must follow a
   * decided draw. This is the check a server runs before it logs a statement, so that a refused
   * statement writes nothing; {@link #apply} runs the same rules and lists an entry that fails them
   * as inadmissible.
   *
   * <p>A reveal that names a known commitment but does not open it is admitted: it is the party's
   * signed statement, and the report lists it as a discrepancy.
   *
   * @throws InvalidStatementException naming the rule and the offending value
   */
  public synchronized void checkAdmissible(Statement statement) throws InvalidStatementException {
    Admission.check(treaty, statement);
    switch (statement) {
      case EscrowStatement x -> escrow.check(x);
      case InspectionStatement x -> inspections.check(x, escrow);
      default -> {}
    }
  }

  /** The report at the last second of {@code day} (23:59:59 UTC), in the default view. */
  public ComplianceReport reportAt(LocalDate day) {
    return reportAt(day, ReportView.DEFAULT);
  }

  /** The report at the last second of {@code day} (23:59:59 UTC), in {@code view}. */
  public ComplianceReport reportAt(LocalDate day, ReportView view) {
    return reportAt(startOf(day.plusDays(1)).minusSeconds(1), view);
  }

  /** The report at {@code at}, truncated to whole seconds, in the default view. */
  public ComplianceReport reportAt(Instant at) {
    return reportAt(at, ReportView.DEFAULT);
  }

  /**
   * The report at {@code at}, truncated to whole seconds, in {@code view} (see {@link ReportView}).
   *
   * <p>An as-known report is the report of a fresh engine that applied only the entries issued at
   * or before the instant, in log order, with this engine's {@code entries} and {@code lastIndex}
   * (the prefix it was taken from) and the count of entries it left out. When no applied entry was
   * issued after the instant, both views are the same report but for their {@code view}.
   */
  public synchronized ComplianceReport reportAt(Instant at, ReportView view) {
    Instant t = at.truncatedTo(ChronoUnit.SECONDS);
    long later = 0;
    for (LoggedStatement<?> e : applied) {
      if (e.statement().issuedAt().isAfter(t)) {
        later++;
      }
    }
    if (view == ReportView.RETROSPECTIVE || later == 0) {
      return compute(t, view, later, entries, lastIndex);
    }
    Known k = known;
    if (k == null || !k.at().equals(t) || k.entries() != entries) {
      var sub = new ComplianceEngine(treaty);
      for (LoggedStatement<?> e : applied) {
        if (!e.statement().issuedAt().isAfter(t)) {
          sub.apply(e);
        }
      }
      k = new Known(t, entries, sub);
      known = k;
    }
    return k.engine().compute(t, view, later, entries, lastIndex);
  }

  private synchronized ComplianceReport compute(
      Instant t, ReportView view, long later, long prefixEntries, long prefixLastIndex) {
    LocalDate day = dayOf(t);
    var d = treaty.dates();
    var status =
        new TreatyStatus(
            treaty.inForceOn(day),
            d.signed(),
            d.entryIntoForce(),
            d.expiryKnownOn(day),
            day.isBefore(d.entryIntoForce()) ? 0 : d.treatyYearOf(day).number());
    var parties = new ArrayList<PartyReport>();
    var notifications = new ArrayList<NotificationFinding>();
    var exchanges = new ArrayList<DataExchangeFinding>();
    var discrepancies = new ArrayList<Discrepancy>();
    long onTime = 0;
    EscrowReplay.View escrowView = escrow.at(t);
    // Totals take the latest evidence as of the day whatever its issue time, for escrowed
    // declarations as for item-level declarations and data exchanges: the engine holds what the
    // report's view may use (an as-known report is computed by one holding only what was issued by
    // then), so a retrospective report counts an escrowed declaration logged after its date.
    EscrowReplay.View allCommitments = escrow.at(Instant.MAX);
    var states = new HashMap<String, ItemState>();
    for (PartyLedger ledger : ledgers.values()) {
      Analysis a = analysis(ledger);
      ItemState state = ledger.party.isParty() ? ledger.stateAt(treaty, t) : null;
      if (state != null) {
        states.put(ledger.party.id(), state);
      }
      parties.add(partyReport(ledger, state, t, day, allCommitments));
      onTime += countAtOrBefore(a.onTime, t);
      notifications(ledger, a, t, notifications);
      if (ledger.party.isParty()) {
        dataExchanges(ledger, t, day, exchanges, escrowView);
      }
      for (Discrepancy x : a.discrepancies) {
        if (!x.date().isAfter(day) && !hiddenInEscrow(escrowView, x)) {
          discrepancies.add(x);
        }
      }
      if (state != null && state.exists()) {
        pairings(ledger.party.id(), state, discrepancies);
      }
    }
    for (var f : escrowView.declarationFindings(treaty, ledgers)) {
      discrepancies.add(EscrowReplay.discrepancy(f, escrowView.issued(), t));
    }
    InspectionReplay.Sections inspected = inspections.at(t, escrowView, ledgers, discrepancies);
    notifications.sort(
        Comparator.comparing(NotificationFinding::party)
            .thenComparing(NotificationFinding::deadline)
            .thenComparing(NotificationFinding::duty)
            .thenComparing(NotificationFinding::item)
            .thenComparing(n -> n.evidence().toString()));
    discrepancies.sort(
        Comparator.comparing(Discrepancy::party)
            .thenComparing(Discrepancy::date)
            .thenComparing(Discrepancy::kind)
            .thenComparing(Discrepancy::item)
            .thenComparing(x -> x.evidence().toString())
            .thenComparing(Discrepancy::detail));
    var disputeFindings = new ArrayList<DisputeFinding>();
    for (LoggedStatement<Dispute> e : disputes) {
      if (!e.statement().issuedAt().isAfter(t)) {
        disputeFindings.add(disputeFinding(e, t, day, escrowView));
      }
    }
    var refused = new ArrayList<InadmissibleEntry>();
    for (Refused r : inadmissible) {
      if (!r.issuedAt().isAfter(t)) {
        refused.add(new InadmissibleEntry(r.index(), r.author(), r.kind(), r.reason()));
      }
    }
    return new ComplianceReport(
        treaty.id(),
        treaty.digest(),
        t,
        prefixEntries,
        prefixLastIndex,
        status,
        parties,
        onTime,
        notifications,
        exchanges,
        discrepancies,
        disputeFindings,
        refused,
        inspected.quotas(),
        inspected.inspections(),
        DetectionFigures.lines(treaty, ledgers, states, escrowView, t),
        view.id(),
        later);
  }

  /**
   * Every escrow commitment issued by {@code at} (truncated to whole seconds), one by one, with the
   * reveals issued against each by then.
   */
  public synchronized EscrowLedger escrowAt(Instant at) {
    Instant t = at.truncatedTo(ChronoUnit.SECONDS);
    return new EscrowLedger(t, entries, escrow.ledger(t));
  }

  /**
   * Each party's totals against each limit over time, up to {@code at}: for each day of the series
   * (see {@link ComplianceSeries}), what the report at that day's last second says, and on the day
   * of {@code at} what the report at {@code at} says.
   */
  public synchronized ComplianceSeries seriesAt(Instant at) {
    Instant t = at.truncatedTo(ChronoUnit.SECONDS);
    LocalDate day = dayOf(t);
    var byLimit = new LinkedHashMap<String, List<ComplianceSeries.PartySeries>>();
    for (Limit limit : treaty.limits()) {
      byLimit.put(limit.id(), new ArrayList<>());
    }
    for (PartyLedger ledger : ledgers.values()) {
      if (!ledger.party.isParty()) {
        continue;
      }
      var findings = new ArrayList<DataExchangeFinding>();
      dataExchanges(ledger, t, day, findings, escrow.at(t));
      var exchangeOn = new HashMap<LocalDate, DataExchangeFinding>();
      var days = new TreeSet<LocalDate>();
      for (DataExchangeFinding x : findings) {
        // Two calendars on one day: the first by calendar id (findings are sorted so).
        exchangeOn.putIfAbsent(x.asOf(), x);
        days.add(x.asOf());
      }
      days.addAll(ledger.exchanges.keySet());
      for (DeclarationSet d : ledger.declarations.values()) {
        if (d.complete()) {
          days.add(d.asOf);
        }
      }
      for (Limit limit : treaty.limits()) {
        days.add(limit.bindsFrom());
      }
      for (LoggedStatement<Suspension> s : ledger.suspensions) {
        if (!s.statement().issuedAt().isAfter(t)) {
          days.add(s.statement().effective());
        }
      }
      days.add(day);
      var points = new HashMap<String, List<ComplianceSeries.Point>>();
      LocalDate signed = treaty.dates().signed();
      for (LocalDate d :
          signed.isAfter(day) ? Set.<LocalDate>of() : days.subSet(signed, true, day, true)) {
        Instant end = d.equals(day) ? t : startOf(d.plusDays(1)).minusSeconds(1);
        PartyReport r =
            partyReport(ledger, ledger.stateAt(treaty, end), end, d, escrow.at(Instant.MAX));
        for (LimitLine line : r.limits()) {
          points
              .computeIfAbsent(line.limit(), k -> new ArrayList<>())
              .add(
                  new ComplianceSeries.Point(
                      d,
                      r.standing(),
                      line.inForce(),
                      line.total(),
                      line.source(),
                      line.asOf(),
                      line.margin(),
                      line.exceeded(),
                      line.breach(),
                      line.evidence(),
                      line.readings(),
                      exchangeOn.get(d)));
        }
      }
      for (Limit limit : treaty.limits()) {
        if (limit.appliesTo(ledger.party.id())) {
          byLimit
              .computeIfAbsent(limit.id(), k -> new ArrayList<>())
              .add(
                  new ComplianceSeries.PartySeries(
                      ledger.party.id(),
                      ledger.party.name(),
                      points.getOrDefault(limit.id(), List.of())));
        }
      }
    }
    var limits = new ArrayList<ComplianceSeries.LimitSeries>();
    for (Limit limit : treaty.limits()) {
      limits.add(
          new ComplianceSeries.LimitSeries(
              limit.id(),
              limit.name(),
              limit.value(),
              limit.bindsFrom(),
              limit.zone(),
              byLimit.getOrDefault(limit.id(), List.of())));
    }
    return new ComplianceSeries(treaty.id(), treaty.digest(), t, entries, lastIndex, limits);
  }

  /**
   * Every party's declared item-level inventory at {@code at} (truncated to whole seconds), with
   * the readings of the parties that dispute it: what the report counts, handed over so that
   * another treaty's counting rules (a proposal's) can count the same forces. Parties that have
   * declared no item are left out; so are observers and witnesses.
   */
  public synchronized java.util.SortedMap<String, DeclaredForces> declaredForcesAt(Instant at) {
    Instant t = at.truncatedTo(ChronoUnit.SECONDS);
    var out = new TreeMap<String, DeclaredForces>();
    for (PartyLedger ledger : ledgers.values()) {
      if (!ledger.party.isParty()) {
        continue;
      }
      ItemState state = ledger.stateAt(treaty, t);
      if (!state.exists()) {
        continue;
      }
      var readings = new TreeMap<String, List<DeclaredItem>>();
      var readingEvidence = new TreeMap<String, List<Long>>();
      for (var r : readings(ledger, state, t).entrySet()) {
        readings.put(r.getKey(), live(r.getValue().values()));
        readingEvidence.put(r.getKey(), disputeIndexes(ledger, r.getKey(), t));
      }
      var categories = new HashSet<String>();
      for (DeclaredItem item : state.items().values()) {
        categories.add(item.category());
      }
      out.put(
          ledger.party.id(),
          new DeclaredForces(
              ledger.party.id(),
              dayOf(state.freshness()),
              live(state.items().values()),
              state.evidence(categories),
              readings,
              readingEvidence,
              categories));
    }
    return out;
  }

  private List<DeclaredItem> live(java.util.Collection<DeclaredItem> items) {
    var out = new ArrayList<DeclaredItem>(items.size());
    for (DeclaredItem item : items) {
      if (!treaty.isTerminal(item.status())) {
        out.add(item);
      }
    }
    out.sort(Comparator.comparing(DeclaredItem::id));
    return out;
  }

  /**
   * Whether {@code x} is a change to an item missing from the party's item-level inventory while
   * the party had an escrowed declaration: the item may be among the committed items nobody has
   * seen, so the change is not evidence of an undeclared item. (Whether the escrow really holds it
   * is for reveals and inspections to show.)
   */
  private static boolean hiddenInEscrow(EscrowReplay.View view, Discrepancy x) {
    if (!x.kind().equals(Transitions.UNDECLARED)) {
      return false;
    }
    for (LoggedStatement<EscrowCommitment> c :
        view.commitments().getOrDefault(x.party(), List.of())) {
      if (!c.statement().asOf().isAfter(x.date())) {
        return true;
      }
    }
    return false;
  }

  private Analysis analysis(PartyLedger ledger) {
    return analyses.computeIfAbsent(ledger.party.id(), k -> Analysis.of(treaty, ledger));
  }

  private static long countAtOrBefore(List<Instant> sorted, Instant t) {
    int i = Collections.binarySearch(sorted, t);
    if (i < 0) {
      return -(i + 1L);
    }
    while (i + 1 < sorted.size() && sorted.get(i + 1).equals(t)) {
      i++;
    }
    return i + 1L;
  }

  private PartyReport partyReport(
      PartyLedger ledger,
      @Nullable ItemState state,
      Instant t,
      LocalDate day,
      EscrowReplay.View escrowView) {
    Party p = ledger.party;
    Long adoption = null;
    for (LoggedStatement<TreatyAdoption> a : ledger.adoptions) {
      if (!a.statement().issuedAt().isAfter(t)
          && a.statement().treatyDigest().equals(treaty.digest())) {
        adoption = a.index();
        break;
      }
    }
    LoggedStatement<Suspension> suspension = null;
    for (LoggedStatement<Suspension> s : ledger.suspensions) {
      if (!s.statement().issuedAt().isAfter(t)
          && !s.statement().effective().isAfter(day)
          && (suspension == null
              || s.statement().effective().isAfter(suspension.statement().effective()))) {
        suspension = s;
      }
    }
    LocalDate withdrawal = null;
    Long withdrawalEntry = null;
    if (!ledger.withdrawals.isEmpty()
        && !ledger.withdrawals.get(0).statement().issuedAt().isAfter(t)) {
      withdrawal = ledger.withdrawalEffective(treaty);
      withdrawalEntry = ledger.withdrawals.get(0).index();
    }
    String standing;
    if (!p.isParty()) {
      standing = p.role().id();
    } else if (withdrawal != null && !day.isBefore(withdrawal)) {
      standing = "withdrawn";
    } else if (day.isBefore(p.joins())) {
      standing = "not-yet-joined";
    } else if (!treaty.inForceOn(day)) {
      standing = "treaty-not-in-force";
    } else if (suspension != null) {
      standing = "suspended";
    } else {
      standing = "bound";
    }
    var limits = new ArrayList<LimitLine>();
    if (state != null) {
      Map<String, Map<String, DeclaredItem>> readings = readings(ledger, state, t);
      LoggedStatement<EscrowCommitment> committed = latestCommitment(escrowView, p.id(), day);
      for (Limit limit : treaty.limits()) {
        if (limit.appliesTo(p.id())) {
          limits.add(limitLine(ledger, limit, state, readings, t, day, committed, escrowView));
        }
      }
    }
    return new PartyReport(
        p.id(),
        p.name(),
        p.role().id(),
        p.joins(),
        standing,
        adoption,
        suspension == null ? null : suspension.statement().effective(),
        suspension == null ? null : suspension.index(),
        withdrawal,
        withdrawalEntry,
        limits);
  }

  private LimitLine limitLine(
      PartyLedger ledger,
      Limit limit,
      ItemState state,
      Map<String, Map<String, DeclaredItem>> readings,
      Instant t,
      LocalDate day,
      @Nullable LoggedStatement<EscrowCommitment> committed,
      EscrowReplay.View escrowView) {
    boolean inForce =
        ledger.party.isParty()
            && !day.isBefore(limit.bindsFrom())
            && withdrawalAware(ledger, t, day);
    LoggedStatement<DataExchangeUpdate> published = latestPublished(ledger, limit.id(), day);
    boolean useItems =
        state.exists()
            && (published == null
                || !state.freshness().isBefore(startOf(published.statement().asOf())));
    Long total = null;
    String source = "none";
    LocalDate asOf = null;
    var evidence = new ArrayList<Long>();
    var lines = new ArrayList<Reading>();
    if (useItems) {
      total = state.total(limit);
      source = "items";
      asOf = dayOf(state.freshness());
      evidence.addAll(state.evidence(categoriesOf(limit)));
      for (var r : readings.entrySet()) {
        long other = treaty.total(limit, r.getValue().values());
        if (other != total) {
          lines.add(
              new Reading(
                  r.getKey(),
                  other,
                  limit.value() - other,
                  other > limit.value(),
                  disputeIndexes(ledger, r.getKey(), t)));
        }
      }
    } else if (published != null) {
      total = published.statement().totals().get(limit.id());
      source = "data-exchange";
      asOf = published.statement().asOf();
      evidence.add(published.index());
    }
    String note = "";
    LocalDate latest = asOf;
    if (committed != null && (latest == null || committed.statement().asOf().isAfter(latest))) {
      // The escrowed declaration is the most recent evidence: count it from its published totals.
      EscrowCommitment c = committed.statement();
      EscrowCounting.Decision d = EscrowCounting.total(treaty, limit, c.totals());
      total = d.total();
      note = d.undecided();
      source = "escrow";
      asOf = c.asOf();
      evidence.clear();
      evidence.add(committed.index());
      lines.clear();
      if (total != null) {
        lines.addAll(escrowReadings(ledger, limit, committed, escrowView, total, t));
      }
    }
    Long margin = total == null ? null : limit.value() - total;
    boolean exceeded = total != null && total > limit.value();
    String publication = source.equals("escrow") ? "escrow" : "none";
    if (source.equals("data-exchange")) {
      publication = "published";
    } else if (source.equals("items")) {
      publication = publication(ledger, limit.id(), asOf);
    }
    return new LimitLine(
        limit.id(),
        limit.name(),
        limit.value(),
        limit.bindsFrom(),
        limit.zone(),
        inForce,
        total,
        source,
        asOf,
        margin,
        exceeded,
        exceeded && inForce,
        useItems ? evidence : Analysis.sorted(evidence),
        lines,
        publication,
        note);
  }

  /**
   * The treaty's missile-launcher pairings checked on the inventory at the report's instant: a
   * missile in the pairing's status is one in a launcher in that status, so the counts are equal.
   */
  private void pairings(String party, ItemState state, List<Discrepancy> out) {
    for (var pairing : treaty.pairings()) {
      long missiles =
          state
              .census()
              .getOrDefault(pairing.missile(), Map.of())
              .getOrDefault(pairing.status(), 0L);
      long launchers =
          state
              .census()
              .getOrDefault(pairing.launcher(), Map.of())
              .getOrDefault(pairing.status(), 0L);
      if (missiles != launchers) {
        out.add(
            new Discrepancy(
                "pairing-mismatch",
                party,
                dayOf(state.freshness()),
                "",
                pairing.name()
                    + ": "
                    + missiles
                    + " "
                    + pairing.status()
                    + " "
                    + pairing.missile()
                    + " but "
                    + launchers
                    + " "
                    + pairing.status()
                    + " "
                    + pairing.launcher()
                    + " declared (pairing "
                    + pairing.id()
                    + ")",
                state.evidence(Set.of(pairing.missile(), pairing.launcher()))));
      }
    }
  }

  /** The party's latest escrow commitment as of {@code day} or earlier visible in {@code view}. */
  private static @Nullable LoggedStatement<EscrowCommitment> latestCommitment(
      EscrowReplay.View view, String party, LocalDate day) {
    LoggedStatement<EscrowCommitment> best = null;
    for (LoggedStatement<EscrowCommitment> c : view.commitments().getOrDefault(party, List.of())) {
      LocalDate a = c.statement().asOf();
      if (!a.isAfter(day) && (best == null || !a.isBefore(best.statement().asOf()))) {
        best = c;
      }
    }
    return best;
  }

  /**
   * Per disputing party, the escrow-counted total with the disputed items read its way: a revealed
   * item named by id whose revealed status is the contested one moves to the reading's status (and
   * attributes); a published group named {@code group.<category>} moves whole, its items each
   * taking the reading's attributes. Only totals that differ are listed.
   */
  private List<Reading> escrowReadings(
      PartyLedger ledger,
      Limit limit,
      LoggedStatement<EscrowCommitment> committed,
      EscrowReplay.View view,
      long total,
      Instant t) {
    var byAuthor = new TreeMap<String, List<LoggedStatement<Dispute>>>();
    for (LoggedStatement<Dispute> e : ledger.disputesAgainst) {
      if (!e.statement().issuedAt().isAfter(t)) {
        byAuthor.computeIfAbsent(e.statement().author(), k -> new ArrayList<>()).add(e);
      }
    }
    var out = new ArrayList<Reading>();
    var set = view.sets().get(committed.index());
    for (var a : byAuthor.entrySet()) {
      var groups = new TreeMap<String, long[]>();
      var sums = new TreeMap<String, Map<String, Long>>();
      for (EscrowTotal g : committed.statement().totals()) {
        groups.put(g.category() + "\u0000" + g.status(), new long[] {g.items()});
        sums.put(g.category() + "\u0000" + g.status(), new TreeMap<>(g.attributeSums()));
      }
      boolean touched = false;
      for (LoggedStatement<Dispute> e : a.getValue()) {
        Dispute d = e.statement();
        String to = d.readingStatus().isEmpty() ? d.declaredStatus() : d.readingStatus();
        for (String id : d.items()) {
          String group = EscrowDisputes.groupCategory(id);
          if (group != null) {
            String from = group + "\u0000" + d.declaredStatus();
            long[] n = groups.get(from);
            if (n == null || n[0] == 0) {
              continue;
            }
            Map<String, Long> moved = new TreeMap<>(sums.get(from));
            d.readingAttributes().forEach((k, v) -> moved.put(k, v * n[0]));
            EscrowDisputes.move(groups, sums, from, group + "\u0000" + to, n[0], moved);
            touched = true;
          } else if (set != null) {
            var opened = set.opened(id);
            if (opened.isPresent() && opened.get().item().status().equals(d.declaredStatus())) {
              var item = opened.get().item();
              Map<String, Long> attrs = new TreeMap<>(item.attributes());
              String from = item.category() + "\u0000" + item.status();
              EscrowDisputes.subtract(groups, sums, from, attrs);
              attrs.putAll(d.readingAttributes());
              EscrowDisputes.move(groups, sums, null, item.category() + "\u0000" + to, 1, attrs);
              touched = true;
            }
          }
        }
      }
      if (!touched) {
        continue;
      }
      var read = new ArrayList<EscrowTotal>();
      for (var g : groups.entrySet()) {
        if (g.getValue()[0] > 0) {
          int cut = g.getKey().indexOf('\u0000');
          read.add(
              new EscrowTotal(
                  g.getKey().substring(0, cut),
                  g.getKey().substring(cut + 1),
                  g.getValue()[0],
                  sums.getOrDefault(g.getKey(), Map.of())));
        }
      }
      Long other = EscrowCounting.total(treaty, limit, read).total();
      if (other != null && other != total) {
        out.add(
            new Reading(
                a.getKey(),
                other,
                limit.value() - other,
                other > limit.value(),
                disputeIndexes(ledger, a.getKey(), t)));
      }
    }
    return out;
  }

  /**
   * Whether an item-level total as of {@code asOf} is also a figure the party published: its data
   * exchanges as of that same date state it ({@code published}), leave it out ({@code
   * not-published}), or there is none ({@code items}).
   */
  private static String publication(PartyLedger ledger, String limit, @Nullable LocalDate asOf) {
    List<LoggedStatement<DataExchangeUpdate>> same =
        asOf == null ? null : ledger.exchanges.get(asOf);
    if (same == null || same.isEmpty()) {
      return "items";
    }
    for (LoggedStatement<DataExchangeUpdate> x : same) {
      if (x.statement().totals().containsKey(limit)) {
        return "published";
      }
    }
    return "not-published";
  }

  /** Bound on {@code day}, counting a withdrawal only once its notice was given by {@code t}. */
  private boolean withdrawalAware(PartyLedger ledger, Instant t, LocalDate day) {
    Party p = ledger.party;
    if (!treaty.inForceOn(day) || day.isBefore(p.joins())) {
      return false;
    }
    if (ledger.withdrawals.isEmpty()
        || ledger.withdrawals.get(0).statement().issuedAt().isAfter(t)) {
      return true;
    }
    LocalDate effective = ledger.withdrawalEffective(treaty);
    return effective == null || day.isBefore(effective);
  }

  private Set<String> categoriesOf(Limit limit) {
    var out = new HashSet<String>();
    for (String ruleId : limit.sum()) {
      CountingRule rule = treaty.countingRule(ruleId).orElseThrow();
      out.addAll(rule.filter().categories());
    }
    return out;
  }

  /** The latest data exchange as of {@code day} or earlier that publishes {@code limit}. */
  private static @Nullable LoggedStatement<DataExchangeUpdate> latestPublished(
      PartyLedger ledger, String limit, LocalDate day) {
    for (List<LoggedStatement<DataExchangeUpdate>> list :
        ledger.exchanges.headMap(day, true).descendingMap().values()) {
      for (int k = list.size() - 1; k >= 0; k--) {
        if (list.get(k).statement().totals().containsKey(limit)) {
          return list.get(k);
        }
      }
    }
    return null;
  }

  /**
   * Per disputing party, the respondent's inventory with the disputed items read its way: for each
   * item, the latest of that party's disputes naming it whose contested status is the item's
   * declared status.
   */
  private Map<String, Map<String, DeclaredItem>> readings(
      PartyLedger ledger, ItemState state, Instant t) {
    var byAuthor = new TreeMap<String, Map<String, LoggedStatement<Dispute>>>();
    for (LoggedStatement<Dispute> e : ledger.disputesAgainst) {
      Dispute d = e.statement();
      if (d.issuedAt().isAfter(t)) {
        continue;
      }
      for (String id : d.items()) {
        DeclaredItem item = state.items().get(id);
        if (item != null && item.status().equals(d.declaredStatus())) {
          byAuthor.computeIfAbsent(d.author(), k -> new TreeMap<>()).put(id, e);
        }
      }
    }
    var out = new TreeMap<String, Map<String, DeclaredItem>>();
    for (var a : byAuthor.entrySet()) {
      var items = new TreeMap<>(state.items());
      for (var chosen : a.getValue().entrySet()) {
        Dispute d = chosen.getValue().statement();
        // Chosen above only for items present in the state.
        DeclaredItem item = Objects.requireNonNull(items.get(chosen.getKey()));
        DeclaredItem read = d.readingStatus().isEmpty() ? item : item.withStatus(d.readingStatus());
        items.put(chosen.getKey(), read.withAttributes(d.readingAttributes()));
      }
      out.put(a.getKey(), items);
    }
    return out;
  }

  private static List<Long> disputeIndexes(PartyLedger ledger, String author, Instant t) {
    var out = new ArrayList<Long>();
    for (LoggedStatement<Dispute> e : ledger.disputesAgainst) {
      if (e.statement().author().equals(author) && !e.statement().issuedAt().isAfter(t)) {
        out.add(e.index());
      }
    }
    return out;
  }

  private void notifications(
      PartyLedger ledger, Analysis a, Instant t, List<NotificationFinding> out) {
    String party = ledger.party.id();
    for (Analysis.LateNotice n : a.late) {
      if (!t.isAfter(n.deadline())) {
        continue;
      }
      boolean given = !n.notifiedAt().isAfter(t);
      boolean suspended = suspendedBy(ledger, n.deadline(), t);
      String detail =
          given
              ? "notified "
                  + ReportText.duration(n.deadline(), n.notifiedAt())
                  + " after the deadline"
              : "not notified by " + t + "; a notification was issued later, at " + n.notifiedAt();
      out.add(
          new NotificationFinding(
              party,
              n.duty(),
              given ? "late" : "missing",
              n.trigger(),
              n.item(),
              n.category(),
              n.change(),
              n.eventAt(),
              n.deadline(),
              given ? n.notifiedAt() : null,
              suspended,
              detail,
              n.evidence()));
    }
    for (Analysis.Inferred n : a.inferred) {
      if (!t.isAfter(n.deadline()) || startOf(n.to()).isAfter(t)) {
        continue;
      }
      out.add(
          new NotificationFinding(
              party,
              n.duty(),
              "missing",
              "inferred",
              n.item(),
              n.category(),
              n.changes(),
              null,
              n.deadline(),
              null,
              suspendedBy(ledger, n.deadline(), t),
              "the declarations as of "
                  + n.from()
                  + " and "
                  + n.to()
                  + " differ for this item ("
                  + n.changes()
                  + ") and no notification was given",
              n.evidence()));
    }
  }

  private static boolean suspendedBy(PartyLedger ledger, Instant deadline, Instant t) {
    LocalDate day = dayOf(deadline);
    for (LoggedStatement<Suspension> s : ledger.suspensions) {
      if (!s.statement().issuedAt().isAfter(t) && !s.statement().effective().isAfter(day)) {
        return true;
      }
    }
    return false;
  }

  private void dataExchanges(
      PartyLedger ledger,
      Instant t,
      LocalDate day,
      List<DataExchangeFinding> out,
      EscrowReplay.View escrowView) {
    Party p = ledger.party;
    LocalDate from =
        p.joins().isAfter(treaty.dates().entryIntoForce())
            ? p.joins()
            : treaty.dates().entryIntoForce();
    LocalDate until = treaty.dates().expiryKnownOn(day);
    if (!ledger.withdrawals.isEmpty()
        && !ledger.withdrawals.get(0).statement().issuedAt().isAfter(t)) {
      LocalDate w = ledger.withdrawalEffective(treaty);
      if (w != null && w.isBefore(until)) {
        until = w;
      }
    }
    LocalDate last = day.plusDays(1).isBefore(until) ? day.plusDays(1) : until;
    for (DataExchangeSchedule s : treaty.dataExchanges()) {
      for (LocalDate asOf : s.asOfDates(from, last)) {
        Instant deadline = s.deadlineFor(asOf);
        Instant provided = null;
        var evidence = new ArrayList<Long>();
        for (LoggedStatement<DataExchangeUpdate> x :
            ledger.exchanges.getOrDefault(asOf, List.of())) {
          Instant issued = x.statement().issuedAt();
          if (!issued.isAfter(t)) {
            evidence.add(x.index());
            provided = provided == null || issued.isBefore(provided) ? issued : provided;
          }
        }
        // An escrowed declaration as of the date fulfils the duty too: it commits to the whole
        // inventory and publishes its totals per category and status.
        for (LoggedStatement<EscrowCommitment> c :
            escrowView.commitments().getOrDefault(p.id(), List.of())) {
          if (c.statement().asOf().equals(asOf)) {
            evidence.add(c.index());
            Instant issued = c.statement().issuedAt();
            provided = provided == null || issued.isBefore(provided) ? issued : provided;
          }
        }
        DeclarationSet decl = ledger.declarations.get(asOf);
        if (decl != null && decl.complete() && !decl.completedAt().isAfter(t)) {
          evidence.addAll(decl.indexes());
          Instant issued = decl.completedAt();
          provided = provided == null || issued.isBefore(provided) ? issued : provided;
        }
        String status =
            provided != null
                ? (provided.isAfter(deadline) ? "late" : "on-time")
                : t.isAfter(deadline) ? "missing" : "pending";
        boolean suspended = false;
        for (LoggedStatement<Suspension> x : ledger.suspensions) {
          suspended |=
              !x.statement().issuedAt().isAfter(t) && !x.statement().effective().isAfter(asOf);
        }
        out.add(
            new DataExchangeFinding(
                p.id(),
                s.id(),
                asOf,
                deadline,
                status,
                provided,
                suspended,
                Analysis.sorted(evidence)));
      }
    }
    out.sort(
        Comparator.comparing(DataExchangeFinding::party)
            .thenComparing(DataExchangeFinding::asOf)
            .thenComparing(DataExchangeFinding::exchange));
  }

  private DisputeFinding disputeFinding(
      LoggedStatement<Dispute> e, Instant t, LocalDate day, EscrowReplay.View escrowView) {
    Dispute d = e.statement();
    ItemState state = ledger(d.respondent()).stateAt(treaty, t);
    LoggedStatement<EscrowCommitment> committed = latestCommitment(escrowView, d.respondent(), day);
    var set = committed == null ? null : escrowView.sets().get(committed.index());
    var applies = new ArrayList<String>();
    var unknown = new ArrayList<String>();
    for (String id : d.items()) {
      DeclaredItem item = state.items().get(id);
      String group = EscrowDisputes.groupCategory(id);
      if (item != null) {
        if (item.status().equals(d.declaredStatus())) {
          applies.add(id);
        }
      } else if (group != null && committed != null) {
        if (committed.statement().total(group, d.declaredStatus()).isPresent()) {
          applies.add(id);
        } else {
          unknown.add(id);
        }
      } else if (set != null && set.opened(id).isPresent()) {
        if (set.opened(id).get().item().status().equals(d.declaredStatus())) {
          applies.add(id);
        }
      } else {
        unknown.add(id);
      }
    }
    return new DisputeFinding(
        e.index(),
        d.author(),
        d.respondent(),
        d.items(),
        d.declaredStatus(),
        d.readingStatus(),
        d.readingAttributes(),
        d.reason(),
        applies,
        unknown);
  }
}
