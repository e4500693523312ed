package org.countersign.server.submit;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.countersign.log.BadSignatureException;
import org.countersign.log.Hash;
import org.countersign.log.MalformedInputException;
import org.countersign.log.note.Note;
import org.countersign.log.note.NoteSignature;
import org.countersign.log.note.NoteVerifier;
import org.countersign.log.note.VerifiedNote;
import org.countersign.log.note.VerifierKey;
import org.countersign.log.note.Verifiers;
import org.countersign.server.crypto.Ed25519Provider;
import org.countersign.server.sequence.AcceptedEntry;
import org.countersign.server.submit.KeyRegistry.KeyEvent;
import org.countersign.store.NewEntry;
import org.countersign.treaty.compliance.Admission;
import org.countersign.treaty.json.CanonicalJson;
import org.countersign.treaty.statement.InvalidStatementException;
import org.countersign.treaty.statement.KeyRotation;
import org.countersign.treaty.statement.PartyKeyRegistration;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.StatementCodec;
import org.jspecify.annotations.Nullable;

/**
 * Every check a submitted entry must pass before it may be queued, in order, each with its own
 * {@link Refusal}; nothing is written by any of them.
 *
 * <ol>
 *   <li><b>Size</b>: the entry fits a C2SP tile entry (65,535 bytes).
 *   <li><b>Note</b>: the bytes are a well-formed C2SP signed note (UTF-8, no control characters,
 *       valid signature lines).
 *   <li><b>Statement</b>: the note text is a statement in its one canonical spelling ({@link
 *       StatementCodec}); JSON that is valid but not RFC 8785 canonical is told apart.
 *   <li><b>Treaty</b>: the statement names this log's treaty.
 *   <li><b>Author</b>: a participant of the treaty (when the server knows the treaty's
 *       participants), with a registered key, or registering its first one.
 *   <li><b>Admission</b>: when the server has the treaty file, the statement fits it ({@link
 *       Admission}: defined names, allowed statuses, attribute ranges, author role, content the
 *       duties require), so that an invalid statement is refused here and never reaches the log.
 *   <li><b>Clock skew</b>: {@code issuedAt} lies within the window around the server's clock
 *       (checked before keys, so a stale statement is reported as stale).
 *   <li><b>Registry</b>: the key event fits the registry ({@link KeyRegistry}: registration,
 *       rotation, use).
 *   <li><b>Signature</b>: the note is signed by the key the registry requires (the current key; for
 *       a first registration the key being registered), and by no key that is not the author's: one
 *       statement has one entry, so stray signatures are refused, not logged.
 * </ol>
 *
 * <p>Thread-safe; runs on the request threads, in parallel.
 */
public final class StatementValidator {
  private static final Verifiers NO_KEYS = Verifiers.of(List.of());
  private static final int MAX_CACHED_VERIFIERS = 4096;

  private final String treatyId;
  private final Set<String> participants;
  private final KeyRegistry registry;
  private final InstantSource clock;
  private final Duration skew;
  private final Map<VerifierKey, NoteVerifier> verifiers = new ConcurrentHashMap<>();
  private final @Nullable AdmissionCheck admission;
  private final Ed25519Provider ed25519;

  /**
   * A validator for statements of {@code treatyId}.
   *
   * @param participants the treaty's participant ids (parties, observers, witnesses); empty means
   *     the server was started without a treaty file and accepts any author that registers a key
   * @param skew how far {@code issuedAt} may lie from the clock, either way
   */
  public StatementValidator(
      String treatyId,
      Set<String> participants,
      KeyRegistry registry,
      InstantSource clock,
      Duration skew) {
    this(treatyId, participants, registry, clock, skew, null);
  }

  /**
   * A validator that also asks {@code admission} whether the treaty admits each statement.
   *
   * @param admission the treaty's check ({@link AdmissionCheck#of} for the treaty file alone), or
   *     null to check names and keys only
   */
  public StatementValidator(
      String treatyId,
      Set<String> participants,
      KeyRegistry registry,
      InstantSource clock,
      Duration skew,
      @Nullable AdmissionCheck admission) {
    this(
        treatyId,
        participants,
        registry,
        clock,
        skew,
        admission,
        Ed25519Provider.defaultProvider());
  }

  /**
   * A validator that checks party signatures with {@code ed25519} (both providers decide alike; see
   * {@code org.countersign.server.crypto}).
   *
   * @param admission the treaty's check, or null to check names and keys only
   */
  public StatementValidator(
      String treatyId,
      Set<String> participants,
      KeyRegistry registry,
      InstantSource clock,
      Duration skew,
      @Nullable AdmissionCheck admission,
      Ed25519Provider ed25519) {
    this.ed25519 = Objects.requireNonNull(ed25519, "ed25519");
    this.admission = admission;
    this.treatyId = Objects.requireNonNull(treatyId, "treatyId");
    this.participants = Set.copyOf(participants);
    this.registry = Objects.requireNonNull(registry, "registry");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.skew = Objects.requireNonNull(skew, "skew");
  }

