package org.countersign.server.submit;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.countersign.crypto.Ed25519Provider;
import org.countersign.log.Hash;
import org.countersign.log.note.NoteVerifier;
import org.countersign.log.note.VerifierKey;
import org.countersign.store.NewEntry;
import org.countersign.treaty.compliance.Admission;
import org.countersign.treaty.protocol.DecodedEntry;
import org.countersign.treaty.protocol.EntryDecoder;
import org.countersign.treaty.protocol.EntryRejectedException;
import org.countersign.treaty.protocol.KeyRegistry;
import org.countersign.treaty.protocol.KeyRegistry.KeyEvent;
import org.countersign.treaty.protocol.SigningRule;
import org.countersign.treaty.protocol.Templates;
import org.countersign.treaty.statement.InvalidStatementException;
import org.countersign.treaty.statement.Statement;
import org.countersign.treaty.statement.StatementCodec;
import org.jspecify.annotations.Nullable;

/**
 * Every check a submitted entry must pass before it may be queued, in order, each with its own
 * {@link Refusal}; nothing is written by any of them. The protocol's own rules (entry decoding, the
 * key registry, the signing rule) are the ones in {@code org.countersign.treaty.protocol} that
 * every auditor's replay applies; the treaty, participant, admission and clock checks are the
 * server's.
 *
 * <ol>
 *   <li><b>Size</b>: the entry fits a C2SP tile entry (65,535 bytes).
 *   <li><b>Note</b>: the bytes are a well-formed C2SP signed note (UTF-8, no control characters,
 *       valid signature lines).
 *   <li><b>Statement</b>: the note text is a statement in its one canonical spelling ({@link
 *       StatementCodec}); JSON that is valid but not RFC 8785 canonical is told apart.
 *   <li><b>Log</b>: the statement's signed {@code origin} is this log's: a statement signed for
 *       another log (of the same treaty, say) is refused, never recorded twice.
 *   <li><b>Template</b>: no value still holds a {@code statement new} template's fill-in marker
 *       ({@link Templates}, the rule the CLI applies before signing).
 *   <li><b>Treaty</b>: the statement names this log's treaty.
 *   <li><b>Author</b>: a participant of the treaty (when the server knows the treaty's
 *       participants), with a registered key, or registering its first one.
 *   <li><b>Admission</b>: when the server has the treaty file, the statement fits it ({@link
 *       Admission}: defined names, allowed statuses, attribute ranges, author role, content the
 *       duties require), so that an invalid statement is refused here and never reaches the log.
 *   <li><b>Clock skew</b>: {@code issuedAt} lies within the window around the server's clock
 *       (checked before keys, so a stale statement is reported as stale).
 *   <li><b>Registry</b>: the key event fits the registry ({@link KeyRegistry}: a first registration
 *       of exactly the key agreed outside the log, rotation, use).
 *   <li><b>Signature</b>: the note is signed by the key the registry requires (the current key; for
 *       a first registration the key being registered), and by no key that is not the author's: one
 *       statement has one entry, so stray signatures are refused, not logged.
 * </ol>
 *
 * <p>Thread-safe; runs on the request threads, in parallel.
 */
public final class StatementValidator {
  private static final int MAX_CACHED_VERIFIERS = 4096;

  private final String treatyId;
  private final String origin;
  private final Set<String> participants;
  private final KeyRegistry registry;
  private final InstantSource clock;
  private final Duration skew;
  private final Map<VerifierKey, NoteVerifier> verifiers = new ConcurrentHashMap<>();
  private final @Nullable AdmissionCheck admission;
  private final Ed25519Provider ed25519;

  /**
   * A validator for statements of {@code treatyId} addressed to the log whose origin is {@code
   * origin}.
   *
   * @param participants the treaty's participant ids (parties, observers, witnesses); empty means
   *     the server was started without a treaty file and accepts any author that registers a key
   * @param skew how far {@code issuedAt} may lie from the clock, either way
   */
  public StatementValidator(
      String treatyId,
      String origin,
      Set<String> participants,
      KeyRegistry registry,
      InstantSource clock,
      Duration skew) {
    this(treatyId, origin, participants, registry, clock, skew, null);
  }

  /**
   * A validator that also asks {@code admission} whether the treaty admits each statement.
   *
   * @param admission the treaty's check ({@link AdmissionCheck#of} for the treaty file alone), or
   *     null to check names and keys only
   */
  public StatementValidator(
      String treatyId,
      String origin,
      Set<String> participants,
      KeyRegistry registry,
      InstantSource clock,
      Duration skew,
      @Nullable AdmissionCheck admission) {
    this(
        treatyId,
        origin,
        participants,
        registry,
        clock,
        skew,
        admission,
        Ed25519Provider.defaultProvider());
  }

  /**
   * A validator that checks party signatures with {@code ed25519} (both providers decide alike; see
   * {@code org.countersign.crypto}).
   *
   * @param admission the treaty's check, or null to check names and keys only
   */
  public StatementValidator(
      String treatyId,
      String origin,
      Set<String> participants,
      KeyRegistry registry,
      InstantSource clock,
      Duration skew,
      @Nullable AdmissionCheck admission,
      Ed25519Provider ed25519) {
    this.origin = Objects.requireNonNull(origin, "origin");
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
    try {
      DecodedEntry decoded = EntryDecoder.decode(entry, origin);
      Statement statement = decoded.statement();
      Templates.requireFilled(statement, decoded.note().text());
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
      KeyEvent event = SigningRule.keyEvent(statement, registry);
      registry.check(event);
      SigningRule.verify(decoded.note(), event, this::verifier);
      if (admission != null) {
        admission.admitted(leafHash, statement);
      }
      return new AcceptedEntry(
          new NewEntry(entry, identity), leafHash, event, author, statement.kind());
    } catch (EntryRejectedException rejected) {
      throw new SubmissionRefusedException(rejected);
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

  /** The key's verifier, cached; throws IllegalArgumentException for a key it cannot use. */
  private NoteVerifier verifier(VerifierKey key) {
    NoteVerifier v = verifiers.get(key);
    if (v != null) {
      return v;
    }
    v = ed25519.verifier(key);
    if (verifiers.size() >= MAX_CACHED_VERIFIERS) {
      verifiers.clear(); // bounded: keys of unknown authors must not grow the cache forever
    }
    verifiers.put(key, v);
    return v;
  }
}
