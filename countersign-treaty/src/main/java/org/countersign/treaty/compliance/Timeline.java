package org.countersign.treaty.compliance;

import static org.countersign.treaty.compliance.PartyLedger.dayOf;
import static org.countersign.treaty.compliance.PartyLedger.startOf;

import java.time.Instant;
import java.time.LocalDate;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.countersign.treaty.model.Limit;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.ChangeNotification;
import org.countersign.treaty.statement.DeclaredItem;
import org.countersign.treaty.statement.LoggedStatement;
import org.jspecify.annotations.Nullable;

/**
 * One party's item-level history, derived once per version of its ledger so that the inventory at
 * any instant is found without replaying the notifications again.
 *
 * <h2>Shape</h2>
 *
 * <p>The history is cut into <em>periods</em>, one per complete declaration (its baseline) plus a
 * first period without baseline for notifications before any declaration. A period holds the change
 * notifications effective after its baseline's as-of instant and at or before the next baseline's,
 * in effective order, and for each of them the item before and after it (computed once with {@link
 * Transitions}, the single definition of what a change does), the anomaly it showed, and the
 * running totals of every limit. This is exactly the cut {@link PartyLedger#stateAtByReplay} makes
 * for one instant: the state at {@code t} is the period of the latest complete declaration as of
 * {@code t}'s day, with its first {@code m} changes applied, where {@code m} counts those effective
 * at or before {@code t}.
 *
 * <h2>Cost</h2>
 *
 * <p>Building is one pass over the party's notifications (as the analysis makes anyway). A query is
 * a binary search, the limits' totals read from running sums, and a view of the items that overlays
 * the {@code m} changed items on the baseline without copying it: O(log n + m) with small
 * constants, where the replay it replaces re-created and re-validated {@code m} items and
 * re-counted every item for every limit.
 *
 * <p>Not thread-safe by itself; the engine serializes access.
 */
final class Timeline {
  private final Treaty treaty;
  private final List<Period> periods;
  private final Map<String, String> pairs;
  private final Map<String, Integer> categoryCodes;

  private Timeline(
      Treaty treaty,
      List<Period> periods,
      Map<String, String> pairs,
      Map<String, Integer> categoryCodes) {
    this.treaty = treaty;
    this.periods = periods;
    this.pairs = pairs;
    this.categoryCodes = categoryCodes;
  }

  /** The periods in order, the first without baseline. */
  List<Period> periods() {
    return periods;
  }

  /** The inventory at {@code t}; equal to {@link PartyLedger#stateAtByReplay}. */
  ItemState stateAt(Instant t) {
    Period p = periodOn(dayOf(t));
    int m = p.countAtOrBefore(t);
    Instant freshness = m > 0 ? p.changes.get(m - 1).statement().effectiveAt() : p.start;
    Map<String, Long> totals = new HashMap<>();
    List<Limit> limits = treaty.limits();
    for (int l = 0; l < limits.size(); l++) {
      totals.put(limits.get(l).id(), p.baseTotals[l] + p.running()[l][m]);
    }
    return new ItemState(
        p.itemsAfter(m),
        p.baseline,
        Collections.unmodifiableList(p.changes.subList(0, m)),
        freshness,
        totals,
        p.censusAfter(m),
        categories -> p.evidence(m, categories));
  }

  /** The period of the latest complete declaration as of {@code day}, else the first. */
  private Period periodOn(LocalDate day) {
    int lo = 1;
    int hi = periods.size() - 1;
    int found = 0;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      DeclarationSet baseline = java.util.Objects.requireNonNull(periods.get(mid).baseline);
      if (!baseline.asOf.isAfter(day)) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return periods.get(found);
  }

  /** Builds the timeline of {@code ledger}: its complete declarations and all its changes. */
  static Timeline of(Treaty treaty, PartyLedger ledger) {
    var periods = new ArrayList<Period>();
    var pairs = new HashMap<String, String>();
    var categoryCodes = new HashMap<String, Integer>();
    Period current = new Period(treaty, null, Map.of(), pairs, categoryCodes);
    periods.add(current);
    Map<String, DeclaredItem> state = new HashMap<>();
    var changes = new ArrayList<>(ledger.changes.values());
    int next = 0;
    for (DeclarationSet d : ledger.declarations.values()) {
      if (!d.complete()) {
        continue;
      }
      Instant at = startOf(d.asOf);
      while (next < changes.size() && !changes.get(next).statement().effectiveAt().isAfter(at)) {
        current.record(treaty, state, changes.get(next++));
      }
      current.seal();
      current = new Period(treaty, d, d.items(), pairs, categoryCodes);
      periods.add(current);
      state = new HashMap<>(d.items());
    }
    while (next < changes.size()) {
      current.record(treaty, state, changes.get(next++));
    }
    current.seal();
    return new Timeline(treaty, List.copyOf(periods), pairs, categoryCodes);
  }

