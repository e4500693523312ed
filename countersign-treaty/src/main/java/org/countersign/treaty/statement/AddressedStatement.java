package org.countersign.treaty.statement;

import java.util.Objects;

/**
 * A statement with the log it is addressed to, as its signed text carries them: the {@code origin}
 * member of the JSON body names the one log (its checkpoint origin) where the statement may be
 * recorded, so that a statement signed for one log cannot be replayed into another log of the same
 * treaty.
 *
 * @param origin the origin of the log the author addressed the statement to
 * @param statement the statement
 */
public record AddressedStatement(String origin, Statement statement) {
  public AddressedStatement {
    Fields.origin("origin", origin);
    Objects.requireNonNull(statement, "statement");
  }
}
