package org.countersign.treaty.compliance;

import static org.countersign.treaty.compliance.PartyLedger.dayOf;
import static org.countersign.treaty.compliance.PartyLedger.startOf;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.countersign.treaty.compliance.ComplianceReport.Discrepancy;
import org.countersign.treaty.escrow.ChangeExplanation;
import org.countersign.treaty.escrow.EscrowChecks;
import org.countersign.treaty.escrow.EscrowFinding;
import org.countersign.treaty.escrow.RevealedSet;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.ChangeNotification;
import org.countersign.treaty.statement.EscrowCommitment;
import org.countersign.treaty.statement.EscrowReveal;
import org.countersign.treaty.statement.EscrowStatement;
import org.countersign.treaty.statement.InvalidStatementException;
import org.countersign.treaty.statement.LoggedStatement;
import org.jspecify.annotations.Nullable;

/**
 * The escrowed declarations and their reveals, per party in log order: which of them the log
 * admits, and what they establish at an instant.
 *
 * <p>Admission (the log-state rules, beyond {@link Admission}'s treaty rules): a commitment's root
 * is committed once, and its {@code previousRoot} is empty or the root of an earlier commitment by
 * the same author; a reveal opens a logged commitment of its own author. A reveal that names a
 * known commitment but does not open it (a changed item, salt, index or proof) is admitted: it is
 * the party's signed statement, and the report lists it as a discrepancy, which refusing it would
 * hide.
 *
 * <p>At an instant {@code t}, only statements issued by {@code t} count ({@link #at}); reveals are
 * folded into a {@link RevealedSet} per commitment, which the escrow checks and the inspection
 * checks share.
 */
final class EscrowReplay {
  private final Map<String, List<LoggedStatement<EscrowCommitment>>> commitments = new TreeMap<>();
  private final Map<String, List<LoggedStatement<EscrowReveal>>> reveals = new TreeMap<>();
  private final Map<String, LoggedStatement<EscrowCommitment>> byRoot = new HashMap<>();

  /** Folded reveals by commitment entry, reused while the same reveals are visible. */
  private final Map<Long, Folded> folded = new HashMap<>();

  /** A commitment's reveals as folded for the entries {@code reveals}. */
  private record Folded(List<Long> reveals, RevealedSet set) {}

  /**
   * Whether {@code s} may be logged next, given what is logged already.
   *
   * @throws InvalidStatementException naming the unknown or repeated root
   */
  void check(EscrowStatement s) throws InvalidStatementException {
    switch (s) {
      case EscrowCommitment c -> {
        LoggedStatement<EscrowCommitment> same = byRoot.get(c.root());
        if (same != null) {
          throw refuse(
              c,
              "root "
                  + c.root()
                  + " was already committed in entry "
                  + same.index()
                  + " (by "
                  + same.statement().author()
                  + "); every declaration has its own salts,"
                  + " so its root is new");
        }
        if (!c.previousRoot().isEmpty()) {
          LoggedStatement<EscrowCommitment> previous = byRoot.get(c.previousRoot());
          if (previous == null || !previous.statement().author().equals(c.author())) {
            throw refuse(
                c,
                "previousRoot "
                    + c.previousRoot()
                    + " is not the root of an earlier"
                    + " escrow commitment by "
                    + c.author()
                    + latest(c.author()));
          }
        }
      }
      case EscrowReveal r -> {
        LoggedStatement<EscrowCommitment> opened = byRoot.get(r.commitmentRoot());
        if (opened == null) {
          throw refuse(
              r,
              "opens unknown commitment root "
                  + r.commitmentRoot()
                  + ": no escrow commitment with that root is logged"
                  + latest(r.author()));
        }
        if (!opened.statement().author().equals(r.author())) {
          throw refuse(
              r,
              r.author()
                  + " cannot open the commitment of entry "
                  + opened.index()
                  + ", made by "
                  + opened.statement().author()
                  + "; a party opens only its own commitments");
        }
      }
    }
  }

  private String latest(String author) {
    List<LoggedStatement<EscrowCommitment>> own = commitments.getOrDefault(author, List.of());
    if (own.isEmpty()) {
      return "; " + author + " has no escrow commitment yet";
    }
    LoggedStatement<EscrowCommitment> last = own.get(own.size() - 1);
    return "; "
        + author
        + "'s latest is "
        + last.statement().root()
        + " (entry "
        + last.index()
        + ")";
  }

  private static InvalidStatementException refuse(EscrowStatement s, String reason) {
    return new InvalidStatementException(s.kind() + ": " + reason);
  }

