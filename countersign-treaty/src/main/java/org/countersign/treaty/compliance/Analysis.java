package org.countersign.treaty.compliance;

import static org.countersign.treaty.compliance.PartyLedger.dayOf;
import static org.countersign.treaty.compliance.PartyLedger.startOf;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.countersign.treaty.compliance.ComplianceReport.Discrepancy;
import org.countersign.treaty.model.ChangeEffect;
import org.countersign.treaty.model.ChangeKind;
import org.countersign.treaty.model.Limit;
import org.countersign.treaty.model.NotificationDuty;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.ChangeNotification;
import org.countersign.treaty.statement.DataExchangeUpdate;
import org.countersign.treaty.statement.DeclaredItem;
import org.countersign.treaty.statement.LaunchNotification;
import org.countersign.treaty.statement.LoggedStatement;
import org.countersign.treaty.statement.TreatyAdoption;
import org.jspecify.annotations.Nullable;

/**
 * The facts about one party that do not depend on the query instant except through dates: its
 * discrepancies, its notifications that came late, the on-time ones (for counts) and the changes
 * that only a comparison of successive declarations reveals. Computed once per ledger version.
 *
 * <h2>Comparing successive declarations</h2>
 *
 * <p>For two consecutive complete declarations as of A1 and A2, the expected inventory at A2 is the
 * A1 inventory with every change notification effective in (A1, A2] applied. Each difference
 * between it and the A2 inventory is a change no notification explained: an item that appears,
 * changes status, moves or changes attributes. If the treaty has a change kind with that effect
 * (and, for a status, that target status) and a duty triggered by it, the notification is inferred
 * missing, due at the duty's deadline counted from A2. If a notification of that effect did exist
 * for the item in the window, the declaration contradicts it instead. An item expected but not
 * declared, and not eliminated, vanished; an item eliminated by notification but declared again in
 * another status is the discrepancy the issue names first.
 */
final class Analysis {
  /** A notification given after its deadline. */
  record LateNotice(
      String duty,
      String trigger,
      String item,
      String category,
      String change,
      Instant eventAt,
      Instant deadline,
      Instant notifiedAt,
      List<Long> evidence) {}

  /** A notification that a difference between declarations shows was owed and never given. */
  record Inferred(
      String duty,
      String item,
      String category,
      String changes,
      LocalDate from,
      LocalDate to,
      Instant deadline,
      List<Long> evidence) {}

  /**
   * What one timeline period contributed (its anomalies and the comparison of its end with the next
   * declaration), with the counts of suspensions and withdrawals it was judged under.
   */
  record PeriodFindings(
      int suspensions,
      int withdrawals,
      List<Discrepancy> discrepancies,
      List<Inferred> inferred,
      List<LateNotice> late,
      List<Instant> onTime) {}

  final List<Discrepancy> discrepancies;
  final List<LateNotice> late;
  final List<Instant> onTime;
  final List<Inferred> inferred;

  private Analysis(
      List<Discrepancy> discrepancies,
      List<LateNotice> late,
      List<Instant> onTime,
      List<Inferred> inferred) {
    this.discrepancies = discrepancies;
    this.late = late;
    this.onTime = onTime;
    this.inferred = inferred;
  }

  static Analysis of(Treaty treaty, PartyLedger ledger) {
    var b = new Builder(treaty, ledger);
    b.adoptions();
    b.declarationsAndChanges();
    b.notificationTimeliness();
    b.dataExchanges();
    b.onTime.sort(null);
    return new Analysis(
        List.copyOf(b.discrepancies),
        List.copyOf(b.late),
        List.copyOf(b.onTime),
        List.copyOf(b.inferred));
  }

  private static final class Builder {
    final Treaty treaty;
    final PartyLedger ledger;
    final String party;
    final List<Discrepancy> discrepancies = new ArrayList<>();
    final List<LateNotice> late = new ArrayList<>();
    final List<Instant> onTime = new ArrayList<>();
    final List<Inferred> inferred = new ArrayList<>();

    Builder(Treaty treaty, PartyLedger ledger) {
      this.treaty = treaty;
      this.ledger = ledger;
      this.party = ledger.party.id();
    }

