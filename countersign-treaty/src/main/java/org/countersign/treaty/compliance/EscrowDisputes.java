package org.countersign.treaty.compliance;

import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * How a dispute names escrowed items, and the bookkeeping of reading them another way on a
 * commitment's published totals (groups keyed {@code category\u0000status}).
 *
 * <p>A dispute names an escrowed item by its identifier (it must have been revealed for its
 * category, status and attributes to be known) or a whole published group by the entry {@code
 * group.<category>}: the group of that category in the dispute's {@code declaredStatus}. An
 * item-level item with that exact identifier takes precedence.
 */
final class EscrowDisputes {
  static final String GROUP_PREFIX = "group.";

  private EscrowDisputes() {}

  /** The category a {@code group.<category>} entry names, or null for an item identifier. */
  static @Nullable String groupCategory(String entry) {
    return entry.startsWith(GROUP_PREFIX) && entry.length() > GROUP_PREFIX.length()
        ? entry.substring(GROUP_PREFIX.length())
        : null;
  }

  /** Takes one item with {@code attrs} out of group {@code from}. */
  static void subtract(
      Map<String, long[]> groups,
      Map<String, Map<String, Long>> sums,
      String from,
      Map<String, Long> attrs) {
    long[] n = groups.get(from);
    if (n == null || n[0] == 0) {
      return;
    }
    n[0]--;
    Map<String, Long> s = sums.computeIfAbsent(from, k -> new TreeMap<>());
    attrs.forEach((k, v) -> s.merge(k, -v, Long::sum));
  }

  /**
   * Moves {@code count} items carrying the attribute sums {@code moved} into group {@code to} (out
   * of {@code from}, emptied, when given).
   */
  static void move(
      Map<String, long[]> groups,
      Map<String, Map<String, Long>> sums,
      @Nullable String from,
      String to,
      long count,
      Map<String, Long> moved) {
    if (from != null) {
      long[] source = groups.get(from);
      if (source != null) {
        source[0] -= count;
      }
      sums.put(from, new TreeMap<>());
    }
    groups.computeIfAbsent(to, k -> new long[1])[0] += count;
    Map<String, Long> s = sums.computeIfAbsent(to, k -> new TreeMap<>());
    moved.forEach((k, v) -> s.merge(k, v, Long::sum));
  }
}