  /** Records an admitted statement (after {@link #check} passed). */
  void add(long index, EscrowStatement s) {
    switch (s) {
      case EscrowCommitment c -> {
        var e = new LoggedStatement<>(index, c);
        commitments.computeIfAbsent(c.author(), k -> new ArrayList<>()).add(e);
        byRoot.put(c.root(), e);
      }
      case EscrowReveal r ->
          reveals
              .computeIfAbsent(r.author(), k -> new ArrayList<>())
              .add(new LoggedStatement<>(index, r));
    }
  }

  /**
   * The report's discrepancy for an escrow finding, dated the day its latest evidence was issued
   * (the day the contradiction became visible).
   */
  static Discrepancy discrepancy(EscrowFinding f, Map<Long, Instant> issued, Instant t) {
    String kind =
        switch (f.kind()) {
          case INVALID_REVEAL -> "escrow-invalid-reveal";
          case DUPLICATE_ITEM -> "escrow-duplicate-item";
          case TOTALS_CONTRADICTED -> "escrow-totals-contradicted";
          case INCOMPLETE_DECLARATION -> "escrow-incomplete-declaration";
          case FINDING_MISMATCH -> "inspection-finding-mismatch";
          case UNEXPLAINED_CHANGE -> "escrow-unexplained-change";
          case UNLINKED_DECLARATION -> "escrow-unlinked-declaration";
          case ATTRIBUTE_OMITTED -> "escrow-attribute-omitted";
        };
    return new Discrepancy(
        kind, f.party(), dateOf(f.evidence(), issued, t), f.itemId(), f.detail(), f.evidence());
  }

  /** The day the latest of {@code evidence} was issued ({@code t}'s day if none is known). */
  static LocalDate dateOf(List<Long> evidence, Map<Long, Instant> issued, Instant t) {
    Instant latest = null;
    for (long e : evidence) {
      Instant i = issued.get(e);
      if (i != null && (latest == null || i.isAfter(latest))) {
        latest = i;
      }
    }
    return dayOf(latest == null ? t : latest);
  }

  /** The logged commitment with {@code root}, whoever made it. */
  Optional<LoggedStatement<EscrowCommitment>> commitment(String root) {
    return Optional.ofNullable(byRoot.get(root));
  }

  /** Every commitment issued by {@code t}, with the reveals against it issued by {@code t}. */
  List<EscrowLedger.Commitment> ledger(Instant t) {
    View view = at(t);
    var out = new ArrayList<EscrowLedger.Commitment>();
    for (var e : view.commitments().entrySet()) {
      for (LoggedStatement<EscrowCommitment> c : e.getValue()) {
        var list = new ArrayList<EscrowLedger.Reveal>();
        for (LoggedStatement<EscrowReveal> r : reveals.getOrDefault(e.getKey(), List.of())) {
          EscrowReveal s = r.statement();
          if (!s.issuedAt().isAfter(t) && s.commitmentRoot().equals(c.statement().root())) {
            list.add(
                new EscrowLedger.Reveal(
                    r.index(),
                    s.issuedAt(),
                    EscrowLedger.selectionName(s.selection().kind()),
                    s.selection().value(),
                    s.part(),
                    s.parts(),
                    s.items().size()));
          }
        }
        EscrowCommitment s = c.statement();
        RevealedSet set = view.sets().get(c.index());
        out.add(
            new EscrowLedger.Commitment(
                s.author(),
                c.index(),
                s.issuedAt(),
                s.asOf(),
                s.root(),
                s.itemCount(),
                s.totals(),
                s.previousRoot(),
                list,
                set == null ? 0 : set.opened().size()));
      }
    }
    return out;
  }

  /** What the statements issued by {@code t} establish. */
  View at(Instant t) {
    var sets = new LinkedHashMap<Long, RevealedSet>();
    var visible = new TreeMap<String, List<LoggedStatement<EscrowCommitment>>>();
    var issued = new HashMap<Long, Instant>();
    for (var e : commitments.entrySet()) {
      List<LoggedStatement<EscrowReveal>> own = new ArrayList<>();
      for (LoggedStatement<EscrowReveal> r : reveals.getOrDefault(e.getKey(), List.of())) {
        if (!r.statement().issuedAt().isAfter(t)) {
          own.add(r);
          issued.put(r.index(), r.statement().issuedAt());
        }
      }
      for (LoggedStatement<EscrowCommitment> c : e.getValue()) {
        if (!c.statement().issuedAt().isAfter(t)) {
          visible.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(c);
          sets.put(c.index(), fold(c, own));
          issued.put(c.index(), c.statement().issuedAt());
        }
      }
    }
    return new View(t, visible, sets, issued);
  }

