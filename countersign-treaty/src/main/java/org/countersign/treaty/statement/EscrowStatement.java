package org.countersign.treaty.statement;

/**
 * Statements about declarations under escrow: the public commitment to an item-level declaration,
 * and the reveals that open chosen items of it.
 *
 * <p>The kind of each record is the value of its {@link StatementKind} annotation; the default
 * {@link #kind()} reads it so the two can never disagree.
 */
public sealed interface EscrowStatement extends Statement permits EscrowCommitment, EscrowReveal {

  @Override
  default String kind() {
    return getClass().getAnnotation(StatementKind.class).value();
  }
}
