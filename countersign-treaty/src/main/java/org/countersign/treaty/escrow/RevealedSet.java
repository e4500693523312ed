package org.countersign.treaty.escrow;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.countersign.treaty.statement.EscrowCommitment;
import org.countersign.treaty.statement.EscrowReveal;
import org.countersign.treaty.statement.LoggedStatement;
import org.countersign.treaty.statement.RevealSelection;
import org.countersign.treaty.statement.RevealSelectionKind;
import org.countersign.treaty.statement.RevealedItem;

/**
 * What the reveals of one commitment have established, for the escrow checks: the opened items
 * (only from reveals that verify), the regions claimed complete, and the findings met on the way (a
 * reveal that does not verify, an item id opened at two leaves).
 *
 * <p>Reveals are folded in log order. A reveal part that fails {@link RevealVerifier} contributes
 * nothing but its {@code INVALID_REVEAL} finding, whose detail is the verifier's message. A part
 * that verifies contributes its items at once; its region counts as claimed complete only once
 * every part of the reveal is in and {@link RevealVerifier#verifyWhole} accepts them together. A
 * part number met again before its reveal is complete starts that reveal afresh.
 */
public final class RevealedSet {
  /** An item opened by a verified reveal. */
  public record Opened(EscrowItem item, long leafIndex, long revealEntry) {}

  /**
   * A region (site, zone or category) whose every item a verified reveal claims to have opened.
   *
   * @param entries the log entries of the reveal's parts, in log order
   */
  public record Region(RevealSelectionKind kind, String value, List<Long> entries) {
    public Region {
      entries = List.copyOf(entries);
    }

    /** The entry that completed the reveal (its last part). */
    public long revealEntry() {
      return entries.get(entries.size() - 1);
    }
  }

  private record PartsKey(RevealSelection selection, int parts) {}

  private final LoggedStatement<EscrowCommitment> commitment;
  private final Map<String, Opened> byId = new LinkedHashMap<>();
  private final List<Region> regions = new ArrayList<>();
  private final List<EscrowFinding> findings = new ArrayList<>();
  private final Map<PartsKey, Map<Integer, LoggedStatement<EscrowReveal>>> pending =
      new java.util.HashMap<>();

  private RevealedSet(LoggedStatement<EscrowCommitment> commitment) {
    this.commitment = commitment;
  }

  /**
   * Folds {@code reveals} (in log order) into the set of what they establish about {@code
   * commitment}. Reveals of other commitments are ignored.
   */
  public static RevealedSet of(
      LoggedStatement<EscrowCommitment> commitment, List<LoggedStatement<EscrowReveal>> reveals) {
    var set = new RevealedSet(commitment);
    EscrowCommitment c = commitment.statement();
    for (LoggedStatement<EscrowReveal> logged : reveals) {
      EscrowReveal r = logged.statement();
      if (!r.commitmentRoot().equals(c.root())) {
        continue;
      }
      try {
        RevealVerifier.verify(c, r);
      } catch (RevealException e) {
        set.invalid(e, List.of(logged.index()));
        continue;
      }
      set.addItems(logged);
      set.addClaim(logged);
    }
    return set;
  }

  private void invalid(RevealException e, List<Long> revealEntries) {
    var evidence = new ArrayList<Long>();
    evidence.add(commitment.index());
    evidence.addAll(revealEntries);
    findings.add(
        new EscrowFinding(
            EscrowFinding.Kind.INVALID_REVEAL,
            commitment.statement().author(),
            e.itemId(),
            "reveal in entr"
                + (revealEntries.size() == 1 ? "y " + revealEntries.get(0) : "ies " + revealEntries)
                + " does not open the commitment of entry "
                + commitment.index()
                + ": "
                + e.getMessage(),
            evidence));
  }

  /** Registers the region claim of a reveal once all its parts are in and agree. */
  private void addClaim(LoggedStatement<EscrowReveal> logged) {
    EscrowReveal r = logged.statement();
    RevealSelection selection = r.selection();
    if (r.parts() == 1) {
      if (selection.kind().claimsRegion()) {
        regions.add(new Region(selection.kind(), selection.value(), List.of(logged.index())));
      }
      return;
    }
    var key = new PartsKey(selection, r.parts());
    var parts = pending.computeIfAbsent(key, k -> new java.util.TreeMap<>());
    if (parts.containsKey(r.part())) {
      parts.clear();
    }
    parts.put(r.part(), logged);
    if (parts.size() < r.parts()) {
      return;
    }
    pending.remove(key);
    List<Long> entries = parts.values().stream().map(LoggedStatement::index).sorted().toList();
    try {
      RevealVerifier.verifyWhole(
          commitment.statement(), parts.values().stream().map(LoggedStatement::statement).toList());
    } catch (RevealException e) {
      invalid(e, entries);
      return;
    }
    if (selection.kind().claimsRegion()) {
      regions.add(new Region(selection.kind(), selection.value(), entries));
    }
  }

  private void addItems(LoggedStatement<EscrowReveal> logged) {
    EscrowReveal r = logged.statement();
    for (RevealedItem opened : r.items()) {
      Opened earlier = byId.get(opened.id());
      if (earlier != null && earlier.leafIndex() != opened.leafIndex()) {
        findings.add(
            new EscrowFinding(
                EscrowFinding.Kind.DUPLICATE_ITEM,
                commitment.statement().author(),
                opened.id(),
                "item "
                    + opened.id()
                    + " is committed twice: opened at leaf "
                    + earlier.leafIndex()
                    + " (entry "
                    + earlier.revealEntry()
                    + ") and at leaf "
                    + opened.leafIndex()
                    + " (entry "
                    + logged.index()
                    + ")",
                List.of(commitment.index(), earlier.revealEntry(), logged.index())));
        continue;
      }
      if (earlier == null) {
        byId.put(
            opened.id(), new Opened(EscrowItem.from(opened), opened.leafIndex(), logged.index()));
      }
    }
  }

  /** The commitment these reveals open. */
  public LoggedStatement<EscrowCommitment> commitment() {
    return commitment;
  }

  /** The opened items by id, in the order first opened. */
  public Map<String, Opened> opened() {
    return Collections.unmodifiableMap(byId);
  }

  /** The item opened under {@code id}, if any. */
  public Optional<Opened> opened(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The regions claimed complete by verified reveals, in log order. */
  public List<Region> regions() {
    return Collections.unmodifiableList(regions);
  }

  /** The first verified reveal claiming every item of this region, if any. */
  public Optional<Region> region(RevealSelectionKind kind, String value) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    return regions.stream().filter(g -> g.kind() == kind && g.value().equals(value)).findFirst();
  }

  /** Findings met while folding: invalid reveals and duplicated items. */
  public List<EscrowFinding> findings() {
    return Collections.unmodifiableList(findings);
  }
}
