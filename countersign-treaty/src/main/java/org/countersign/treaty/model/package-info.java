/**
 * The treaty as data: parties, statuses, zones, item categories, change kinds, counting rules,
 * limits, notification duties, data-exchange calendars, inspection quotas and dates.
 *
 * <p>Everything a treaty says about counting and deadlines is expressed with a small fixed
 * vocabulary ({@link org.countersign.treaty.model.Count}, {@link
 * org.countersign.treaty.model.ItemFilter}, {@link org.countersign.treaty.model.ChangeEffect},
 * {@link org.countersign.treaty.model.Deadline}), so that a new category, limit or duty is a
 * treaty-file change and never a code change. Instances come from {@code
 * org.countersign.treaty.loader.TreatyLoader}, which validates the file against the schema and the
 * cross-references; the records re-check their own invariants.
 */
@NullMarked
package org.countersign.treaty.model;

import org.jspecify.annotations.NullMarked;
