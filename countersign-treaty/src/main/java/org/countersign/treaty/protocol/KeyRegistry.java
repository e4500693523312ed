package org.countersign.treaty.protocol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.countersign.log.note.VerifierKey;
import org.jspecify.annotations.Nullable;

/**
 * Which key speaks for which party, as established by the log itself.
 *
 * <h2>Trust model</h2>
 *
 * <p>Party keys are not configured on the server: they enter the log as registry statements, so
 * every party and observer sees every key the server accepted, in order, and can refuse to trust a
 * log that accepted a key it should not have. The rules, applied at the entry's position in the log
 * (so that an offline replay reaches the same registry):
 *
 * <ol>
 *   <li><b>First key, agreed outside the log.</b> A party without a key registers one with a
 *       statement signed by that same key (proof of possession), and the key MUST be the one the
 *       participants agreed for it outside the log ({@link FirstKeys}, the record of the key
 *       ceremony). Nothing is trusted on first use: whoever reaches the API first cannot speak for
 *       a participant that has not registered yet, and a registry without agreed keys admits no
 *       first key at all.
 *   <li><b>Rotation.</b> A party with a key replaces it by a statement signed by its current key
 *       (so a stolen new key cannot rotate itself in; the new key MAY sign too). The new key takes
 *       effect at the rotation's {@code issuedAt}, which must be after the current key's start. A
 *       retired key can never return.
 *   <li><b>Use.</b> Every other statement must be signed by its author's current key, and be issued
 *       no earlier than that key took effect: after a rotation, nothing can be backdated into the
 *       old key's period, so a compromised retired key signs nothing new that the log accepts.
 * </ol>
 *
 * <p>The registry is copy-on-write. Submissions check against a published snapshot; the sequencer
 * re-checks each entry in log order against a {@link Draft} and {@link #apply}s it only after the
 * batch is durably committed, so two racing first registrations for one party cannot both enter the
 * log.
 */
public final class KeyRegistry {
  /**
   * One key of a party and when it took effect.
   *
   * @param key the party's Ed25519 verifier key
   * @param from the {@code issuedAt} of the statement that registered it
   */
  public record KeyPeriod(VerifierKey key, Instant from) {
    public KeyPeriod {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(from, "from");
    }
  }

  /** What a statement asks of the registry, derived from its kind and signature. */
  public sealed interface KeyEvent permits Use, Register, Rotate {
    /** The party whose keys are involved: the statement's author. */
    String party();

    /** The statement's {@code issuedAt}. */
    Instant issuedAt();
  }

  /** An ordinary statement by {@code party}, signed by {@code signer}. */
  public record Use(String party, VerifierKey signer, Instant issuedAt) implements KeyEvent {}

  /** A party's first key, registered by a statement signed with that key. */
  public record Register(String party, VerifierKey key, Instant issuedAt) implements KeyEvent {}

  /** A rotation from {@code from} (the current key, which signs it) to {@code to}. */
  public record Rotate(String party, VerifierKey from, VerifierKey to, Instant issuedAt)
      implements KeyEvent {}

  private final FirstKeys firstKeys;
  private volatile Map<String, List<KeyPeriod>> parties = Map.of();

  /**
   * An empty registry: no party has a key yet, and each may register only its key in {@code
   * firstKeys}.
   */
  public KeyRegistry(FirstKeys firstKeys) {
    this.firstKeys = Objects.requireNonNull(firstKeys, "firstKeys");
  }

  /**
   * A registry holding {@code parties}' key histories, oldest key first (from a snapshot), whose
   * further first registrations must register the key in {@code firstKeys}.
   */
  public KeyRegistry(FirstKeys firstKeys, Map<String, List<KeyPeriod>> parties) {
    this(firstKeys);
    Map<String, List<KeyPeriod>> copy = new HashMap<>();
    parties.forEach((p, h) -> copy.put(p, List.copyOf(h)));
    this.parties = Map.copyOf(copy);
  }

  /** The first keys agreed outside the log, which first registrations must match. */
  public FirstKeys firstKeys() {
    return firstKeys;
  }

  /** Every party's key history, for snapshots. */
  public Map<String, List<KeyPeriod>> parties() {
    return parties;
  }

  /** The key that now speaks for {@code party}, if it has registered one. */
  public Optional<KeyPeriod> current(String party) {
    return last(parties.get(party));
  }

  /** Every key the party ever had, oldest first. */
  public List<KeyPeriod> history(String party) {
    return parties.getOrDefault(party, List.of());
  }

  /** The number of parties with a key. */
  public int size() {
    return parties.size();
  }

  /**
   * Checks {@code event} against the registry as published now: the fast refusal at submission. The
   * sequencer checks again in log order with a {@link Draft}.
   *
   * @throws EntryRejectedException naming the rule the event breaks
   */
  public void check(KeyEvent event) throws EntryRejectedException {
    check(firstKeys, parties.getOrDefault(event.party(), List.of()), event);
  }

  /** A scratch copy for one batch: admits events in order, touching nothing until applied. */
  public Draft draft() {
    return new Draft(firstKeys, parties);
  }

  /**
   * Makes the draft's admitted events visible. Only the sequencer calls this, after its batch is
   * durable; drafts MUST be applied in the order they were taken.
   */
  public synchronized void apply(Draft draft) {
    if (draft.changed.isEmpty()) {
      return;
    }
    Map<String, List<KeyPeriod>> next = new HashMap<>(parties);
    next.putAll(draft.changed);
    parties = Map.copyOf(next);
  }

