package org.countersign.treaty.statement;

/**
 * A statement as it sits in the log: the index of the entry that holds it and the decoded
 * statement. It is what the compliance replay consumes and what a finding cites as evidence. The
 * caller has already verified the entry's inclusion and its author's signature; the engines trust
 * neither more nor less than that (they still check the statement against the treaty).
 *
 * @param index the entry's index in the log, 0-based
 * @param statement the decoded statement
 * @param <S> the statement's kind, where the holder knows it ({@code LoggedStatement<?>} where it
 *     does not)
 */
public record LoggedStatement<S extends Statement>(long index, S statement) {
  /**
   * @throws IllegalArgumentException if {@code index} is negative or the statement is missing
   */
  public LoggedStatement {
    if (index < 0) {
      throw new IllegalArgumentException("entry index must be >= 0, got " + index);
    }
    if (statement == null) {
      throw new IllegalArgumentException("statement is missing");
    }
  }
}