    void add(String kind, LocalDate date, String item, String detail, List<Long> evidence) {
      discrepancies.add(new Discrepancy(kind, party, date, item, detail, sorted(evidence)));
    }

    void adoptions() {
      for (LoggedStatement<TreatyAdoption> a : ledger.adoptions) {
        if (!a.statement().treatyDigest().equals(treaty.digest())) {
          add(
              "adopted-other-treaty-text",
              dayOf(a.statement().issuedAt()),
              "",
              party
                  + " adopted treaty text "
                  + a.statement().treatyDigest().substring(0, 16)
                  + "..., not the text replayed ("
                  + treaty.digest().substring(0, 16)
                  + "...)",
              List.of(a.index()));
        }
      }
    }

    void declarationsAndChanges() {
      for (DeclarationSet d : ledger.declarations.values()) {
        if (!d.complete()) {
          add(
              "declaration-incomplete",
              d.asOf,
              "",
              "the declaration as of "
                  + d.asOf
                  + " states "
                  + d.statedParts()
                  + " part(s) but parts "
                  + d.missingParts()
                  + " are missing or disagree on the count; it is not used",
              d.indexes());
        } else {
          for (String id : d.duplicates()) {
            add(
                "item-declared-twice",
                d.asOf,
                id,
                "item "
                    + id
                    + " appears in two parts of the"
                    + " declaration as of "
                    + d.asOf
                    + "; the first is used",
                d.indexes());
          }
        }
      }
      // The timeline replays every change once, period by period (see Timeline): each period
      // ends where the next complete declaration begins, which is the pair compared.
      // A period's findings depend on it, on the next baseline and on the party's suspensions and
      // withdrawals: they are kept with the period and reused while those stay the same (a live
      // log adds notifications to its last period; the earlier ones need no second look).
      List<Timeline.Period> periods = ledger.timeline(treaty).periods();
      int suspensions = ledger.suspensions.size();
      int withdrawals = ledger.withdrawals.size();
      for (int k = 0; k < periods.size(); k++) {
        Timeline.Period p = periods.get(k);
        PeriodFindings kept = p.findings;
        if (kept != null
            && kept.suspensions() == suspensions
            && kept.withdrawals() == withdrawals) {
          discrepancies.addAll(kept.discrepancies());
          inferred.addAll(kept.inferred());
          late.addAll(kept.late());
          onTime.addAll(kept.onTime());
          continue;
        }
        int fromDiscrepancy = discrepancies.size();
        int fromInferred = inferred.size();
        int fromLate = late.size();
        int fromOnTime = onTime.size();
        // Every change lies in exactly one period: its timeliness is judged with its period.
        for (LoggedStatement<ChangeNotification> e : p.changes) {
          changeTimeliness(e);
        }
        Map<String, List<LoggedStatement<ChangeNotification>>> window = new HashMap<>();
        for (int j = 0; j < p.changes.size(); j++) {
          LoggedStatement<ChangeNotification> e = p.changes.get(j);
          window.computeIfAbsent(e.statement().item(), id -> new ArrayList<>()).add(e);
          String anomaly = p.anomalies.get(j);
          if (anomaly != null) {
            anomaly(anomaly, e, p.before.get(j));
          }
        }
        if (p.baseline != null && k + 1 < periods.size()) {
          DeclarationSet next = Objects.requireNonNull(periods.get(k + 1).baseline);
          compare(p.baseline, next, p.itemsAfter(p.changes.size()), window);
        }
        p.findings =
            new PeriodFindings(
                suspensions,
                withdrawals,
                List.copyOf(discrepancies.subList(fromDiscrepancy, discrepancies.size())),
                List.copyOf(inferred.subList(fromInferred, inferred.size())),
                List.copyOf(late.subList(fromLate, late.size())),
                List.copyOf(onTime.subList(fromOnTime, onTime.size())));
      }
    }

