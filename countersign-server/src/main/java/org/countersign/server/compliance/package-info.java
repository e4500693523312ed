/**
 * Compliance on the server: a {@link org.countersign.server.compliance.ComplianceService} that
 * keeps the treaty's compliance fold current as entries are published. The forms a report is given
 * in (canonical JSON, text, HTML, one party's view) are in {@code org.countersign.treaty.report},
 * shared with the command-line client so that the server and an observer's offline replay print the
 * same bytes.
 */
@NullMarked
package org.countersign.server.compliance;

import org.jspecify.annotations.NullMarked;