  /**
   * The timeline once {@code added}, already in {@code ledger}, are taken into account: only the
   * periods they fall in are rebuilt, each once, since every period starts from its own baseline.
   * This keeps a log that grows by notifications (what a server following a live log sees) from
   * replaying the party's whole history after each batch. Equal to {@link #of} on the same ledger.
   */
  Timeline withChanges(PartyLedger ledger, Collection<LoggedStatement<ChangeNotification>> added) {
    var touched = new TreeSet<Integer>();
    for (LoggedStatement<ChangeNotification> e : added) {
      Instant at = e.statement().effectiveAt();
      int k = 0;
      for (int j = 1; j < periods.size() && periods.get(j).start.isBefore(at); j++) {
        k = j;
      }
      touched.add(k);
    }
    var next = new ArrayList<>(periods);
    for (int k : touched) {
      next.set(k, rebuilt(ledger, k));
    }
    return new Timeline(treaty, List.copyOf(next), pairs, categoryCodes);
  }

  /** Period {@code k} built again from the ledger's changes in its window. */
  private Period rebuilt(PartyLedger ledger, int k) {
    Period old = periods.get(k);
    var window =
        k + 1 < periods.size()
            ? ledger.changes.subMap(
                new PartyLedger.ChangeKey(old.start, Long.MAX_VALUE),
                false,
                new PartyLedger.ChangeKey(periods.get(k + 1).start, Long.MAX_VALUE),
                true)
            : ledger.changes.tailMap(new PartyLedger.ChangeKey(old.start, Long.MAX_VALUE), false);
    Period fresh = new Period(treaty, old.baseline, old.base, pairs, categoryCodes, old);
    Map<String, DeclaredItem> state = new HashMap<>(old.base);
    for (LoggedStatement<ChangeNotification> e : window.values()) {
      fresh.record(treaty, state, e);
    }
    fresh.seal();
    return fresh;
  }

  /** The changes between one baseline and the next, with their effects. */
  static final class Period {
    final @Nullable DeclarationSet baseline;

    /** The baseline's as-of instant, or {@link Instant#MIN} for the first period. */
    final Instant start;

    final Map<String, DeclaredItem> base;
    final List<LoggedStatement<ChangeNotification>> changes = new ArrayList<>();

    /** The item before and after each change (null where there was none). */
    final List<@Nullable DeclaredItem> before = new ArrayList<>();

    final List<@Nullable DeclaredItem> after = new ArrayList<>();

    /** The analysis's findings for this period, once computed (see {@link Analysis}). */
    Analysis.@Nullable PeriodFindings findings;

    /** The anomaly each change showed ({@link Transitions}), or null. */
    final List<@Nullable String> anomalies = new ArrayList<>();

    final long[] baseTotals;

    /** How many baseline items each (category, status) pair has, keyed by {@link #pair}. */
    private final Map<String, Long> baseCensus = new HashMap<>();

    /** The census keys of the item before and after each change (null where there was none). */
    private final List<@Nullable String> pairBefore = new ArrayList<>();

    private final List<@Nullable String> pairAfter = new ArrayList<>();

    /** One String per census key, so that a change stores a reference, not a new string. */
    private final Map<String, String> pairs;

    /** Per limit, the sum of the first m changes' effects, for m = 0..changes.size(). */
    long @Nullable [][] running;

    private final List<long[]> deltas = new ArrayList<>();

    /** While recording: the limit values of each item as last changed (dropped when sealed). */
    private final Map<String, long[]> valueOfItem = new HashMap<>();

    /**
     * The changes ordered by log index (evidence is listed by index), as parallel arrays scanned in
     * order: their log index, their position in effective order, their category's code.
     */
    private long[] sortedIndex = new long[0];

    private int[] sortedPosition = new int[0];
    private int[] sortedCategory = new int[0];

    /** Category codes, shared by the periods of one timeline. */
    private final Map<String, Integer> categoryCodes;

    Period(
        Treaty treaty,
        @Nullable DeclarationSet baseline,
        Map<String, DeclaredItem> base,
        Map<String, String> pairs,
        Map<String, Integer> categoryCodes) {
      this(treaty, baseline, base, pairs, categoryCodes, null);
    }