  /**
   * The reveals of {@code c} among {@code own}, folded; verification hashes every proof, so the
   * result is kept and reused while the same reveals are visible (a {@link RevealedSet} is not
   * changed once built).
   */
  private RevealedSet fold(
      LoggedStatement<EscrowCommitment> c, List<LoggedStatement<EscrowReveal>> own) {
    var mine = new ArrayList<LoggedStatement<EscrowReveal>>();
    var indexes = new ArrayList<Long>();
    for (LoggedStatement<EscrowReveal> r : own) {
      if (r.statement().commitmentRoot().equals(c.statement().root())) {
        mine.add(r);
        indexes.add(r.index());
      }
    }
    Folded cached = folded.get(c.index());
    if (cached != null && cached.reveals().equals(indexes)) {
      return cached.set();
    }
    RevealedSet set = RevealedSet.of(c, mine);
    folded.put(c.index(), new Folded(List.copyOf(indexes), set));
    return set;
  }

  /**
   * The escrow as the statements issued by an instant establish it.
   *
   * @param t the instant
   * @param commitments each party's commitments issued by {@code t}, in log order
   * @param sets the reveals of each commitment folded, by the commitment's log index
   * @param issued the issue time of every entry a finding may cite, by log index; grows as change
   *     notifications are consulted
   */
  record View(
      Instant t,
      Map<String, List<LoggedStatement<EscrowCommitment>>> commitments,
      Map<Long, RevealedSet> sets,
      Map<Long, Instant> issued) {

    /** The revealed set of the commitment with {@code root}, if one visible at t has it. */
    Optional<RevealedSet> set(String root) {
      for (List<LoggedStatement<EscrowCommitment>> list : commitments.values()) {
        for (LoggedStatement<EscrowCommitment> c : list) {
          if (c.statement().root().equals(root)) {
            return Optional.of(Objects.requireNonNull(sets.get(c.index())));
          }
        }
      }
      return Optional.empty();
    }

    /** The party's latest commitment (in log order) issued by {@code before}, if any. */
    Optional<LoggedStatement<EscrowCommitment>> latest(String party, Instant before) {
      LoggedStatement<EscrowCommitment> found = null;
      for (LoggedStatement<EscrowCommitment> c : commitments.getOrDefault(party, List.of())) {
        if (!c.statement().issuedAt().isAfter(before)) {
          found = c;
        }
      }
      return Optional.ofNullable(found);
    }

    /**
     * The findings of the declarations themselves: each commitment's reveals against its totals
     * (and reveals that do not open it), and each pair of successive commitments of a party against
     * the change notifications between their as-of dates.
     */
    List<EscrowFinding> declarationFindings(Treaty treaty, Map<String, PartyLedger> ledgers) {
      var out = new ArrayList<EscrowFinding>();
      for (var e : commitments.entrySet()) {
        List<LoggedStatement<EscrowCommitment>> list = e.getValue();
        PartyLedger ledger = ledgers.get(e.getKey());
        for (int i = 0; i < list.size(); i++) {
          LoggedStatement<EscrowCommitment> c = list.get(i);
          RevealedSet set = Objects.requireNonNull(sets.get(c.index()));
          out.addAll(EscrowChecks.totals(set));
          out.addAll(RuleAttributes.omitted(treaty, set));
          if (i > 0) {
            LoggedStatement<EscrowCommitment> older = list.get(i - 1);
            out.addAll(
                EscrowChecks.successive(
                    Objects.requireNonNull(sets.get(older.index())),
                    Objects.requireNonNull(sets.get(c.index())),
                    explanations(
                        treaty,
                        ledger,
                        startOf(older.statement().asOf()),
                        startOf(c.statement().asOf()))));
          }
        }
      }
      return out;
    }

    /**
     * What {@code ledger}'s change notifications effective in {@code (from, to]} and issued by t
     * explain, for the escrow checks; their issue times go into {@link #issued}.
     */
    List<ChangeExplanation> explanations(
        Treaty treaty, @Nullable PartyLedger ledger, Instant from, Instant to) {
      var out = new ArrayList<ChangeExplanation>();
      if (ledger == null || !to.isAfter(from)) {
        return out;
      }
      var window =
          ledger.changes.subMap(
              new PartyLedger.ChangeKey(from, Long.MAX_VALUE),
              false,
              new PartyLedger.ChangeKey(to, Long.MAX_VALUE),
              true);
      for (LoggedStatement<ChangeNotification> c : window.values()) {
        if (!c.statement().issuedAt().isAfter(t)) {
          out.addAll(ChangeExplanation.of(treaty, c.statement(), c.index()));
          issued.put(c.index(), c.statement().issuedAt());
        }
      }
      return out;
    }
  }
}
