/**
 * Declarations under cryptographic escrow, after Philippe, Glaser and Felten, "A cryptographic
 * escrow for treaty declarations and step-by-step verification", <i>Science &amp; Global
 * Security</i> 27 (2019).
 *
 * <p>A party commits to every item it declares ({@link EscrowDeclaration#commit}) with a salted,
 * domain-separated SHA-256 commitment per item; the commitments are the leaves of an RFC 6962
 * Merkle tree whose root, item count and per-group totals are the public {@code EscrowCommitment}
 * statement. The items and salts stay with the party, encrypted at rest ({@link EscrowVault}).
 * Reveals open chosen items with their salts and inclusion proofs, and anyone checks them against
 * the root ({@link RevealVerifier}). {@link EscrowChecks} turns contradictions between reveals,
 * totals, inspection findings and change notifications into {@link EscrowFinding}s for the
 * compliance report.
 *
 * <p>Formats and the reasoning behind them: {@code docs/escrow-and-inspections.md}.
 */
@NullMarked
package org.countersign.treaty.escrow;

import org.jspecify.annotations.NullMarked;
