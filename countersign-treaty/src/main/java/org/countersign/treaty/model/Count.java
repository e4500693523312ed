package org.countersign.treaty.model;

import org.countersign.treaty.statement.DeclaredItem;

/**
 * How much one selected item adds to a total: the rule vocabulary of treaty files.
 *
 * <ul>
 *   <li>{@code count: items}: one per item (deployed ICBMs, launchers, interceptors);
 *   <li>{@code count: {attribute: warheads}}: the item's attribute value (the actual number of
 *       reentry vehicles on a deployed missile);
 *   <li>{@code count: {fixed: 1}}: a fixed number per item whatever it carries (one warhead per
 *       deployed heavy bomber).
 * </ul>
 */
public sealed interface Count {
  /** The contribution of {@code item}; the item has already passed the rule's filter. */
  long of(DeclaredItem item, Category category);

  /** One per item. */
  record Items() implements Count {
    @Override
    public long of(DeclaredItem item, Category category) {
      return 1;
    }
  }

  /** The item's attribute value, or the category default; the loader guarantees one exists. */
  record Attribute(String name) implements Count {
    public Attribute {
      Checks.name("attribute", name);
    }

    @Override
    public long of(DeclaredItem item, Category category) {
      Long v = ItemFilter.attributeValue(item, category, name);
      if (v == null) {
        // Admission refuses such items; a replay of an unchecked log must not guess a number.
        throw new IllegalStateException("item " + item.id() + " has no " + name);
      }
      return v;
    }
  }

  /** A fixed number per item. */
  record Fixed(long value) implements Count {
    public Fixed {
      if (value < 0) {
        throw new IllegalArgumentException("fixed count must be >= 0, got " + value);
      }
    }

    @Override
    public long of(DeclaredItem item, Category category) {
      return value;
    }
  }
}
