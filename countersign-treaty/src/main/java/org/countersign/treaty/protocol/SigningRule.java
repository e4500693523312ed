package org.countersign.treaty.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.countersign.log.BadSignatureException;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.NoteSignature;
import org.countersign.log.note.NoteVerifier;
import org.countersign.log.note.UnverifiedNote;
import org.countersign.log.note.VerifiedNote;
import org.countersign.log.note.VerifierKey;
import org.countersign.log.note.Verifiers;
import org.countersign.treaty.protocol.KeyRegistry.KeyEvent;
import org.countersign.treaty.statement.KeyRotation;
import org.countersign.treaty.statement.PartyKeyRegistration;
import org.countersign.treaty.statement.Statement;

/**
 * Who must sign an entry, and nobody else: the signing rule of the log, applied identically by the
 * server at submission and by every auditor's replay.
 *
 * <ul>
 *   <li>a first key registration ({@link PartyKeyRegistration}) MUST be signed by the key it
 *       registers (proof of possession);
 *   <li>a rotation ({@link KeyRotation}) MUST be signed by the key it retires; the new key MAY
 *       co-sign;
 *   <li>every other statement MUST be signed by its author's current key ({@link KeyRegistry});
 *   <li>no entry carries any other signature: one statement has one entry, so a stranger's
 *       signature is rejected, not logged.
 * </ul>
 *
 * <p>Whether the {@link KeyEvent} fits the registry's history (no second first key, no retired key
 * returning, nothing backdated) is {@link KeyRegistry}'s rule; this class decides only which keys
 * the note must carry.
 */
public final class SigningRule {
  private SigningRule() {}

  /**
   * What {@code statement} asks of the registry, with the keys it names parsed.
   *
   * @param registry the registry at the statement's position in the log, consulted for the author's
   *     current key when the statement is not a registration or a rotation
   * @throws EntryRejectedException {@link Violation#MALFORMED_STATEMENT} for a key that does not
   *     parse or is not Ed25519; {@link Violation#UNKNOWN_AUTHOR} for an author with no key
   */
  public static KeyEvent keyEvent(Statement statement, KeyRegistry registry)
      throws EntryRejectedException {
    String author = statement.author();
    return switch (statement) {
      case PartyKeyRegistration r ->
          new KeyRegistry.Register(
              author, partyKey(r.verifierKey(), "verifierKey"), statement.issuedAt());
      case KeyRotation r ->
          new KeyRegistry.Rotate(
              author,
              partyKey(r.previousVerifierKey(), "previousVerifierKey"),
              partyKey(r.verifierKey(), "verifierKey"),
              statement.issuedAt());
      default -> {
        Optional<KeyRegistry.KeyPeriod> current = registry.current(author);
        if (current.isEmpty()) {
          throw new EntryRejectedException(
              Violation.UNKNOWN_AUTHOR,
              "\""
                  + author
                  + "\" has no registered key; its first statement must be a"
                  + " party-key-registration signed by the key it registers");
        }
        yield new KeyRegistry.Use(author, current.get().key(), statement.issuedAt());
      }
    };
  }

  /**
   * Opens {@code note} with exactly the keys {@code event} requires and allows.
   *
   * @param verifiers makes the verifier of a key (the JDK's {@link VerifierKey#verifier()}, or a
   *     faster provider that decides alike); it may throw {@link IllegalArgumentException} or
   *     {@link IllegalStateException} for a key it cannot use
   * @return the opened note, every required signature verified
   * @throws EntryRejectedException {@link Violation#BAD_SIGNATURE} if a required signature is
   *     missing or fails or another key signed; {@link Violation#MALFORMED_STATEMENT} for an
   *     unusable key
   */
  public static VerifiedNote verify(
      UnverifiedNote note, KeyEvent event, Function<VerifierKey, NoteVerifier> verifiers)
      throws EntryRejectedException {
    List<VerifierKey> required = new ArrayList<>(1);
    List<VerifierKey> allowed = new ArrayList<>(1);
    switch (event) {
      case KeyRegistry.Use u -> required.add(u.signer());
      case KeyRegistry.Register r -> required.add(r.key());
      case KeyRegistry.Rotate r -> {
        required.add(r.from());
        allowed.add(r.to()); // proof of possession of the new key is welcome, not required
      }
    }
    List<NoteVerifier> requiredVerifiers = new ArrayList<>(required.size());
    List<NoteVerifier> all = new ArrayList<>(required.size() + allowed.size());
    for (VerifierKey k : required) {
      NoteVerifier v = verifier(verifiers, k);
      requiredVerifiers.add(v);
      all.add(v);
    }
    for (VerifierKey k : allowed) {
      all.add(verifier(verifiers, k));
    }
    VerifiedNote opened;
    try {
      opened = note.open(Verifiers.of(all));
      opened.requireSignedBy(requiredVerifiers);
    } catch (BadSignatureException e) {
      throw new EntryRejectedException(
          Violation.BAD_SIGNATURE,
          "the note must be signed by " + ids(required) + ": " + e.getMessage(),
          e);
    } catch (IllegalArgumentException e) {
      // Verifiers.of refuses two verifiers for one (name, key id).
      throw new EntryRejectedException(
          Violation.MALFORMED_STATEMENT,
          Objects.requireNonNullElse(e.getMessage(), e.toString()),
          e);
    }
    if (!opened.otherSignatures().isEmpty()) {
      List<String> others = new ArrayList<>();
      for (NoteSignature s : opened.otherSignatures()) {
        others.add(s.id());
      }
      throw new EntryRejectedException(
          Violation.BAD_SIGNATURE,
          "the note carries signatures by keys other than the author's: "
              + String.join(", ", others));
    }
    return opened;
  }

  /**
   * A party key named in a statement: a signed-note verifier key of type Ed25519.
   *
   * @throws EntryRejectedException {@link Violation#MALFORMED_STATEMENT} naming {@code field}
   */
  public static VerifierKey partyKey(String vkey, String field) throws EntryRejectedException {
    VerifierKey key;
    try {
      key = VerifierKey.parse(vkey);
    } catch (MalformedInputException e) {
      throw new EntryRejectedException(
          Violation.MALFORMED_STATEMENT, field + ": " + e.getMessage(), e);
    }
    if (key.type() != VerifierKey.TYPE_ED25519) {
      throw new EntryRejectedException(
          Violation.MALFORMED_STATEMENT, field + " must be an Ed25519 signed-note key (type 0x01)");
    }
    return key;
  }

  private static NoteVerifier verifier(
      Function<VerifierKey, NoteVerifier> verifiers, VerifierKey key)
      throws EntryRejectedException {
    try {
      return verifiers.apply(key);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new EntryRejectedException(
          Violation.MALFORMED_STATEMENT, "unusable key " + key.id() + ": " + e.getMessage(), e);
    }
  }

  private static String ids(List<VerifierKey> keys) {
    List<String> out = new ArrayList<>(keys.size());
    keys.forEach(k -> out.add(k.id()));
    return String.join(" and ", out);
  }
}
