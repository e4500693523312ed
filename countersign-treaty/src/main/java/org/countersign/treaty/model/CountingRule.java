package org.countersign.treaty.model;

import org.countersign.treaty.statement.DeclaredItem;

/**
 * A named way of counting items toward limits, e.g. "warheads on deployed ICBMs: the actual number
 * of reentry vehicles" (New START Article III.2(a)).
 *
 * @param id kebab-case id that limits sum
 * @param description the rule in words, with its treaty reference
 * @param filter the items it looks at
 * @param count what each selected item adds
 */
public record CountingRule(String id, String description, ItemFilter filter, Count count) {
  public CountingRule {
    Checks.name("counting rule id", id);
    Checks.present("description", description);
    Checks.present("filter", filter);
    Checks.present("count", count);
  }

  /** What {@code item} adds under this rule: 0 if the filter does not select it. */
  public long valueOf(DeclaredItem item, Category category) {
    return filter.matches(item, category) ? count.of(item, category) : 0;
  }
}
