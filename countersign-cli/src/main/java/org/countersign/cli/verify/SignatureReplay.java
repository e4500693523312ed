package org.countersign.cli.verify;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.countersign.log.note.NoteVerifier;
import org.countersign.log.note.VerifiedNote;
import org.countersign.log.note.VerifierKey;
import org.countersign.treaty.protocol.DecodedEntry;
import org.countersign.treaty.protocol.EntryDecoder;
import org.countersign.treaty.protocol.EntryRejectedException;
import org.countersign.treaty.protocol.KeyRegistry;
import org.countersign.treaty.protocol.SigningRule;
import org.countersign.treaty.protocol.Violation;
import org.countersign.treaty.statement.Statement;

/**
 * Replays the party-key registry over the log's entries in log order and checks each entry's
 * signature against the key its author held at that point.
 *
 * <p>The rules are the log's own, the very code the server admits entries with ({@link
 * EntryDecoder}, {@link SigningRule}, {@link KeyRegistry}): a first registration is signed by the
 * key it registers; a rotation by the key it retires (the new key may co-sign), effective from its
 * {@code issuedAt}; every other statement by its author's current key, issued no earlier than that
 * key took effect; and no entry carries a signature by anyone else. Applying the same rules to the
 * same entries in the same order, an observer reaches the registry the server had when it accepted
 * each entry, so any entry the server should have refused is found.
 *
 * <p>Also checked: every entry is a well-formed signed note whose text is a statement in its one
 * canonical spelling, and every statement names the same treaty. Not thread-safe.
 */
final class SignatureReplay {
  private final KeyRegistry registry = new KeyRegistry();
  private final Map<VerifierKey, NoteVerifier> verifiers = new HashMap<>();
  private String treaty;
  long signatures;
  long registrations;
  long rotations;

  /**
   * Checks entry {@code index} and admits its key event.
   *
   * @return the statement it holds
   * @throws AuditFailure naming the entry and what is wrong with it
   */
  Statement check(long index, byte[] entry) throws AuditFailure {
    DecodedEntry decoded;
    try {
      decoded = EntryDecoder.decode(entry);
    } catch (EntryRejectedException e) {
      throw new AuditFailure(
          e.violation() == Violation.MALFORMED_NOTE || e.violation() == Violation.ENTRY_TOO_LARGE
              ? "entry " + index + " is " + e.getMessage()
              : "entry " + index + " is not a valid statement: " + e.getMessage(),
          e);
    }
    Statement s = decoded.statement();
    String where = "entry " + index + " (" + s.kind() + " by " + s.author() + ")";
    if (treaty == null) {
      treaty = s.treaty();
    } else if (!treaty.equals(s.treaty())) {
      throw new AuditFailure(
          where
              + " names treaty \""
              + s.treaty()
              + "\", but the log's earlier entries name \""
              + treaty
              + "\"");
    }
    KeyRegistry.KeyEvent event;
    try {
      event = SigningRule.keyEvent(s, registry);
      VerifiedNote note = SigningRule.verify(decoded.note(), event, this::verifier);
      signatures += note.verifiedSignatures().size();
    } catch (EntryRejectedException e) {
      throw new AuditFailure(where + ": " + e.getMessage(), e);
    }
    KeyRegistry.Draft draft = registry.draft();
    try {
      draft.admit(event);
    } catch (EntryRejectedException e) {
      throw new AuditFailure(where + " breaks the key registry rules: " + e.getMessage(), e);
    }
    registry.apply(draft);
    switch (event) {
      case KeyRegistry.Register r -> registrations++;
      case KeyRegistry.Rotate r -> rotations++;
      case KeyRegistry.Use u -> {}
    }
    return s;
  }

  /** The number of participants with a registered key so far. */
  int parties() {
    return registry.size();
  }

  /** The treaty every entry names, once one entry was checked. */
  Optional<String> treaty() {
    return Optional.ofNullable(treaty);
  }

  private NoteVerifier verifier(VerifierKey key) {
    return verifiers.computeIfAbsent(key, VerifierKey::verifier);
  }
}
