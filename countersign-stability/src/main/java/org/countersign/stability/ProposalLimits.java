package org.countersign.stability;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.countersign.treaty.model.Count;
import org.countersign.treaty.model.CountingRule;
import org.countersign.treaty.model.Limit;
import org.countersign.treaty.model.Treaty;

/**
 * Brings a party's forces down to a proposal's limits, by a documented rule.
 *
 * <p><b>Rule.</b> For each non-regional limit that applies to the party, in file order, the party's
 * total is counted with the proposal's own counting rules over its deployed forces: a rule counting
 * {@code items} counts deployed missiles or bombers of its categories (or launchers, for the
 * launcher categories), {@code attribute: warheads} counts deployed warheads, {@code fixed: k}
 * counts {@code k} per item. If the total exceeds the limit, every system the limit counts is
 * reduced by the same factor {@code limit / total} (rounded down): warheads, items and launchers
 * alike, so warheads per missile and the mix of systems are kept. The pass repeats until no limit
 * is exceeded. Non-deployed items, regional limits and the date a limit binds are not considered:
 * the result is the proposal's end state. Interceptor limits reduce the interceptor inventory.
 */
public final class ProposalLimits {
  private ProposalLimits() {}

  /** The reduced arsenal and the steps taken, one line each. */
  public record Reduction(Arsenal arsenal, List<String> steps) {
    public Reduction {
      steps = List.copyOf(steps);
    }
  }

  /** Applies {@code proposal}'s limits to {@code arsenal}. */
  public static Reduction apply(Arsenal arsenal, Treaty proposal) {
    var steps = new ArrayList<String>();
    if (proposal.party(arsenal.party()).map(pt -> !pt.isParty()).orElse(true)) {
      steps.add(arsenal.party() + " is not a party to " + proposal.id() + "; forces unchanged");
      return new Reduction(arsenal, steps);
    }
    Arsenal current = arsenal;
    for (int pass = 0; pass < 10; pass++) {
      boolean changed = false;
      for (Limit limit : proposal.limits()) {
        if (limit.isRegional() || !limit.appliesTo(arsenal.party())) {
          continue;
        }
        List<CountingRule> rules =
            limit.sum().stream().flatMap(id -> proposal.countingRule(id).stream()).toList();
        Map<String, Double> bySystem = new LinkedHashMap<>();
        double interceptorCount = 0;
        for (CountingRule r : rules) {
          if (!r.filter().statuses().contains("deployed")) {
            continue;
          }
          if (r.filter().categories().contains("interceptor")) {
            interceptorCount += current.interceptors();
          }
          for (ForceElement e : current.elements()) {
            double v = count(r, e);
            if (v > 0) {
              bySystem.merge(e.system(), v, Double::sum);
            }
          }
        }
        double total = interceptorCount + bySystem.values().stream().mapToDouble(d -> d).sum();
        if (total <= limit.value()) {
          continue;
        }
        double f = limit.value() / total;
        changed = true;
        steps.add(
            String.format(
                java.util.Locale.ROOT,
                "%s: %s counts %.0f > %d; %s reduced by factor %.4f",
                arsenal.party(),
                limit.id(),
                total,
                limit.value(),
                interceptorCount > 0 && bySystem.isEmpty()
                    ? "interceptors"
                    : String.join(", ", bySystem.keySet())
                        + (interceptorCount > 0 ? ", interceptors" : ""),
                f));
        Arsenal before = current;
        current = before.mapElements(e -> bySystem.containsKey(e.system()) ? e.scaled(f) : e);
        if (interceptorCount > 0) {
          current =
              current.withDefence(
                  (int) Math.floor(before.interceptors() * f + 1e-9),
                  before.interceptorKillProbability());
        }
      }
      if (!changed) {
        break;
      }
    }
    if (steps.isEmpty()) {
      steps.add(arsenal.party() + ": within every limit of " + proposal.id() + "; unchanged");
    }
    return new Reduction(current, steps);
  }

  /** What {@code rule} counts for element {@code e} of the deployed forces. */
  static double count(CountingRule rule, ForceElement e) {
    List<String> cats = rule.filter().categories();
    boolean asItem = cats.contains(e.category());
    boolean asLauncher = !e.launcherCategory().isEmpty() && cats.contains(e.launcherCategory());
    if (!asItem && !asLauncher) {
      return 0;
    }
    return switch (rule.count()) {
      case Count.Items i -> asLauncher ? e.launchers() : e.items();
      case Count.Attribute a -> a.name().equals("warheads") && asItem ? e.warheads() : 0;
      case Count.Fixed fx -> asItem ? fx.value() * e.items() : 0;
    };
  }
}
