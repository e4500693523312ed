package org.countersign.treaty.compliance;

import org.countersign.treaty.statement.Statement;

/**
 * A statement as it sits in the log: its entry index and the decoded statement. The caller has
 * already verified the entry's inclusion and its author's signature; the engine trusts neither more
 * nor less than that (it still checks the statement against the treaty).
 *
 * @param index the entry's index in the log, 0-based
 * @param statement the decoded statement
 */
public record LoggedStatement(long index, Statement statement) {
  public LoggedStatement {
    if (index < 0) {
      throw new IllegalArgumentException("entry index must be >= 0, got " + index);
    }
    if (statement == null) {
      throw new IllegalArgumentException("statement is missing");
    }
  }
}
