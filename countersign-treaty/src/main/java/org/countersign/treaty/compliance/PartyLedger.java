package org.countersign.treaty.compliance;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.countersign.treaty.model.Limit;
import org.countersign.treaty.model.Party;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.ChangeNotification;
import org.countersign.treaty.statement.DataExchangeUpdate;
import org.countersign.treaty.statement.Declaration;
import org.countersign.treaty.statement.DeclaredItem;
import org.countersign.treaty.statement.Dispute;
import org.countersign.treaty.statement.LaunchNotification;
import org.countersign.treaty.statement.LoggedStatement;
import org.countersign.treaty.statement.Suspension;
import org.countersign.treaty.statement.TreatyAdoption;
import org.countersign.treaty.statement.Withdrawal;
import org.jspecify.annotations.Nullable;

/**
 * Everything admitted about one participant, indexed for queries by date. Appending is O(log n);
 * the derived views are computed by {@link Analysis} and by {@link #stateAt}.
 */
final class PartyLedger {
  /** Orders change notifications by effective time, then log index. */
  record ChangeKey(Instant effectiveAt, long index) implements Comparable<ChangeKey> {
    @Override
    public int compareTo(ChangeKey o) {
      int c = effectiveAt.compareTo(o.effectiveAt);
      return c != 0 ? c : Long.compare(index, o.index);
    }
  }

  final Party party;
  final List<LoggedStatement<TreatyAdoption>> adoptions = new ArrayList<>();
  final TreeMap<LocalDate, DeclarationSet> declarations = new TreeMap<>();
  final TreeMap<ChangeKey, LoggedStatement<ChangeNotification>> changes = new TreeMap<>();
  final List<LoggedStatement<LaunchNotification>> launches = new ArrayList<>();
  final TreeMap<LocalDate, List<LoggedStatement<DataExchangeUpdate>>> exchanges = new TreeMap<>();
  final List<LoggedStatement<Dispute>> disputesAgainst = new ArrayList<>();
  final List<LoggedStatement<Suspension>> suspensions = new ArrayList<>();
  final List<LoggedStatement<Withdrawal>> withdrawals = new ArrayList<>();

  /**
   * Derived from declarations and changes: dropped when a declaration changes, updated on a change.
   */
  private @Nullable Timeline timeline;

  /** Changes added since the timeline was last brought up to date. */
  private final List<LoggedStatement<ChangeNotification>> unsettled = new ArrayList<>();

  PartyLedger(Party party) {
    this.party = party;
  }

  void addDeclaration(LoggedStatement<Declaration> e) {
    timeline = null;
    unsettled.clear();
    declarations.computeIfAbsent(e.statement().asOf(), DeclarationSet::new).add(e);
  }

  void addChange(LoggedStatement<ChangeNotification> e) {
    changes.put(new ChangeKey(e.statement().effectiveAt(), e.index()), e);
    // Only the periods the new changes fall in are rebuilt, when next asked (Timeline#withChanges).
    if (timeline != null) {
      unsettled.add(e);
    }
  }

  void addExchange(LoggedStatement<DataExchangeUpdate> e) {
    exchanges.computeIfAbsent(e.statement().asOf(), d -> new ArrayList<>()).add(e);
  }

  /** 00:00 UTC of {@code day}: the instant an "as of" date describes. */
  static Instant startOf(LocalDate day) {
    return day.atStartOfDay().toInstant(ZoneOffset.UTC);
  }

  static LocalDate dayOf(Instant t) {
    return LocalDate.ofInstant(t, ZoneOffset.UTC);
  }

  /** The latest complete declaration as of {@code day} or earlier. */
  @Nullable DeclarationSet baselineOn(LocalDate day) {
    for (DeclarationSet d : declarations.headMap(day, true).descendingMap().values()) {
      if (d.complete()) {
        return d;
      }
    }
    return null;
  }

