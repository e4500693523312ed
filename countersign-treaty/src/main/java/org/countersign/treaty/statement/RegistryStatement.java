package org.countersign.treaty.statement;

/**
 * Statements about participants' signing keys: registration and rotation.
 *
 * <p>These records only carry data; the server checks that a registration is signed by the key it
 * registers and a rotation by the key it replaces. The kind of each record is the value of its
 * {@link StatementKind} annotation; the default {@link #kind()} reads it so the two can never
 * disagree.
 */
public sealed interface RegistryStatement extends Statement
    permits PartyKeyRegistration, KeyRotation {

  @Override
  default String kind() {
    return getClass().getAnnotation(StatementKind.class).value();
  }
}