    /**
     * A period on the same baseline as {@code same} (whose baseline counts are reused), if given.
     */
    Period(
        Treaty treaty,
        @Nullable DeclarationSet baseline,
        Map<String, DeclaredItem> base,
        Map<String, String> pairs,
        Map<String, Integer> categoryCodes,
        @Nullable Period same) {
      this.pairs = pairs;
      this.categoryCodes = categoryCodes;
      this.baseline = baseline;
      this.start = baseline == null ? Instant.MIN : startOf(baseline.asOf);
      this.base = base;
      if (same != null) {
        this.baseTotals = same.baseTotals;
        this.baseCensus.putAll(same.baseCensus);
        return;
      }
      List<Limit> limits = treaty.limits();
      this.baseTotals = new long[limits.size()];
      for (int l = 0; l < limits.size(); l++) {
        baseTotals[l] = treaty.total(limits.get(l), base.values());
      }
      for (DeclaredItem item : base.values()) {
        baseCensus.merge(pair(item), 1L, Long::sum);
      }
    }

    /** The census key of an item: its category and status. */
    static String pair(DeclaredItem item) {
      return item.category() + "\u0000" + item.status();
    }

    void record(
        Treaty treaty, Map<String, DeclaredItem> state, LoggedStatement<ChangeNotification> e) {
      String id = e.statement().item();
      DeclaredItem was = state.get(id);
      String anomaly = Transitions.apply(treaty, state, e.statement());
      DeclaredItem now = state.get(id);
      List<Limit> limits = treaty.limits();
      // Identity is the intended test: Transitions.apply stores a new item object when it changes.
      @SuppressWarnings("ReferenceEquality")
      boolean changed = now != was;
      long[] delta = new long[limits.size()];
      if (changed) {
        // Each item's values are computed once when it changes and kept for its next change.
        long[] old =
            was == null
                ? new long[limits.size()]
                : valueOfItem.computeIfAbsent(id, k -> values(treaty, limits, was));
        long[] fresh = now == null ? new long[limits.size()] : values(treaty, limits, now);
        if (now != null) {
          valueOfItem.put(id, fresh);
        }
        for (int l = 0; l < delta.length; l++) {
          delta[l] = fresh[l] - old[l];
        }
      }
      changes.add(e);
      before.add(was);
      after.add(now);
      pairBefore.add(was == null ? null : pairs.computeIfAbsent(pair(was), k -> k));
      pairAfter.add(now == null ? null : pairs.computeIfAbsent(pair(now), k -> k));
      anomalies.add(anomaly);
      deltas.add(delta);
    }

    private static long[] values(Treaty treaty, List<Limit> limits, DeclaredItem item) {
      long[] v = new long[limits.size()];
      for (int l = 0; l < v.length; l++) {
        v[l] = treaty.valueOf(limits.get(l), item);
      }
      return v;
    }

    /** The running sums; a period is read only once sealed. */
    long[][] running() {
      long[][] r = running;
      if (r == null) {
        throw new IllegalStateException("a period is read before it is sealed");
      }
      return r;
    }

    void seal() {
      int limits = baseTotals.length;
      running = new long[limits][changes.size() + 1];
      for (int j = 0; j < changes.size(); j++) {
        long[] d = deltas.get(j);
        for (int l = 0; l < limits; l++) {
          running[l][j + 1] = Math.addExact(running[l][j], d[l]);
        }
      }
      deltas.clear();
      valueOfItem.clear();
      int[] order = orderByIndex();
      sortedIndex = new long[order.length];
      sortedPosition = new int[order.length];
      sortedCategory = new int[order.length];
      for (int k = 0; k < order.length; k++) {
        LoggedStatement<ChangeNotification> e = changes.get(order[k]);
        sortedIndex[k] = e.index();
        sortedPosition[k] = order[k];
        sortedCategory[k] =
            categoryCodes.computeIfAbsent(e.statement().category(), c -> categoryCodes.size());
      }
    }

    /** How many of the period's changes are effective at or before {@code t}. */
    int countAtOrBefore(Instant t) {
      int lo = 0;
      int hi = changes.size();
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (changes.get(mid).statement().effectiveAt().isAfter(t)) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      return lo;
    }

    /**
     * The inventory after the first {@code m} changes: the baseline with their items over it,
     * gathered on first use (most reports read only totals and the census).
     */
    Map<String, DeclaredItem> itemsAfter(int m) {
      return new Overlay(this, m);
    }

    /** The positions of the changes sorted by their log index. */
    private int[] orderByIndex() {
      int n = changes.size();
      int[] order = new int[n];
      long maxIndex =
          n == 0 ? 0 : changes.stream().mapToLong(LoggedStatement::index).max().orElse(0);
      if (n < (1 << 22) && maxIndex < (1L << 41)) {
        // Pack (index, position) into one long and sort primitives: no boxing, no comparator.
        long[] keys = new long[n];
        for (int j = 0; j < n; j++) {
          keys[j] = (changes.get(j).index() << 22) | j;
        }
        java.util.Arrays.sort(keys);
        for (int k = 0; k < n; k++) {
          order[k] = (int) (keys[k] & ((1 << 22) - 1));
        }
        return order;
      }
      Integer[] boxed = new Integer[n];
      for (int j = 0; j < n; j++) {
        boxed[j] = j;
      }
      java.util.Arrays.sort(boxed, java.util.Comparator.comparingLong(j -> changes.get(j).index()));
      for (int k = 0; k < n; k++) {
        order[k] = boxed[k];
      }
      return order;
    }

