package org.countersign.treaty.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.countersign.treaty.statement.ChangeNotification;
import org.countersign.treaty.statement.DeclaredItem;
import org.jspecify.annotations.Nullable;

/**
 * A party's item-level inventory at an instant, and what it rests on.
 *
 * @param items the items by id (items in a terminal status included)
 * @param baseline the complete declaration it starts from, or null if it rests on notifications
 * @param applied the change notifications applied on top of the baseline, in order
 * @param freshness the latest instant the state reflects: the baseline's as-of instant or the
 *     last applied change's effective time
 */
record ItemState(Map<String, DeclaredItem> items, @Nullable DeclarationSet baseline,
    List<Entry<ChangeNotification>> applied, Instant freshness) {

  /** Whether any item-level statement underlies this state. */
  boolean exists() {
    return baseline != null || !applied.isEmpty();
  }
}
