/**
 * Real and demonstration data for New START: the published aggregate figures 2011-2023 as
 * data-exchange statements ({@link org.countersign.treaty.history.NewStartHistory}), and
 * deterministic item-level inventories whose counted totals reproduce given aggregates, evolving
 * from one data-exchange date to the next with the change notifications that explain every
 * difference ({@link org.countersign.treaty.history.DemoInventory}).
 */
@NullMarked
package org.countersign.treaty.history;

import org.jspecify.annotations.NullMarked;
