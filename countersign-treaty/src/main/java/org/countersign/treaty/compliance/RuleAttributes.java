package org.countersign.treaty.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.countersign.treaty.escrow.EscrowFinding;
import org.countersign.treaty.escrow.EscrowItem;
import org.countersign.treaty.escrow.RevealedSet;
import org.countersign.treaty.escrow.RevealedSet.Opened;
import org.countersign.treaty.model.Count;
import org.countersign.treaty.model.CountingRule;
import org.countersign.treaty.model.Treaty;

/**
 * The check that committed items state everything the counting rules read. An escrow commitment
 * publishes, per (category, status) group, the sum of each attribute over the items that state it,
 * and the limits are counted from those sums ({@link EscrowCounting}); an item that leaves out an
 * attribute a rule reads (even one with a treaty default) is silently counted as 0 there. So every
 * revealed item is checked against each rule that selects its category and status: every attribute
 * the rule counts or filters on must be stated, and a rule restricted to types needs the item's
 * type. A gap is an {@code escrow-attribute-omitted} finding naming the item and what it lacks.
 */
final class RuleAttributes {
  private RuleAttributes() {}

  /** One finding per revealed item of {@code set} that omits something a rule reads. */
  static List<EscrowFinding> omitted(Treaty treaty, RevealedSet set) {
    var out = new ArrayList<EscrowFinding>();
    long commitmentEntry = set.commitment().index();
    for (Opened o : set.opened().values()) {
      EscrowItem item = o.item();
      var missing = new TreeSet<String>();
      var rules = new TreeSet<String>();
      for (CountingRule rule : treaty.countingRules()) {
        if (!rule.filter().categories().contains(item.category())
            || !rule.filter().statuses().contains(item.status())) {
          continue;
        }
        boolean lacks = false;
        for (String attribute : rule.filter().where().keySet()) {
          if (!item.attributes().containsKey(attribute)) {
            missing.add(attribute);
            lacks = true;
          }
        }
        if (rule.count() instanceof Count.Attribute a && !item.attributes().containsKey(a.name())) {
          missing.add(a.name());
          lacks = true;
        }
        if (!rule.filter().types().isEmpty() && item.type().isEmpty()) {
          missing.add("type");
          lacks = true;
        }
        if (lacks) {
          rules.add(rule.id());
        }
      }
      if (!missing.isEmpty()) {
        out.add(
            new EscrowFinding(
                EscrowFinding.Kind.ATTRIBUTE_OMITTED,
                set.commitment().statement().author(),
                item.id(),
                "revealed item "
                    + item.id()
                    + " ("
                    + item.category()
                    + "/"
                    + item.status()
                    + ") does not state "
                    + String.join(", ", missing)
                    + ", which counting rule"
                    + (rules.size() == 1 ? " " : "s ")
                    + String.join(", ", rules)
                    + (rules.size() == 1 ? " reads" : " read")
                    + "; the commitment's totals (entry "
                    + commitmentEntry
                    + ") cannot be relied on to count it",
                List.of(commitmentEntry, o.revealEntry())));
      }
    }
    return out;
  }
}
