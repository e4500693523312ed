package org.countersign.treaty.compliance;

import java.util.Map;
import org.countersign.treaty.model.ChangeEffect;
import org.countersign.treaty.model.ChangeKind;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.ChangeNotification;
import org.countersign.treaty.statement.DeclaredItem;
import org.jspecify.annotations.Nullable;

/**
 * How one change notification moves an inventory: the single definition used both to compute
 * totals and to find anomalies, so the two can never disagree.
 *
 * <p>A change to an item already in a terminal status, or naming another category than the item
 * has, is not applied (the item stays as declared). A change to an unknown item is applied only
 * if it states enough to create the item (its status, site and every required attribute); an
 * {@code appear} change to an existing item updates it. Each of these returns an anomaly kind for the discrepancy list.
 */
final class Transitions {
  /** A change to an item the party never declared or introduced. */
  static final String UNDECLARED = "change-to-undeclared-item";
  /** A change to an item already eliminated. */
  static final String AFTER_ELIMINATION = "change-after-elimination";
  /** A change whose category differs from the item's. */
  static final String CATEGORY = "category-mismatch";
  /** A new-item change for an id already in the inventory. */
  static final String ALREADY_DECLARED = "new-item-already-declared";

  private Transitions() {}

  /** Applies {@code c} to {@code items} in place; returns the anomaly kind, or null. */
  static @Nullable String apply(Treaty treaty, Map<String, DeclaredItem> items, ChangeNotification c) {
    ChangeKind kind = treaty.changeKind(c.change()).orElse(null);
    boolean appear = kind != null && kind.effect() == ChangeEffect.APPEAR;
    DeclaredItem current = items.get(c.item());
    if (current == null) {
      // Admission guarantees an appear change states everything a new item needs; any other
      // change creates the item only if it happens to state as much (never a guessed attribute).
      if (!c.status().isEmpty() && !c.site().isEmpty() && statesRequiredAttributes(treaty, c)) {
        items.put(c.item(), new DeclaredItem(c.item(), c.category(), c.status(), c.site(), c.zone(),
            c.attributes()));
      }
      return appear ? null : UNDECLARED;
    }
    if (!current.category().equals(c.category())) {
      return CATEGORY;
    }
    if (treaty.isTerminal(current.status())) {
      return AFTER_ELIMINATION;
    }
    DeclaredItem next = current;
    if (!c.status().isEmpty()) {
      next = next.withStatus(c.status());
    }
    if (!c.site().isEmpty() || !c.zone().isEmpty()) {
      next = next.at(c.site().isEmpty() ? next.site() : c.site(),
          c.zone().isEmpty() ? next.zone() : c.zone());
    }
    next = next.withAttributes(c.attributes());
    items.put(c.item(), next);
    return appear ? ALREADY_DECLARED : null;
  }

  private static boolean statesRequiredAttributes(Treaty treaty, ChangeNotification c) {
    return treaty.category(c.category())
        .map(cat -> cat.attributes().stream()
            .allMatch(a -> !a.required() || c.attributes().containsKey(a.id())))
        .orElse(false);
  }
}