    private void anomaly(
        String anomaly, LoggedStatement<ChangeNotification> e, @Nullable DeclaredItem before) {
      ChangeNotification c = e.statement();
      String detail =
          switch (anomaly) {
            case Transitions.UNDECLARED ->
                "a "
                    + c.change()
                    + " of "
                    + c.item()
                    + ", which no declaration or new-item notification introduced";
            case Transitions.AFTER_ELIMINATION ->
                "a "
                    + c.change()
                    + " of "
                    + c.item()
                    + ", already in status "
                    + Objects.requireNonNull(before).status();
            case Transitions.CATEGORY ->
                "a "
                    + c.change()
                    + " of "
                    + c.item()
                    + " as a "
                    + c.category()
                    + ", but it is declared as a "
                    + Objects.requireNonNull(before).category();
            case Transitions.TYPE ->
                "a "
                    + c.change()
                    + " of "
                    + c.item()
                    + ", whose type "
                    + (Objects.requireNonNull(before).type().isEmpty() && c.type().isEmpty()
                        ? "is not stated"
                        : "\""
                            + (c.type().isEmpty() ? before.type() : c.type())
                            + "\" is not one the change applies to")
                    + "; not applied";
            default -> "a " + c.change() + " of " + c.item() + ", which is already declared";
          };
      add(anomaly, dayOf(c.effectiveAt()), c.item(), detail, List.of(e.index()));
    }

    private void compare(
        DeclarationSet previous,
        DeclarationSet d,
        Map<String, DeclaredItem> expected,
        Map<String, List<LoggedStatement<ChangeNotification>>> window) {
      Map<String, DeclaredItem> declared = d.items();
      // Sorted ids of both inventories: the declared ones come sorted; the few expected ones not
      // declared are appended, and the sort merges the two runs.
      var ids = new ArrayList<String>(declared.keySet());
      for (String id : expected.keySet()) {
        if (!declared.containsKey(id)) {
          ids.add(id);
        }
      }
      ids.sort(null);
      List<Long> both = new ArrayList<>(previous.indexes());
      both.addAll(d.indexes());
      for (String id : ids) {
        DeclaredItem e = expected.get(id);
        DeclaredItem n = declared.get(id);
        if (n == null) {
          if (e != null && !treaty.isTerminal(e.status())) {
            add(
                "item-vanished",
                d.asOf,
                id,
                id
                    + " ("
                    + e.category()
                    + ", "
                    + e.status()
                    + ") is not in the declaration as of "
                    + d.asOf
                    + " and no elimination was"
                    + " notified",
                both);
          }
          continue;
        }
        if (e == null) {
          implied(ChangeEffect.APPEAR, n, "", previous, d, window, both);
          continue;
        }
        if (treaty.isTerminal(e.status())) {
          if (!treaty.isTerminal(n.status())) {
            var ev = new ArrayList<>(indexes(window.get(id)));
            ev.addAll(d.indexes());
            add(
                "eliminated-item-declared",
                d.asOf,
                id,
                id
                    + " was "
                    + e.status()
                    + ", yet the declaration as of "
                    + d.asOf
                    + " lists it as "
                    + n.status(),
                ev);
          }
          continue;
        }
        if (!e.category().equals(n.category())) {
          add(
              "category-changed",
              d.asOf,
              id,
              id
                  + " was a "
                  + e.category()
                  + " and is declared as a "
                  + n.category()
                  + " as of "
                  + d.asOf,
              both);
          continue;
        }
        if (!e.status().equals(n.status())) {
          implied(
              ChangeEffect.STATUS, n, e.status() + " to " + n.status(), previous, d, window, both);
        }
        if (!e.site().equals(n.site()) || !e.zone().equals(n.zone())) {
          implied(
              ChangeEffect.RELOCATE, n, where(e) + " to " + where(n), previous, d, window, both);
        }
        if (!e.attributes().equals(n.attributes())) {
          implied(
              ChangeEffect.ATTRIBUTES,
              n,
              e.attributes() + " to " + n.attributes(),
              previous,
              d,
              window,
              both);
        }
      }
    }

    private static String where(DeclaredItem i) {
      return i.zone().isEmpty() ? i.site() : i.site() + " (" + i.zone() + ")";
    }

