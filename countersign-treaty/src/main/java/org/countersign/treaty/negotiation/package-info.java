/**
 * Negotiation: the record of a negotiation kept on a log of its own, the structured difference
 * between two proposed texts, and what a proposal asks of each party.
 *
 * <ul>
 *   <li>{@link org.countersign.treaty.negotiation.NegotiationRecord} folds a negotiation log
 *       (terms, sealed opening positions, proposals, acceptances, withdrawals) into a {@link
 *       org.countersign.treaty.negotiation.NegotiationReport}: which openings were committed and
 *       revealed in time and opened their commitments, which proposals answer which, and which
 *       text, if any, every negotiating party accepted.
 *   <li>{@link org.countersign.treaty.negotiation.ProposalDiff} compares two treaty texts section
 *       by section (limits, categories, counting rules, duties, quotas, parties, zones).
 *   <li>{@link org.countersign.treaty.negotiation.ProposalEvaluation} applies a proposal's own
 *       counting rules to each party's forces (declared in a log, or published estimates) and
 *       states the reductions it asks, side by side.
 * </ul>
 *
 * <p>Everything here is deterministic and free of I/O: the same inputs give byte-identical JSON,
 * text and HTML wherever they are computed.
 */
@NullMarked
package org.countersign.treaty.negotiation;

import org.jspecify.annotations.NullMarked;
