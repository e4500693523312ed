package org.countersign.treaty.protocol;

import java.util.Objects;
import org.countersign.log.note.UnverifiedNote;
import org.countersign.treaty.statement.Statement;

/**
 * A log entry parsed as a signed note whose text decoded to a statement, signatures NOT yet
 * checked: {@link SigningRule#verify} does that, with the keys {@link SigningRule#keyEvent} picks.
 *
 * @param note the parsed note, to be opened with the required keys
 * @param statement what the note claims, not authenticated until the note is opened
 */
public record DecodedEntry(UnverifiedNote note, Statement statement) {
  public DecodedEntry {
    Objects.requireNonNull(note, "note");
    Objects.requireNonNull(statement, "statement");
  }
}