  /**
   * The inventory at {@code t}: the latest complete declaration as of {@code t} or earlier, with
   * every change notification effective after its as-of instant and at or before {@code t} applied
   * in order. A declaration reflects the changes effective at or before its instant.
   *
   * <p>Read from the {@link Timeline}, built once per version of this ledger; the result equals
   * {@link #stateAtByReplay}.
   */
  ItemState stateAt(Treaty treaty, Instant t) {
    return timeline(treaty).stateAt(t);
  }

  /** The timeline of this ledger as it stands (built, or brought up to date, if needed). */
  Timeline timeline(Treaty treaty) {
    Timeline current = timeline;
    if (current == null) {
      current = Timeline.of(treaty, this);
    } else if (!unsettled.isEmpty()) {
      current = current.withChanges(this, unsettled);
    }
    unsettled.clear();
    timeline = current;
    return current;
  }

  /**
   * {@link #stateAt} computed directly, by replaying the notifications on a copy of the baseline:
   * the definition the timeline must agree with (tests compare the two).
   */
  ItemState stateAtByReplay(Treaty treaty, Instant t) {
    DeclarationSet base = baselineOn(dayOf(t));
    Map<String, DeclaredItem> items = base == null ? new HashMap<>() : new HashMap<>(base.items());
    NavigableMap<ChangeKey, LoggedStatement<ChangeNotification>> window =
        base == null
            ? changes.headMap(new ChangeKey(t, Long.MAX_VALUE), true)
            : changes.subMap(
                new ChangeKey(startOf(base.asOf), Long.MAX_VALUE),
                false,
                new ChangeKey(t, Long.MAX_VALUE),
                true);
    var applied = new ArrayList<LoggedStatement<ChangeNotification>>(window.size());
    Instant freshness = base == null ? Instant.MIN : startOf(base.asOf);
    for (LoggedStatement<ChangeNotification> e : window.values()) {
      Transitions.apply(treaty, items, e.statement());
      applied.add(e);
      freshness = e.statement().effectiveAt();
    }
    var totals = new HashMap<String, Long>();
    for (Limit limit : treaty.limits()) {
      totals.put(limit.id(), treaty.total(limit, items.values()));
    }
    List<LoggedStatement<ChangeNotification>> done = List.copyOf(applied);
    return new ItemState(
        items,
        base,
        done,
        freshness,
        totals,
        ItemState.censusOf(items.values()),
        categories -> ItemState.evidenceBySorting(base, done, categories));
  }

  /** The day a withdrawal notice takes effect, or null if none was given. */
  @Nullable LocalDate withdrawalEffective(Treaty treaty) {
    if (withdrawals.isEmpty()) {
      return null;
    }
    Withdrawal first = withdrawals.get(0).statement();
    LocalDate noticeDay = dayOf(first.issuedAt());
    // Without a withdrawal clause, the Vienna Convention's default notice of twelve months (art.
    // 56).
    return treaty
        .withdrawal()
        .map(w -> w.notice().addTo(noticeDay))
        .orElse(noticeDay.plusMonths(12));
  }

  /** Whether the participant is bound by limits and duties on {@code day}. */
  boolean boundOn(Treaty treaty, LocalDate day) {
    LocalDate withdrawn = withdrawalEffective(treaty);
    return party.isParty()
        && treaty.inForceOn(day)
        && !day.isBefore(party.joins())
        && (withdrawn == null || day.isBefore(withdrawn));
  }

  /**
   * The suspension in effect on {@code day}, if any (the latest one declared effective by then).
   */
  @Nullable LoggedStatement<Suspension> suspensionOn(LocalDate day) {
    LoggedStatement<Suspension> found = null;
    for (LoggedStatement<Suspension> s : suspensions) {
      if (!s.statement().effective().isAfter(day)
          && (found == null || s.statement().effective().isAfter(found.statement().effective()))) {
        found = s;
      }
    }
    return found;
  }
}
