package org.countersign.treaty.escrow;

/**
 * A statement with the index of the log entry that holds it: the evidence a finding cites.
 *
 * @param entry the log index of the statement's entry
 * @param statement the statement
 * @param <S> the statement type
 */
public record Logged<S>(long entry, S statement) {
  public Logged {
    if (entry < 0) {
      throw new IllegalArgumentException("a log entry index is not negative, got " + entry);
    }
    if (statement == null) {
      throw new IllegalArgumentException("a logged statement is required");
    }
  }
}
