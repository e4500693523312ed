package org.countersign.cli.verify;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.countersign.log.note.NoteVerifier;
import org.countersign.log.note.VerifierKey;
import org.countersign.treaty.protocol.DecodedEntry;
import org.countersign.treaty.protocol.EntryDecoder;
import org.countersign.treaty.protocol.EntryRejectedException;
import org.countersign.treaty.protocol.FirstKeys;
import org.countersign.treaty.protocol.KeyRegistry;
import org.countersign.treaty.protocol.SigningRule;
import org.countersign.treaty.protocol.Violation;
import org.countersign.treaty.statement.Statement;
import org.jspecify.annotations.Nullable;

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
 * <p>First keys: with the first keys the participants agreed outside the log ({@link FirstKeys}), a
 * first registration of any other key is a failure, as the server refuses it. Without them the
 * replay cannot tell a party's key from a stranger's: it admits each participant's first key as the
 * log shows it and lists them ({@link #firstKeys()}) for the caller to report as NOT checked.
 *
 * <p>Also checked: every entry is a well-formed signed note whose text is a statement in its one
 * canonical spelling, addressed to this log (its signed origin is the checkpoint's), and every
 * statement names the same treaty. {@link #plan} is not thread-safe; {@link #decode} and {@link
 * #verify} are.
 */
final class SignatureReplay {
  private final String origin;
  private final @Nullable FirstKeys agreed;
  private final Map<String, VerifierKey> seenFirstKeys = new TreeMap<>();
  private KeyRegistry registry;
  // Concurrent: signatures are verified on several threads (see LogAuditor).
  private final Map<VerifierKey, NoteVerifier> verifiers = new ConcurrentHashMap<>();
  private final Function<VerifierKey, NoteVerifier> verifierFactory;
  private @Nullable String treaty;
  long signatures;
  long registrations;
  long rotations;

  /**
   * A replay of the log whose origin is {@code origin}, checking signatures with the JDK's Ed25519
   * (the reference).
   *
   * @param agreed the first keys agreed outside the log, or empty to list them unchecked
   */
  SignatureReplay(String origin, Optional<FirstKeys> agreed) {
    this(origin, agreed, VerifierKey::verifier);
  }

  /**
   * A replay checking signatures with the verifiers {@code verifierFactory} makes, which must
   * decide exactly as {@link VerifierKey#verifier()} does (a faster, fenced implementation).
   */
  SignatureReplay(
      String origin,
      Optional<FirstKeys> agreed,
      Function<VerifierKey, NoteVerifier> verifierFactory) {
    this.origin = origin;
    this.agreed = agreed.orElse(null);
    this.registry = new KeyRegistry(agreed.orElse(FirstKeys.none()));
    this.verifierFactory = verifierFactory;
  }

  /**
   * Checks entry {@code index} and admits its key event.
   *
   * @return the statement it holds
   * @throws AuditFailure naming the entry and what is wrong with it
   */
  Statement check(long index, byte[] entry) throws AuditFailure {
    Planned p = plan(index, entry);
    signatures += verify(p);
    return p.statement();
  }

  /**
   * An entry whose statement and key event are checked, with its signatures still to verify ({@link
   * #verify}, on any thread). {@code registryFailure} is the key registry's refusal of its event,
   * reported only once its signatures verified, as a one-by-one replay would.
   */
  record Planned(
      Statement statement,
      String where,
      DecodedEntry decoded,
      KeyRegistry.KeyEvent event,
      @Nullable AuditFailure registryFailure) {}

  /**
   * Checks entry {@code index} and admits its key event, leaving its signatures to {@link #verify}.
   * Signatures do not change the registry, so a caller may verify the signatures of a run of
   * planned entries in any order (in parallel) and report the first failure by index; a plan with a
   * {@code registryFailure} ends the run (the registry did not admit it).
   *
   * @throws AuditFailure naming the entry, for anything but its signatures and key event
   */
  Planned plan(long index, byte[] entry) throws AuditFailure {
    return plan(index, decode(index, entry));
  }

  /**
   * Decodes entry {@code index} of this log: a signed note holding a canonical statement addressed
   * to this log. Depends on nothing but the entry, so any thread may decode any entry ahead of
   * {@link #plan(long, DecodedEntry)}. Thread-safe.
   *
   * @throws AuditFailure naming the entry and what is wrong with it
   */
  DecodedEntry decode(long index, byte[] entry) throws AuditFailure {
    try {
      return EntryDecoder.decode(entry, origin);
    } catch (EntryRejectedException e) {
      throw new AuditFailure(
          e.violation() == Violation.MALFORMED_NOTE || e.violation() == Violation.ENTRY_TOO_LARGE
              ? "entry " + index + " is " + e.getMessage()
              : "entry " + index + " is not a valid statement: " + e.getMessage(),
          e);
    }
  }

  /**
   * {@link #plan(long, byte[])} for an entry already {@linkplain #decode decoded}; entries must be
   * planned in log order.
   */
  Planned plan(long index, DecodedEntry decoded) throws AuditFailure {
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
    } catch (EntryRejectedException e) {
      throw new AuditFailure(where + ": " + e.getMessage(), e);
    }
    if (agreed == null
        && event instanceof KeyRegistry.Register r
        && registry.current(r.party()).isEmpty()
        && !seenFirstKeys.containsKey(r.party())) {
      // No agreed keys to check against: take the log's word, and say so in the report.
      seenFirstKeys.put(r.party(), r.key());
      registry = new KeyRegistry(FirstKeys.of(seenFirstKeys), registry.parties());
    }
    KeyRegistry.Draft draft = registry.draft();
    try {
      draft.admit(event);
    } catch (EntryRejectedException e) {
      return new Planned(
          s,
          where,
          decoded,
          event,
          new AuditFailure(where + " breaks the key registry rules: " + e.getMessage(), e));
    }
    registry.apply(draft);
    switch (event) {
      case KeyRegistry.Register r -> {
        registrations++;
        seenFirstKeys.put(r.party(), r.key());
      }
      case KeyRegistry.Rotate r -> rotations++;
      case KeyRegistry.Use u -> {}
    }
    return new Planned(s, where, decoded, event, null);
  }

  /**
   * Verifies a planned entry's signatures, then reports its registry failure if it has one.
   * Thread-safe.
   *
   * @return the number of signatures verified
   */
  long verify(Planned p) throws AuditFailure {
    long verified;
    try {
      verified =
          SigningRule.verify(p.decoded().note(), p.event(), this::verifier)
              .verifiedSignatures()
              .size();
    } catch (EntryRejectedException e) {
      throw new AuditFailure(p.where() + ": " + e.getMessage(), e);
    }
    if (p.registryFailure() != null) {
      throw p.registryFailure();
    }
    return verified;
  }

  /** The number of participants with a registered key so far. */
  int parties() {
    return registry.size();
  }

  /** Each participant's first key as registered in the log so far, by participant id. */
  Map<String, VerifierKey> firstKeys() {
    return Map.copyOf(seenFirstKeys);
  }

  /** The agreed first keys registrations were checked against, if the caller had them. */
  Optional<FirstKeys> agreed() {
    return Optional.ofNullable(agreed);
  }

  /** The treaty every entry names, once one entry was checked. */
  Optional<String> treaty() {
    return Optional.ofNullable(treaty);
  }

  private NoteVerifier verifier(VerifierKey key) {
    return verifiers.computeIfAbsent(key, verifierFactory);
  }
}