  /** The events of one batch, admitted in log order on top of a registry snapshot. */
  public static final class Draft {
    private final FirstKeys firstKeys;
    private final Map<String, List<KeyPeriod>> base;
    private final Map<String, List<KeyPeriod>> changed = new HashMap<>();

    private Draft(FirstKeys firstKeys, Map<String, List<KeyPeriod>> base) {
      this.firstKeys = firstKeys;
      this.base = base;
    }

    /** Whether an admitted event registered or rotated a key. */
    public boolean changesKeys() {
      return !changed.isEmpty();
    }

    /**
     * Checks {@code event} against the snapshot plus the events admitted before it, and records its
     * effect.
     *
     * @throws EntryRejectedException if the event breaks a rule; nothing is recorded
     */
    public void admit(KeyEvent event) throws EntryRejectedException {
      List<KeyPeriod> history =
          changed.containsKey(event.party()) ? changed.get(event.party()) : base.get(event.party());
      check(firstKeys, history == null ? List.of() : history, event);
      switch (event) {
        case Use use -> {}
        case Register r -> changed.put(r.party(), List.of(new KeyPeriod(r.key(), r.issuedAt())));
        case Rotate r -> {
          List<KeyPeriod> next = new ArrayList<>(history == null ? List.of() : history);
          next.add(new KeyPeriod(r.to(), r.issuedAt()));
          changed.put(r.party(), List.copyOf(next));
        }
      }
    }
  }

  private static Optional<KeyPeriod> last(@Nullable List<KeyPeriod> history) {
    return history == null || history.isEmpty()
        ? Optional.empty()
        : Optional.of(history.get(history.size() - 1));
  }

  private static void check(FirstKeys firstKeys, List<KeyPeriod> history, KeyEvent event)
      throws EntryRejectedException {
    Optional<KeyPeriod> current = last(history);
    String party = event.party();
    switch (event) {
      case Use use -> {
        KeyPeriod cur =
            current.orElseThrow(
                () ->
                    new EntryRejectedException(
                        Violation.UNKNOWN_AUTHOR,
                        "party \""
                            + party
                            + "\" has no registered key; its first statement must register one,"
                            + " signed by that key"));
        if (!cur.key().equals(use.signer())) {
          throw new EntryRejectedException(
              Violation.BAD_SIGNATURE,
              "signed by "
                  + use.signer().id()
                  + " but the current key of \""
                  + party
                  + "\" is "
                  + cur.key().id());
        }
        requireNotBefore(cur, use.issuedAt(), party);
      }
      case Register r -> {
        if (current.isPresent()) {
          throw new EntryRejectedException(
              Violation.KEY_CONFLICT,
              "party \""
                  + party
                  + "\" already has key "
                  + current.get().key().id()
                  + "; a new key needs a rotation signed by the current key");
        }
        VerifierKey agreed =
            firstKeys
                .of(party)
                .orElseThrow(
                    () ->
                        new EntryRejectedException(
                            Violation.FIRST_KEY_NOT_AGREED,
                            "no first key of \""
                                + party
                                + "\" was agreed outside the log (the first-keys file names "
                                + (firstKeys.isEmpty()
                                    ? "nobody"
                                    : String.join(", ", firstKeys.keys().keySet()))
                                + "); a first key is never trusted on first use"));
        if (!agreed.equals(r.key())) {
          throw new EntryRejectedException(
              Violation.FIRST_KEY_NOT_AGREED,
              "the first key of \""
                  + party
                  + "\" must be "
                  + agreed.id()
                  + ", the key agreed outside the log (first-keys file "
                  + firstKeys.digest().substring(0, 16)
                  + "...), not "
                  + r.key().id());
        }
      }
      case Rotate r -> {
        KeyPeriod cur =
            current.orElseThrow(
                () ->
                    new EntryRejectedException(
                        Violation.KEY_CONFLICT,
                        "party \"" + party + "\" has no key to rotate; register its first key"));
        if (!cur.key().equals(r.from())) {
          throw new EntryRejectedException(
              Violation.BAD_SIGNATURE,
              "a rotation must be signed by the current key "
                  + cur.key().id()
                  + ", not "
                  + r.from().id());
        }
        for (KeyPeriod p : history) {
          if (p.key().equals(r.to())) {
            throw new EntryRejectedException(
                Violation.KEY_CONFLICT,
                "key " + r.to().id() + " was already used by \"" + party + "\" and cannot return");
          }
        }
        if (!r.issuedAt().isAfter(cur.from())) {
          throw new EntryRejectedException(
              Violation.KEY_CONFLICT,
              "a rotation must be issued after the current key took effect ("
                  + cur.from()
                  + "), got "
                  + r.issuedAt());
        }
      }
    }
  }

  private static void requireNotBefore(KeyPeriod cur, Instant issuedAt, String party)
      throws EntryRejectedException {
    if (issuedAt.isBefore(cur.from())) {
      throw new EntryRejectedException(
          Violation.BAD_SIGNATURE,
          "issued at "
              + issuedAt
              + ", before the current key of \""
              + party
              + "\" took effect at "
              + cur.from());
    }
  }
}
