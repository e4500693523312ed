package org.countersign.treaty.compliance;

import java.util.Map;
import java.util.TreeMap;
import org.countersign.treaty.model.ChangeEffect;
import org.countersign.treaty.model.ChangeKind;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.ChangeNotification;
import org.countersign.treaty.statement.DeclaredItem;
import org.jspecify.annotations.Nullable;

/**
 * How one change notification moves an inventory: the single definition used both to compute totals
 * and to find anomalies, so the two can never disagree.
 *
 * <p>A change to an item already in a terminal status, or naming another category than the item
 * has, is not applied (the item stays as declared). A change to an unknown item is applied only if
 * it states enough to create the item (its status, site and every required attribute); an {@code
 * appear} change to an existing item updates it. A change of a kind restricted to some types
 * ({@code types} in the treaty) is not applied to an item of another type, or of none stated. Each
 * of these returns an anomaly kind for the discrepancy list.
 */
final class Transitions {
  /** A change to an item the party never declared or introduced. */
  static final String UNDECLARED = "change-to-undeclared-item";

  /** A change to an item already eliminated. */
  static final String AFTER_ELIMINATION = "change-after-elimination";

  /** A change whose category differs from the item's. */
  static final String CATEGORY = "category-mismatch";

  /** A change of a kind whose treaty types do not include the item's type. */
  static final String TYPE = "change-not-for-type";

  /** A new-item change for an id already in the inventory. */
  static final String ALREADY_DECLARED = "new-item-already-declared";

  private Transitions() {}

  /** Applies {@code c} to {@code items} in place; returns the anomaly kind, or null. */
  static @Nullable String apply(
      Treaty treaty, Map<String, DeclaredItem> items, ChangeNotification c) {
    ChangeKind kind = treaty.changeKind(c.change()).orElse(null);
    boolean appear = kind != null && kind.effect() == ChangeEffect.APPEAR;
    DeclaredItem current = items.get(c.item());
    if (current == null) {
      // Admission guarantees an appear change states everything a new item needs; any other
      // change creates the item only if it happens to state as much (never a guessed attribute).
      if (!c.status().isEmpty() && !c.site().isEmpty() && statesRequiredAttributes(treaty, c)) {
        items.put(
            c.item(),
            new DeclaredItem(
                c.item(), c.category(), c.status(), c.site(), c.zone(), c.attributes(), c.type()));
      }
      return appear ? null : UNDECLARED;
    }
    if (!current.category().equals(c.category())) {
      return CATEGORY;
    }
    if (treaty.isTerminal(current.status())) {
      return AFTER_ELIMINATION;
    }
    String typeAfter = c.type().isEmpty() ? current.type() : c.type();
    if (kind != null && !kind.appliesToType(typeAfter)) {
      // A conversion agreed for one type converts no other: the item stays as it was.
      return TYPE;
    }
    items.put(c.item(), changed(current, c));
    return appear ? ALREADY_DECLARED : null;
  }

  /**
   * {@code current} with what {@code c} states (an empty field leaves the value unchanged), built
   * in one step: the replay applies every notification of a period to each query, so an unchanged
   * item is returned as is and a changed one is validated once, not once per field.
   */
  private static DeclaredItem changed(DeclaredItem current, ChangeNotification c) {
    String status = c.status().isEmpty() ? current.status() : c.status();
    String site = c.site().isEmpty() ? current.site() : c.site();
    String zone = c.zone().isEmpty() ? current.zone() : c.zone();
    String type = c.type().isEmpty() ? current.type() : c.type();
    boolean sameAttributes = true;
    for (var e : c.attributes().entrySet()) {
      sameAttributes &= e.getValue().equals(current.attributes().get(e.getKey()));
    }
    if (status.equals(current.status())
        && site.equals(current.site())
        && zone.equals(current.zone())
        && type.equals(current.type())
        && sameAttributes) {
      return current;
    }
    Map<String, Long> attributes = current.attributes();
    if (!sameAttributes) {
      var merged = new TreeMap<>(attributes);
      merged.putAll(c.attributes());
      attributes = merged;
    }
    return new DeclaredItem(current.id(), current.category(), status, site, zone, attributes, type);
  }

  private static boolean statesRequiredAttributes(Treaty treaty, ChangeNotification c) {
    return treaty
        .category(c.category())
        .map(
            cat ->
                cat.attributes().stream()
                    .allMatch(a -> !a.required() || c.attributes().containsKey(a.id())))
        .orElse(false);
  }
}