    private void implied(
        ChangeEffect effect,
        DeclaredItem n,
        String what,
        DeclarationSet previous,
        DeclarationSet d,
        Map<String, List<LoggedStatement<ChangeNotification>>> window,
        List<Long> both) {
      var kinds = new ArrayList<String>();
      for (ChangeKind k : treaty.changeKinds()) {
        boolean statusFits = k.toStatuses().isEmpty() || k.toStatuses().contains(n.status());
        if (k.effect() == effect
            && (effect != ChangeEffect.STATUS || statusFits)
            && (effect != ChangeEffect.APPEAR || statusFits)) {
          kinds.add(k.id());
        }
      }
      var notified = new ArrayList<Long>();
      for (LoggedStatement<ChangeNotification> e : window.getOrDefault(n.id(), List.of())) {
        ChangeKind k = treaty.changeKind(e.statement().change()).orElse(null);
        if (k != null && k.effect() == effect) {
          notified.add(e.index());
        }
      }
      if (!notified.isEmpty()) {
        notified.addAll(d.indexes());
        add(
            "declaration-contradicts-notification",
            d.asOf,
            n.id(),
            "the declaration as of "
                + d.asOf
                + " shows "
                + n.id()
                + (what.isEmpty() ? " as new" : " changed from " + what)
                + ", which the notifications in between do not give",
            notified);
        return;
      }
      var duties = new LinkedHashSet<NotificationDuty>();
      for (NotificationDuty duty : treaty.notifications()) {
        for (String k : kinds) {
          if (duty.trigger().matchesChange(k, n.category())) {
            duties.add(duty);
          }
        }
      }
      if (!ledger.boundOn(treaty, d.asOf) || suspendedDutiesOn(d.asOf)) {
        return;
      }
      for (NotificationDuty duty : duties) {
        inferred.add(
            new Inferred(
                duty.id(),
                n.id(),
                n.category(),
                String.join("|", kinds),
                previous.asOf,
                d.asOf,
                duty.deadline().dueFor(startOf(d.asOf)),
                sorted(both)));
      }
    }

    private boolean suspendedDutiesOn(LocalDate day) {
      return treaty.suspension().suspendsDuties() && ledger.suspensionOn(day) != null;
    }

    /** Whether a change notification met the duties it triggers (see {@link #judge}). */
    private void changeTimeliness(LoggedStatement<ChangeNotification> e) {
      ChangeNotification c = e.statement();
      LocalDate day = dayOf(c.effectiveAt());
      if (!ledger.boundOn(treaty, day) || suspendedDutiesOn(day)) {
        return;
      }
      for (NotificationDuty duty : treaty.notifications()) {
        if (duty.trigger().matchesChange(c.change(), c.category())) {
          judge(
              duty,
              "change",
              c.item(),
              c.category(),
              c.change(),
              c.effectiveAt(),
              c.issuedAt(),
              List.of(e.index()));
        }
      }
    }

    /** Launch notices (change notifications are judged with their period). */
    void notificationTimeliness() {
      var byLaunch = new TreeMap<String, List<LoggedStatement<LaunchNotification>>>();
      for (LoggedStatement<LaunchNotification> e : ledger.launches) {
        byLaunch.computeIfAbsent(e.statement().launch(), k -> new ArrayList<>()).add(e);
      }
      for (var group : byLaunch.values()) {
        // The latest notice fixes the launch; the first notice is when notice was given.
        LaunchNotification last = group.get(group.size() - 1).statement();
        Instant noticeAt =
            group.stream().map(e -> e.statement().issuedAt()).min(Instant::compareTo).orElseThrow();
        LocalDate day = dayOf(last.launchAt());
        if (!ledger.boundOn(treaty, day) || suspendedDutiesOn(day)) {
          continue;
        }
        for (NotificationDuty duty : treaty.notifications()) {
          if (duty.trigger().matchesLaunch(last.category())) {
            judge(
                duty,
                "launch",
                last.launch(),
                last.category(),
                "",
                last.launchAt(),
                noticeAt,
                indexes(group));
          }
        }
      }
    }

    private void judge(
        NotificationDuty duty,
        String trigger,
        String item,
        String category,
        String change,
        Instant eventAt,
        Instant notifiedAt,
        List<Long> evidence) {
      Instant deadline = duty.deadline().dueFor(eventAt);
      if (notifiedAt.isAfter(deadline)) {
        late.add(
            new LateNotice(
                duty.id(),
                trigger,
                item,
                category,
                change,
                eventAt,
                deadline,
                notifiedAt,
                sorted(evidence)));
      } else {
        onTime.add(notifiedAt);
      }
    }

