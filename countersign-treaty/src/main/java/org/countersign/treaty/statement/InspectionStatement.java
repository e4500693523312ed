package org.countersign.treaty.statement;

/** Statements about inspections: requests, joint randomness, reports. */
// Non-sealed only until its first kinds exist; then sealed with an explicit permits list.
public non-sealed interface InspectionStatement extends Statement {}
