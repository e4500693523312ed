package org.countersign.treaty.statement;

/** Statements about the treaty regime: adoption, declarations, notifications, data exchanges, disputes, suspension, withdrawal. */
// Non-sealed only until its first kinds exist; then sealed with an explicit permits list.
public non-sealed interface TreatyStatement extends Statement {}
