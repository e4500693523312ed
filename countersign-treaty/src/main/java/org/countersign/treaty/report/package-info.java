/**
 * The forms a compliance report is given in for people, shared by the server's {@code
 * /api/v1/compliance} and the command line's offline {@code compliance} replay so that both print
 * the same bytes: the request forms ({@link org.countersign.treaty.report.ReportTime}, {@link
 * org.countersign.treaty.report.ReportFormat}), one party's view ({@link
 * org.countersign.treaty.report.PartyView}) and the HTML report ({@link
 * org.countersign.treaty.report.ComplianceHtml}, with {@link
 * org.countersign.treaty.report.ReportAnchor} for its links).
 *
 * <p>The report's canonical JSON and text are not here: they are the report's own encodings ({@code
 * ComplianceReport.toJson()}, {@code toText()}) and stay beside it in {@code
 * org.countersign.treaty.compliance}, which this package reads and never the other way round.
 */
@NullMarked
package org.countersign.treaty.report;

import org.jspecify.annotations.NullMarked;
