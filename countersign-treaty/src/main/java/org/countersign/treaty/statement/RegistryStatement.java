package org.countersign.treaty.statement;

/** Statements about party keys: registration and rotation. */
// Non-sealed only until its first kinds exist; then sealed with an explicit permits list.
public non-sealed interface RegistryStatement extends Statement {}