  /**
   * Checks {@code entry} and returns it ready for the sequencer.
   *
   * @param identity SHA-256 of {@code entry}
   * @param leafHash RFC 6962 leaf hash of {@code entry}
   * @throws SubmissionRefusedException naming the first check that failed
   */
  public AcceptedEntry validate(byte[] entry, Hash identity, Hash leafHash)
      throws SubmissionRefusedException {
    if (entry.length > NewEntry.MAX_SIZE) {
      throw new SubmissionRefusedException(
          Refusal.ENTRY_TOO_LARGE,
          "an entry holds at most " + NewEntry.MAX_SIZE + " bytes, got " + entry.length);
    }
    String text = noteText(entry);
    Statement statement = decode(text);
    if (!statement.treaty().equals(treatyId)) {
      throw new SubmissionRefusedException(
          Refusal.WRONG_TREATY,
          "this log serves treaty \""
              + treatyId
              + "\", the statement names \""
              + statement.treaty()
              + "\"");
    }
    String author = statement.author();
    if (!participants.isEmpty() && !participants.contains(author)) {
      throw new SubmissionRefusedException(
          Refusal.UNKNOWN_AUTHOR,
          "\"" + author + "\" is not a participant of treaty \"" + treatyId + "\"");
    }
    if (admission != null) {
      try {
        admission.check(statement);
      } catch (InvalidStatementException e) {
        throw new SubmissionRefusedException(
            Refusal.INADMISSIBLE,
            "the statement does not fit treaty " + treatyId + ": " + e.getMessage(),
            e);
      }
    }
    checkClock(statement.issuedAt());
    KeyEvent event = keyEvent(statement);
    registry.check(event);
    requireSignatures(entry, event);
    return new AcceptedEntry(
        new NewEntry(entry, identity), leafHash, event, author, statement.kind());
  }

  /** The note's text, after the note parsed; signatures are checked later, once keys are known. */
  private static String noteText(byte[] entry) throws SubmissionRefusedException {
    try {
      Note.open(entry, NO_KEYS, NewEntry.MAX_SIZE);
    } catch (BadSignatureException expected) {
      // With no trusted keys, a well-formed note is always "unsigned": its text is what we need.
      return expected.noteText();
    } catch (MalformedInputException e) {
      throw new SubmissionRefusedException(
          Refusal.MALFORMED_NOTE, "not a signed note: " + e.getMessage(), e);
    }
    throw new IllegalStateException("a note opened without any trusted key");
  }

  private static Statement decode(String text) throws SubmissionRefusedException {
    try {
      // The codec accepts only the exact canonical encoding of a valid statement, so a statement
      // it decodes needs no separate canonical-form check.
      return StatementCodec.decodeText(text);
    } catch (InvalidStatementException e) {
      // Refused: tell valid-but-not-canonical JSON apart from everything else, for a precise code.
      requireCanonicalJson(text);
      String m = e.getMessage() == null ? "invalid statement" : e.getMessage();
      Refusal r =
          m.contains("canonical form")
              ? Refusal.NON_CANONICAL_STATEMENT
              : Refusal.MALFORMED_STATEMENT;
      throw new SubmissionRefusedException(r, m, e);
    }
  }

  /** Refuses a one-line JSON body that parses but is not in RFC 8785 canonical form. */
  private static void requireCanonicalJson(String text) throws SubmissionRefusedException {
    int nl = text.indexOf('\n');
    if (nl > 0 && nl < text.length() - 1) {
      String body = text.substring(nl + 1, text.length() - 1);
      if (body.indexOf('\n') < 0) {
        try {
          String canonical = CanonicalJson.canonicalize(CanonicalJson.parse(body));
          if (!canonical.equals(body)) {
            throw new SubmissionRefusedException(
                Refusal.NON_CANONICAL_STATEMENT,
                "the statement's JSON is not in RFC 8785 canonical form (member order, whitespace,"
                    + " number or string escapes)");
          }
        } catch (IllegalArgumentException notJson) {
          // Reported with the codec's own message.
        }
      }
    }
  }

