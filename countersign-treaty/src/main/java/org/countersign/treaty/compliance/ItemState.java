package org.countersign.treaty.compliance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.countersign.treaty.model.Limit;
import org.countersign.treaty.statement.ChangeNotification;
import org.countersign.treaty.statement.DeclaredItem;
import org.countersign.treaty.statement.LoggedStatement;
import org.jspecify.annotations.Nullable;

/**
 * A party's item-level inventory at an instant, and what it rests on.
 *
 * @param items the items by id (items in a terminal status included), in no particular order
 * @param baseline the complete declaration it starts from, or null if it rests on notifications
 * @param applied the change notifications applied on top of the baseline, in order
 * @param freshness the latest instant the state reflects: the baseline's as-of instant or the last
 *     applied change's effective time
 * @param totals every limit's total over {@code items} under the treaty's counting rules, by limit
 *     id (what {@code Treaty.total} counts, kept so that a report need not count again)
 * @param census how many of {@code items} each category has in each status (pairs without items
 *     left out), for counts that depend only on category and status
 * @param lookup finds the evidence of a count over some categories (see {@link #evidence})
 */
record ItemState(
    Map<String, DeclaredItem> items,
    @Nullable DeclarationSet baseline,
    List<LoggedStatement<ChangeNotification>> applied,
    Instant freshness,
    Map<String, Long> totals,
    Map<String, Map<String, Long>> census,
    EvidenceLookup lookup) {

  /** Finds the evidence of a count over some categories. */
  @FunctionalInterface
  interface EvidenceLookup {
    List<Long> of(Set<String> categories);
  }

  /**
   * The log indexes a count over {@code categories} rests on, ascending and distinct: the
   * baseline's parts and the applied notifications about items of those categories.
   */
  List<Long> evidence(Set<String> categories) {
    return lookup.of(categories);
  }

  /** {@link #evidence}, computed by filtering and sorting: the definition a faster lookup meets. */
  static List<Long> evidenceBySorting(
      @Nullable DeclarationSet baseline,
      List<LoggedStatement<ChangeNotification>> applied,
      Set<String> categories) {
    var out = new ArrayList<Long>();
    if (baseline != null) {
      out.addAll(baseline.indexes());
    }
    for (LoggedStatement<ChangeNotification> c : applied) {
      if (categories.contains(c.statement().category())) {
        out.add(c.index());
      }
    }
    return Analysis.sorted(out);
  }

  /** The census of {@code items}, counted one by one. */
  static Map<String, Map<String, Long>> censusOf(Iterable<DeclaredItem> items) {
    var counts = new HashMap<String, Long>();
    for (DeclaredItem item : items) {
      counts.merge(Timeline.Period.pair(item), 1L, Long::sum);
    }
    return census(counts);
  }

  /** A census from counts keyed by {@code Timeline.Period.pair}, sorted, without zeros. */
  static Map<String, Map<String, Long>> census(Map<String, Long> counts) {
    var out = new TreeMap<String, Map<String, Long>>();
    for (var e : counts.entrySet()) {
      if (e.getValue() != 0) {
        int cut = e.getKey().indexOf('\u0000');
        out.computeIfAbsent(e.getKey().substring(0, cut), c -> new TreeMap<>())
            .put(e.getKey().substring(cut + 1), e.getValue());
      }
    }
    return out;
  }

  /** The total of {@code limit}. */
  long total(Limit limit) {
    Long t = totals.get(limit.id());
    if (t == null) {
      throw new IllegalArgumentException("no total for limit " + limit.id());
    }
    return t;
  }

  /** Whether any item-level statement underlies this state. */
  boolean exists() {
    return baseline != null || !applied.isEmpty();
  }
}