    /**
     * An update that no scheduled exchange takes and that publishes no total of a limit counts
     * nowhere else in the report; say so, so that every logged entry appears in it (issue 15: an
     * unedited template, logged, was invisible).
     */
    private void notCountedExchanges(
        LocalDate asOf, List<LoggedStatement<DataExchangeUpdate>> list) {
      if (treaty.dataExchanges().stream().anyMatch(s -> s.isAsOfDate(asOf))) {
        return;
      }
      var notCounted = new ArrayList<LoggedStatement<DataExchangeUpdate>>();
      for (LoggedStatement<DataExchangeUpdate> x : list) {
        if (x.statement().totals().keySet().stream().noneMatch(l -> treaty.limit(l).isPresent())) {
          notCounted.add(x);
        }
      }
      if (!notCounted.isEmpty()) {
        add(
            "data-exchange-not-counted",
            asOf,
            "",
            "data as of "
                + asOf
                + " is for no scheduled exchange of "
                + treaty.id()
                + " and publishes no total of a limit: it is on the record but counts for"
                + " nothing",
            indexes(notCounted));
      }
    }

    void dataExchanges() {
      for (var e : ledger.exchanges.entrySet()) {
        LocalDate asOf = e.getKey();
        List<LoggedStatement<DataExchangeUpdate>> list = e.getValue();
        notCountedExchanges(asOf, list);
        // Revisions: two exchanges for one date that publish different totals.
        var seen = new TreeMap<String, LoggedStatement<DataExchangeUpdate>>();
        for (LoggedStatement<DataExchangeUpdate> x : list) {
          for (var t : x.statement().totals().entrySet()) {
            LoggedStatement<DataExchangeUpdate> prior = seen.put(t.getKey(), x);
            if (prior != null && !t.getValue().equals(prior.statement().totals().get(t.getKey()))) {
              add(
                  "data-exchange-revised",
                  asOf,
                  "",
                  "the total for "
                      + t.getKey()
                      + " as of "
                      + asOf
                      + " was published as "
                      + prior.statement().totals().get(t.getKey())
                      + " and then as "
                      + t.getValue()
                      + "; the later one is used",
                  List.of(prior.index(), x.index()));
            }
          }
        }
        ItemState state = ledger.stateAt(treaty, startOf(asOf));
        if (!state.exists()) {
          continue;
        }
        for (var t : seen.entrySet()) {
          Limit limit = treaty.limit(t.getKey()).orElse(null);
          if (limit == null) {
            continue;
          }
          long counted = state.total(limit);
          // seen holds, for each limit, the last exchange whose totals name it.
          long published =
              Objects.requireNonNull(t.getValue().statement().totals().get(t.getKey()));
          if (counted != published) {
            var ev = new ArrayList<Long>();
            ev.add(t.getValue().index());
            if (state.baseline() != null) {
              ev.addAll(state.baseline().indexes());
            }
            ev.addAll(indexes(state.applied()));
            add(
                "data-exchange-contradicts-items",
                asOf,
                "",
                "the data exchange as of "
                    + asOf
                    + " publishes "
                    + published
                    + " for "
                    + limit.id()
                    + ", but the item-level"
                    + " declaration counts "
                    + counted
                    + " under the treaty's rules",
                ev);
          }
        }
      }
    }
  }

  static <T extends org.countersign.treaty.statement.Statement> List<Long> indexes(
      @Nullable List<LoggedStatement<T>> entries) {
    if (entries == null) {
      return List.of();
    }
    return entries.stream().map(LoggedStatement::index).toList();
  }

  /**
   * The distinct indexes of {@code evidence}, ascending. Sorted as primitives: evidence lists of
   * item totals hold every notification of a period, tens of thousands at the scale of a real
   * regime, and are built for every report.
   */
  static List<Long> sorted(List<Long> evidence) {
    long[] a = new long[evidence.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = evidence.get(i);
    }
    Arrays.sort(a);
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      if (n == 0 || a[i] != a[n - 1]) {
        a[n++] = a[i];
      }
    }
    Long[] boxed = new Long[n];
    for (int i = 0; i < n; i++) {
      boxed[i] = a[i];
    }
    return Collections.unmodifiableList(Arrays.asList(boxed));
  }
}