  private KeyEvent keyEvent(Statement statement) throws SubmissionRefusedException {
    String author = statement.author();
    Instant at = statement.issuedAt();
    return switch (statement) {
      case PartyKeyRegistration r ->
          new KeyRegistry.Register(author, parseKey(r.verifierKey(), "verifierKey"), at);
      case KeyRotation r ->
          new KeyRegistry.Rotate(
              author,
              parseKey(r.previousVerifierKey(), "previousVerifierKey"),
              parseKey(r.verifierKey(), "verifierKey"),
              at);
      default -> {
        var current = registry.current(author);
        if (current.isEmpty()) {
          throw new SubmissionRefusedException(
              Refusal.UNKNOWN_AUTHOR,
              "\""
                  + author
                  + "\" has no registered key; its first statement must be a"
                  + " party-key-registration signed by the key it registers");
        }
        yield new KeyRegistry.Use(author, current.get().key(), at);
      }
    };
  }

  private static VerifierKey parseKey(String vkey, String field) throws SubmissionRefusedException {
    VerifierKey key;
    try {
      key = VerifierKey.parse(vkey);
    } catch (MalformedInputException e) {
      throw new SubmissionRefusedException(
          Refusal.MALFORMED_STATEMENT, field + ": " + e.getMessage(), e);
    }
    if (key.type() != VerifierKey.TYPE_ED25519) {
      throw new SubmissionRefusedException(
          Refusal.MALFORMED_STATEMENT, field + " must be an Ed25519 signed-note key (type 0x01)");
    }
    return key;
  }

  /** Verifies the required signatures and refuses signatures by anyone else. */
  private void requireSignatures(byte[] entry, KeyEvent event) throws SubmissionRefusedException {
    List<VerifierKey> required = new ArrayList<>(1);
    List<VerifierKey> allowed = new ArrayList<>(2);
    switch (event) {
      case KeyRegistry.Use u -> required.add(u.signer());
      case KeyRegistry.Register r -> required.add(r.key());
      case KeyRegistry.Rotate r -> {
        required.add(r.from());
        allowed.add(r.to()); // proof of possession of the new key is welcome, not required
      }
    }
    List<NoteVerifier> requiredVerifiers = new ArrayList<>(required.size());
    List<NoteVerifier> all = new ArrayList<>();
    for (VerifierKey k : required) {
      NoteVerifier v = verifier(k);
      requiredVerifiers.add(v);
      all.add(v);
    }
    for (VerifierKey k : allowed) {
      all.add(verifier(k));
    }
    VerifiedNote note;
    try {
      note = Note.open(entry, Verifiers.of(all), NewEntry.MAX_SIZE);
      note.requireSignedBy(requiredVerifiers);
    } catch (BadSignatureException e) {
      throw new SubmissionRefusedException(
          Refusal.BAD_SIGNATURE,
          "the note must be signed by " + ids(required) + ": " + e.getMessage(),
          e);
    } catch (MalformedInputException e) {
      throw new SubmissionRefusedException(
          Refusal.MALFORMED_NOTE, "not a signed note: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new SubmissionRefusedException(Refusal.MALFORMED_STATEMENT, e.getMessage(), e);
    }
    if (!note.otherSignatures().isEmpty()) {
      List<String> others = new ArrayList<>();
      for (NoteSignature s : note.otherSignatures()) {
        others.add(s.id());
      }
      throw new SubmissionRefusedException(
          Refusal.BAD_SIGNATURE,
          "the note carries signatures by keys other than the author's: "
              + String.join(", ", others));
    }
  }

  private void checkClock(Instant issuedAt) throws SubmissionRefusedException {
    Instant now = clock.instant();
    if (issuedAt.isAfter(now.plus(skew))) {
      throw new SubmissionRefusedException(
          Refusal.ISSUED_IN_FUTURE,
          "issuedAt "
              + issuedAt
              + " is more than "
              + skew.toMinutes()
              + " min after the server's clock ("
              + now
              + ")");
    }
    if (issuedAt.isBefore(now.minus(skew))) {
      throw new SubmissionRefusedException(
          Refusal.STALE,
          "issuedAt "
              + issuedAt
              + " is more than "
              + skew.toMinutes()
              + " min before the server's clock ("
              + now
              + "); sign a fresh statement");
    }
  }

  private NoteVerifier verifier(VerifierKey key) throws SubmissionRefusedException {
    NoteVerifier v = verifiers.get(key);
    if (v != null) {
      return v;
    }
    try {
      v = ed25519.verifier(key);
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new SubmissionRefusedException(
          Refusal.MALFORMED_STATEMENT, "unusable key " + key.id() + ": " + e.getMessage(), e);
    }
    if (verifiers.size() >= MAX_CACHED_VERIFIERS) {
      verifiers.clear(); // bounded: keys of unknown authors must not grow the cache forever
    }
    verifiers.put(key, v);
    return v;
  }

  private static String ids(List<VerifierKey> keys) {
    List<String> out = new ArrayList<>(keys.size());
    keys.forEach(k -> out.add(k.id()));
    return String.join(" and ", out);
  }
}
