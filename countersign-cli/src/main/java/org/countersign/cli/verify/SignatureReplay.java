package org.countersign.cli.verify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.countersign.log.BadSignatureException;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.Note;
import org.countersign.log.note.NoteVerifier;
import org.countersign.log.note.VerifiedNote;
import org.countersign.log.note.VerifierKey;
import org.countersign.log.note.Verifiers;
import org.countersign.server.submit.KeyRegistry;
import org.countersign.server.submit.SubmissionRefusedException;
import org.countersign.treaty.statement.InvalidStatementException;
import org.countersign.treaty.statement.KeyRotation;
import org.countersign.treaty.statement.PartyKeyRegistration;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.StatementCodec;

/**
 * Replays the party-key registry over the log's entries in log order and checks each entry's
 * signature against the key its author held at that point.
 *
 * <p>The rules are the log's own ({@link KeyRegistry}): a first registration is signed by the key
 * it registers; a rotation by the key it retires (the new key may co-sign), effective from its
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
    String text = unverifiedText(index, entry);
    Statement s;
    try {
      s = StatementCodec.decodeText(text);
    } catch (InvalidStatementException e) {
      throw new AuditFailure("entry " + index + " is not a valid statement: " + e.getMessage(), e);
    }
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

    List<VerifierKey> required = new ArrayList<>(1);
    List<VerifierKey> allowed = new ArrayList<>(1);
    KeyRegistry.KeyEvent event;
    switch (s) {
      case PartyKeyRegistration r -> {
        VerifierKey key = partyKey(where, "verifierKey", r.verifierKey());
        required.add(key);
        event = new KeyRegistry.Register(s.author(), key, s.issuedAt());
      }
      case KeyRotation r -> {
        VerifierKey from = partyKey(where, "previousVerifierKey", r.previousVerifierKey());
        VerifierKey to = partyKey(where, "verifierKey", r.verifierKey());
        required.add(from);
        allowed.add(to);
        event = new KeyRegistry.Rotate(s.author(), from, to, s.issuedAt());
      }
      default -> {
        Optional<KeyRegistry.KeyPeriod> current = registry.current(s.author());
        if (current.isEmpty()) {
          throw new AuditFailure(
              where + ": \"" + s.author() + "\" has no registered key at this point of the log");
        }
        required.add(current.get().key());
        event = new KeyRegistry.Use(s.author(), current.get().key(), s.issuedAt());
      }
    }
    verifySignatures(where, entry, required, allowed);
    KeyRegistry.Draft draft = registry.draft();
    try {
      draft.admit(event);
    } catch (SubmissionRefusedException e) {
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

  private static String unverifiedText(long index, byte[] entry) throws AuditFailure {
    try {
      Note.open(entry, Verifiers.of(List.of()), entry.length);
    } catch (BadSignatureException expected) {
      // With no trusted keys a well-formed note is always "unsigned"; its text is what we need.
      return expected.noteText();
    } catch (MalformedInputException e) {
      throw new AuditFailure("entry " + index + " is not a signed note: " + e.getMessage(), e);
    }
    throw new IllegalStateException("a note opened without any trusted key");
  }

  private void verifySignatures(
      String where, byte[] entry, List<VerifierKey> required, List<VerifierKey> allowed)
      throws AuditFailure {
    List<NoteVerifier> requiredVerifiers = new ArrayList<>(required.size());
    List<NoteVerifier> all = new ArrayList<>();
    for (VerifierKey k : required) {
      NoteVerifier v = verifier(where, k);
      requiredVerifiers.add(v);
      all.add(v);
    }
    for (VerifierKey k : allowed) {
      all.add(verifier(where, k));
    }
    VerifiedNote note;
    try {
      note = Note.open(entry, Verifiers.of(all), entry.length);
      note.requireSignedBy(requiredVerifiers);
    } catch (BadSignatureException e) {
      throw new AuditFailure(
          where + ": signature check against " + ids(required) + " failed: " + e.getMessage(), e);
    } catch (MalformedInputException | IllegalArgumentException e) {
      throw new AuditFailure(where + ": " + e.getMessage(), e);
    }
    if (!note.otherSignatures().isEmpty()) {
      List<String> others = new ArrayList<>();
      note.otherSignatures().forEach(sig -> others.add(sig.id()));
      throw new AuditFailure(
          where
              + " carries signatures by keys that are not its author's: "
              + String.join(", ", others));
    }
    signatures += note.verifiedSignatures().size();
  }

  private static VerifierKey partyKey(String where, String field, String vkey) throws AuditFailure {
    try {
      VerifierKey key = VerifierKey.parse(vkey);
      if (key.type() != VerifierKey.TYPE_ED25519) {
        throw new AuditFailure(
            where + ": " + field + " is not an Ed25519 signed-note key: " + key.id());
      }
      return key;
    } catch (MalformedInputException e) {
      throw new AuditFailure(where + ": " + field + ": " + e.getMessage(), e);
    }
  }

  private NoteVerifier verifier(String where, VerifierKey key) throws AuditFailure {
    NoteVerifier v = verifiers.get(key);
    if (v == null) {
      try {
        v = key.verifier();
      } catch (IllegalArgumentException | IllegalStateException e) {
        throw new AuditFailure(where + ": unusable key " + key.id() + ": " + e.getMessage(), e);
      }
      verifiers.put(key, v);
    }
    return v;
  }

  private static String ids(List<VerifierKey> keys) {
    List<String> out = new ArrayList<>(keys.size());
    keys.forEach(k -> out.add(k.id()));
    return String.join(" and ", out);
  }
}
