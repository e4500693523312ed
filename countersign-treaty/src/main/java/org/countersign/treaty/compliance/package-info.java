/**
 * Compliance as a replay of the log: a deterministic fold of logged statements under a treaty.
 *
 * <p>{@link org.countersign.treaty.compliance.ComplianceEngine} applies entries one at a time (so a
 * server can keep it current) and answers {@link
 * org.countersign.treaty.compliance.ComplianceEngine#reportAt(java.time.Instant)} with a {@link
 * org.countersign.treaty.compliance.ComplianceReport}: totals per party and limit with the entries
 * that justify them, late and missing notifications and data exchanges, discrepancies between
 * statements, disputes with each party's reading, and suspension and withdrawal. The report's
 * canonical JSON is byte-identical for the same treaty, log prefix and date, wherever it is
 * computed. {@link org.countersign.treaty.compliance.Admission} is the submission-time check of a
 * statement against the treaty.
 */
@NullMarked
package org.countersign.treaty.compliance;

import org.jspecify.annotations.NullMarked;
