package org.countersign.treaty.compliance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.countersign.treaty.statement.Declaration;
import org.countersign.treaty.statement.DeclaredItem;
import org.countersign.treaty.statement.LoggedStatement;
import org.jspecify.annotations.Nullable;

/**
 * The parts of one party's item-level declaration as of one date.
 *
 * <p>The latest statement for a part number replaces an earlier one (a correction). The set is
 * complete when parts 1..P are all present and agree on P, where P is the part count stated by the
 * most recently logged part. Items are merged in part order; an id already seen in an earlier part
 * is kept from the earlier part and reported as a duplicate.
 */
final class DeclarationSet {
  final LocalDate asOf;
  private final TreeMap<Integer, LoggedStatement<Declaration>> parts = new TreeMap<>();
  private final List<Long> superseded = new ArrayList<>();
  private long latestIndex = -1;
  private int statedParts;
  private @Nullable Map<String, DeclaredItem> items;
  private final List<String> duplicates = new ArrayList<>();

  DeclarationSet(LocalDate asOf) {
    this.asOf = asOf;
  }

  void add(LoggedStatement<Declaration> e) {
    LoggedStatement<Declaration> previous = parts.put(e.statement().part(), e);
    if (previous != null) {
      superseded.add(previous.index());
    }
    if (e.index() > latestIndex) {
      latestIndex = e.index();
      statedParts = e.statement().parts();
    }
    items = null;
  }

  boolean complete() {
    if (parts.size() != statedParts) {
      return false;
    }
    for (int p = 1; p <= statedParts; p++) {
      LoggedStatement<Declaration> e = parts.get(p);
      if (e == null || e.statement().parts() != statedParts) {
        return false;
      }
    }
    return true;
  }

  /** The part numbers stated but not (consistently) logged, for the incompleteness message. */
  List<Integer> missingParts() {
    var out = new ArrayList<Integer>();
    for (int p = 1; p <= statedParts; p++) {
      LoggedStatement<Declaration> e = parts.get(p);
      if (e == null || e.statement().parts() != statedParts) {
        out.add(p);
      }
    }
    return out;
  }

  int statedParts() {
    return statedParts;
  }

  /** The merged inventory, sorted by item id. */
  Map<String, DeclaredItem> items() {
    if (items == null) {
      var merged = new TreeMap<String, DeclaredItem>();
      duplicates.clear();
      for (LoggedStatement<Declaration> e : parts.values()) {
        for (DeclaredItem item : e.statement().items()) {
          if (merged.putIfAbsent(item.id(), item) != null) {
            duplicates.add(item.id());
          }
        }
      }
      items = Collections.unmodifiableMap(merged);
    }
    return items;
  }

  /** Item ids that appear in more than one part. */
  List<String> duplicates() {
    items();
    return List.copyOf(duplicates);
  }

  /** When the last part was issued: the time the declaration was complete. */
  Instant completedAt() {
    Instant max = Instant.MIN;
    for (LoggedStatement<Declaration> e : parts.values()) {
      if (e.statement().issuedAt().isAfter(max)) {
        max = e.statement().issuedAt();
      }
    }
    return max;
  }

  /** The log indexes of the parts in use, ascending. */
  List<Long> indexes() {
    return parts.values().stream().map(LoggedStatement::index).sorted().toList();
  }

  /** Indexes of parts replaced by a later statement of the same part number. */
  List<Long> superseded() {
    return List.copyOf(superseded);
  }
}
