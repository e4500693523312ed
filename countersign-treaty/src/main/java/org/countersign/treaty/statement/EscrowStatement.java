package org.countersign.treaty.statement;

/** Statements about declarations under escrow: commitments and reveals. */
// Non-sealed only until its first kinds exist; then sealed with an explicit permits list.
public non-sealed interface EscrowStatement extends Statement {}
