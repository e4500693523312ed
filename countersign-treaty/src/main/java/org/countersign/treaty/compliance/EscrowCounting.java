package org.countersign.treaty.compliance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.countersign.treaty.model.AttributeCondition;
import org.countersign.treaty.model.AttributeDef;
import org.countersign.treaty.model.Category;
import org.countersign.treaty.model.Count;
import org.countersign.treaty.model.CountingRule;
import org.countersign.treaty.model.Limit;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.EscrowTotal;
import org.jspecify.annotations.Nullable;

/**
 * A limit's total counted from an escrow commitment's published totals alone: per (category,
 * status) group, the number of committed items and the sum of each attribute.
 *
 * <h2>What the totals decide</h2>
 *
 * <p>A counting rule is decided when what it adds per group follows from the group's count and
 * sums:
 *
 * <ul>
 *   <li>{@code count: items} and {@code count: {fixed: N}}: the group's count (times N);
 *   <li>{@code count: {attribute: A}}: the group's sum of A;
 *   <li>with one {@code where} condition on a flag F (an attribute ranging over 0..1) that accepts
 *       exactly 1 (or exactly 0): the group's sum of F (or count minus sum) stands for the count of
 *       the items selected, so {@code items}, {@code fixed} and {@code attribute: F} are decided.
 * </ul>
 *
 * <p>Not decided, with the reason in the report: any other {@code where} (a value list or a range
 * on a non-flag attribute, several conditions: which items meet them is not in per-group figures),
 * an attribute sum restricted by a condition on another attribute (the sum over only the selected
 * items is not published), and a regional limit (totals are not broken down by zone).
 *
 * <p>The sums are over the items that state the attribute, so counting from them assumes every
 * committed item states each attribute a rule reads, defaults written out. Reveals are checked for
 * it: a revealed item that omits such an attribute is a discrepancy ({@code
 * escrow-attribute-omitted}).
 */
final class EscrowCounting {
  private EscrowCounting() {}

  /**
   * The total, or why the totals cannot decide it.
   *
   * @param total the counted total, or null
   * @param undecided empty when decided, else the reason
   */
  record Decision(@Nullable Long total, String undecided) {}

  static Decision total(Treaty treaty, Limit limit, List<EscrowTotal> totals) {
    if (!limit.zone().isEmpty()) {
      return new Decision(
          null,
          "limit "
              + limit.id()
              + " counts only zone "
              + limit.zone()
              + ", and an escrow commitment's totals are not broken down by zone");
    }
    var groups = new HashMap<String, EscrowTotal>();
    for (EscrowTotal t : totals) {
      groups.put(t.category() + "/" + t.status(), t);
    }
    long sum = 0;
    for (String ruleId : limit.sum()) {
      CountingRule rule = treaty.countingRule(ruleId).orElseThrow();
      if (!rule.filter().types().isEmpty()) {
        return new Decision(
            null,
            "rule "
                + rule.id()
                + " counts only types "
                + rule.filter().types()
                + ", and an escrow commitment's totals are not broken down by type");
      }
      for (String c : rule.filter().categories()) {
        Category category = treaty.category(c).orElseThrow();
        for (String s : rule.filter().statuses()) {
          if (!category.statuses().contains(s)) {
            continue;
          }
          EscrowTotal g = groups.get(c + "/" + s);
          Decision d = ofGroup(rule, category, g);
          if (d.total() == null) {
            return d;
          }
          sum = Math.addExact(sum, d.total());
        }
      }
    }
    return new Decision(sum, "");
  }

  private static Decision ofGroup(CountingRule rule, Category category, @Nullable EscrowTotal g) {
    long items = g == null ? 0 : g.items();
    Map<String, Long> sums = g == null ? Map.of() : g.attributeSums();
    Map<String, AttributeCondition> where = rule.filter().where();
    long selected = items;
    String flag = null;
    long flagValue = 0;
    if (!where.isEmpty()) {
      var e = where.entrySet().iterator().next();
      AttributeDef def = category.attribute(e.getKey()).orElse(null);
      Long value = where.size() == 1 && def != null ? flagValue(def, e.getValue()) : null;
      if (value == null) {
        return new Decision(
            null,
            "rule "
                + rule.id()
                + " selects "
                + category.id()
                + " items by attribute values "
                + where.keySet()
                + ", which per-group counts and sums cannot separate");
      }
      flag = e.getKey();
      flagValue = value;
      long ones = sums.getOrDefault(flag, 0L);
      selected = value == 1 ? ones : items - ones;
    }
    return switch (rule.count()) {
      case Count.Items i -> new Decision(selected, "");
      case Count.Fixed f -> new Decision(Math.multiplyExact(selected, f.value()), "");
      case Count.Attribute a -> {
        if (flag == null) {
          yield new Decision(sums.getOrDefault(a.name(), 0L), "");
        }
        if (a.name().equals(flag)) {
          yield new Decision(flagValue == 1 ? selected : 0L, "");
        }
        yield new Decision(
            null,
            "rule "
                + rule.id()
                + " sums "
                + a.name()
                + " over only the "
                + category.id()
                + " items with "
                + flag
                + " set as it requires, and a commitment publishes the sum over the whole group");
      }
    };
  }

  /** The value (0 or 1) a condition on a 0..1 flag accepts alone, else null. */
  private static @Nullable Long flagValue(AttributeDef def, AttributeCondition c) {
    if (def.min() != 0 || def.max() != 1) {
      return null;
    }
    for (long v : new long[] {0, 1}) {
      if (c.test(v) && !c.test(1 - v)) {
        return v;
      }
    }
    return null;
  }
}