    /**
     * The baseline's parts and, of the first {@code m} changes, those about items of {@code
     * categories}, by log index: a walk over the changes in index order merged with the parts,
     * without sorting at query time.
     */
    List<Long> evidence(int m, Set<String> categories) {
      List<Long> parts = baseline == null ? List.of() : baseline.indexes();
      boolean[] wanted = new boolean[categoryCodes.size()];
      for (var c : categoryCodes.entrySet()) {
        wanted[c.getValue()] = categories.contains(c.getKey());
      }
      Long[] out = new Long[parts.size() + m];
      int n = 0;
      int b = 0;
      for (int k = 0; k < sortedIndex.length; k++) {
        if (sortedPosition[k] >= m || !wanted[sortedCategory[k]]) {
          continue;
        }
        long index = sortedIndex[k];
        while (b < parts.size() && parts.get(b) < index) {
          out[n++] = parts.get(b++);
        }
        if (b < parts.size() && parts.get(b) == index) {
          b++;
        }
        out[n++] = index;
      }
      while (b < parts.size()) {
        out[n++] = parts.get(b++);
      }
      return Collections.unmodifiableList(java.util.Arrays.asList(out).subList(0, n));
    }

    /** Items per category and status after the first {@code m} changes. */
    Map<String, Map<String, Long>> censusAfter(int m) {
      var counts = new HashMap<>(baseCensus);
      for (int j = 0; j < m; j++) {
        String was = pairBefore.get(j);
        String now = pairAfter.get(j);
        if (!Objects.equals(was, now)) {
          if (was != null) {
            counts.merge(was, -1L, Long::sum);
          }
          if (now != null) {
            counts.merge(now, 1L, Long::sum);
          }
        }
      }
      return ItemState.census(counts);
    }
  }

  /**
   * A read-only map: the items of a period's first {@code m} changes written over its baseline.
   * Changes never remove an item (an eliminated item keeps its terminal status), so every key of
   * the baseline stays, and an item absent before a change was absent from the baseline.
   */
  private static final class Overlay extends AbstractMap<String, DeclaredItem> {
    private final Period period;
    private final int m;
    private @Nullable Map<String, DeclaredItem> changed;
    private int size;

    Overlay(Period period, int m) {
      this.period = period;
      this.m = m;
    }

    private Map<String, DeclaredItem> changed() {
      Map<String, DeclaredItem> c = changed;
      if (c == null) {
        c = new HashMap<>();
        int created = 0;
        for (int j = 0; j < m; j++) {
          DeclaredItem now = period.after.get(j);
          if (now != null) {
            c.put(now.id(), now);
            created += period.before.get(j) == null ? 1 : 0;
          }
        }
        size = period.base.size() + created;
        changed = c;
      }
      return c;
    }

    @Override
    public @Nullable DeclaredItem get(Object key) {
      DeclaredItem c = changed().get(key);
      return c != null ? c : period.base.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return changed().containsKey(key) || period.base.containsKey(key);
    }

    @Override
    public int size() {
      changed();
      return size;
    }

    @Override
    public Set<Map.Entry<String, DeclaredItem>> entrySet() {
      Map<String, DeclaredItem> over = changed();
      Map<String, DeclaredItem> base = period.base;
      return new AbstractSet<>() {
        @Override
        public int size() {
          return size;
        }

        @Override
        public Iterator<Map.Entry<String, DeclaredItem>> iterator() {
          Iterator<Map.Entry<String, DeclaredItem>> fromBase = base.entrySet().iterator();
          Iterator<Map.Entry<String, DeclaredItem>> added =
              over.entrySet().stream().filter(e -> !base.containsKey(e.getKey())).iterator();
          return new Iterator<>() {
            @Override
            public boolean hasNext() {
              return fromBase.hasNext() || added.hasNext();
            }

            @Override
            public Map.Entry<String, DeclaredItem> next() {
              if (fromBase.hasNext()) {
                Map.Entry<String, DeclaredItem> e = fromBase.next();
                DeclaredItem c = over.get(e.getKey());
                return c == null ? e : Map.entry(e.getKey(), c);
              }
              if (added.hasNext()) {
                return added.next();
              }
              throw new NoSuchElementException();
            }
          };
        }
      };
    }
  }
}
