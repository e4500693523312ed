package org.countersign.witness.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.countersign.crypto.BcEd25519NoteVerifier;
import org.countersign.log.BadSignatureException;
import org.countersign.log.Hash;
import org.countersign.log.MalformedInputException;
import org.countersign.log.ProofException;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.checkpoint.Cosignature;
import org.countersign.log.checkpoint.CosignatureSigner;
import org.countersign.log.merkle.ConsistencyProof;
import org.countersign.log.merkle.ProofVerifier;
import org.countersign.log.note.Note;
import org.countersign.log.note.NoteSignature;
import org.countersign.log.note.NoteVerifier;
import org.countersign.log.note.VerifiedNote;
import org.countersign.log.note.VerifierKey;
import org.countersign.log.note.Verifiers;
import org.countersign.witness.evidence.SplitViewEvidence;
import org.countersign.witness.server.AddCheckpointException.Reason;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision of a C2SP tlog-witness v1.0.0 witness, without HTTP: given an {@code add-checkpoint}
 * body, cosign or refuse with the status the spec names.
 *
 * <h2>Order of checks</h2>
 *
 * <ol>
 *   <li>body parses ({@link AddCheckpointRequest}); else 400;
 *   <li>the note's origin is a configured log; else 404;
 *   <li>the note carries a valid signature by a key configured for that origin, and no failing one;
 *       else 403; its text is a checkpoint; else 400;
 *   <li>old size ≤ checkpoint size; else 400;
 *   <li>under the store's write lock: old size = the size last cosigned for the origin (0 if
 *       never); else 409 with that size;
 *   <li>equal sizes: same root (else 409, v1.0.0) and empty proof (else 422); old size 0: empty
 *       proof (else 422) and, for a size-0 checkpoint, the empty-tree root (else 422); otherwise
 *       the RFC 6962 consistency proof from the stored root verifies; else 422;
 *   <li>the cosigned note is stored and committed, and only then the cosignature line returned.
 * </ol>
 *
 * The signature checks of step 3 and the making of the cosignature run before the store's lock is
 * taken (fenced BouncyCastle verification and BouncyCastle signing, both deciding and signing as
 * the JDK does); under the lock only the consistency decision and the group commit remain.
 *
 * <p>Three refusals also leave evidence in the {@link EvidenceStore}: a checkpoint of the stored
 * size with another root (checked whatever the old size says), a consistency proof that fails, and
 * a checkpoint smaller than the stored one (kept as {@code rollback-}: the witness cannot tell a
 * replayed old checkpoint from a smaller fork without the log's tiles). The witness never cosigns
 * any of them.
 *
 * <p>The one deliberate addition to v1.0.0 is the size-0 root check, which C2SP HEAD adds: without
 * it a witness would cosign a false statement about an empty tree.
 */
public final class Witness {
  private static final Logger LOG = LoggerFactory.getLogger(Witness.class);

  /** Cap on the note part of a request; the whole body is capped by the server. */
  static final int MAX_NOTE_BYTES = 64 * 1024;

  private final CosignatureSigner signer;
  private final Map<String, Verifiers> logs;
  private final Map<String, String> logKeyText;
  private final WitnessStore store;
  private final EvidenceStore evidence;

  /**
   * A witness that cosigns with {@code signer} checkpoints of the logs with the given Ed25519 keys
   * (origin = key name; several keys may share an origin, for rotation).
   *
   * @throws IllegalArgumentException if a log key is not Ed25519 or two keys are ambiguous
   */
  public Witness(
      CosignatureSigner signer,
      Collection<VerifierKey> logKeys,
      WitnessStore store,
      EvidenceStore evidence) {
    this.signer = signer;
    this.store = store;
    this.evidence = evidence;
    Map<String, List<NoteVerifier>> byOrigin = new LinkedHashMap<>();
    Map<String, String> keyText = new LinkedHashMap<>();
    for (VerifierKey k : logKeys) {
      if (k.type() != VerifierKey.TYPE_ED25519) {
        throw new IllegalArgumentException(
            "log key " + k.id() + " must be an Ed25519 (type 0x01) key");
      }
      byOrigin
          .computeIfAbsent(k.name(), o -> new ArrayList<>())
          .add(BcEd25519NoteVerifier.forKey(k));
      keyText.putIfAbsent(k.name(), k.encode());
    }
    Map<String, Verifiers> m = new LinkedHashMap<>();
    byOrigin.forEach((origin, vs) -> m.put(origin, Verifiers.of(vs)));
    this.logs = Collections.unmodifiableMap(m);
    this.logKeyText = Collections.unmodifiableMap(keyText);
  }

  /** The origins this witness cosigns for. */
  public Set<String> origins() {
    return logs.keySet();
  }

  /** This witness's cosignature verifier key, {@code name+hex8+base64(0x04 || key)}. */
  public String verifierKey() {
    return signer.verifierKey();
  }

  /** The latest checkpoint cosigned for {@code origin}, with its cosignature, if any. */
  public Optional<StoredCheckpoint> latest(String origin) throws IOException {
    return store.latest(origin);
  }

  /**
   * Handles one {@code add-checkpoint} request body.
   *
   * @return the response body: this witness's cosignature line
   * @throws AddCheckpointException if the request is refused; nothing was stored
   * @throws IOException if the store fails; nothing was stored
   */
  public String addCheckpoint(byte[] body) throws AddCheckpointException, IOException {
    AddCheckpointRequest request;
    try {
      request = AddCheckpointRequest.parse(body);
    } catch (MalformedInputException e) {
      throw AddCheckpointException.of(
          Reason.MALFORMED, Objects.requireNonNullElse(e.getMessage(), e.toString()));
    }
    byte[] noteBytes = request.note();
    String origin = originOf(noteBytes);
    Verifiers verifiers = logs.get(origin);
    if (verifiers == null) {
      throw AddCheckpointException.of(Reason.UNKNOWN_ORIGIN, "unknown log origin " + quote(origin));
    }
    VerifiedNote note;
    try {
      note = Note.open(noteBytes, verifiers, MAX_NOTE_BYTES);
    } catch (MalformedInputException e) {
      throw AddCheckpointException.of(Reason.MALFORMED, "checkpoint note: " + e.getMessage());
    } catch (BadSignatureException e) {
      throw AddCheckpointException.of(
          Reason.UNTRUSTED,
          "no valid signature by a trusted key for " + quote(origin) + ": " + e.getMessage());
    }
    Checkpoint checkpoint;
    try {
      checkpoint = Checkpoint.fromNote(note);
    } catch (MalformedInputException e) {
      throw AddCheckpointException.of(
          Reason.MALFORMED, Objects.requireNonNullElse(e.getMessage(), e.toString()));
    }
    long old = request.oldSize();
    if (old > checkpoint.size()) {
      throw AddCheckpointException.of(
          Reason.OLD_SIZE_TOO_LARGE,
          "old size " + old + " is larger than the checkpoint size " + checkpoint.size());
    }
    String submitted = new String(noteBytes, StandardCharsets.UTF_8);
    // Signed before the store's lock is taken, so that requests for other logs (and the group
    // commit) do not wait on it; a cosignature made for a request the check then refuses is
    // dropped unseen.
    Cosignature made = signer.cosign(checkpoint);
    StoredCheckpoint next =
        new StoredCheckpoint(origin, checkpoint.size(), checkpoint.root(), storedNote(note, made));
    store.advance(
        origin,
        current -> {
          check(current, request, checkpoint, submitted);
          return next;
        });
    LOG.debug("cosigned {} size {}", origin, checkpoint.size());
    return made.line();
  }

  /** The consistency decision, run under the store's write lock against the stored state. */
  private void check(
      @Nullable StoredCheckpoint current,
      AddCheckpointRequest request,
      Checkpoint checkpoint,
      String submitted)
      throws AddCheckpointException {
    long stored = current == null ? 0 : current.size();
    long old = request.oldSize();
    long size = checkpoint.size();
    List<Hash> proof = request.proof();
    if (current != null && size == stored && !checkpoint.root().equals(current.root())) {
      // A split view, whatever the client believes the old size is.
      recordEvidence(current, submitted, List.of());
      if (old == stored) {
        throw AddCheckpointException.of(
            Reason.SAME_SIZE_DIFFERENT_ROOT,
            "checkpoint of size "
                + size
                + " has root "
                + checkpoint.root()
                + " but this witness cosigned root "
                + current.root()
                + " for that size");
      }
    }
    if (current != null && size < stored) {
      // The log signed a tree smaller than one this witness cosigned: a replayed old checkpoint,
      // or a rolled-back or forked log. Which one needs the larger tree's tiles, which the witness
      // does not have, so both signed notes are kept for the operator and the monitor to judge.
      recordRollback(current, submitted);
    }
    if (old != stored) {
      throw AddCheckpointException.stale(old, stored);
    }
    if (old == size) {
      if (!proof.isEmpty()) {
        throw AddCheckpointException.of(
            Reason.INCONSISTENT,
            "proof between equal sizes must be empty, got " + proof.size() + " lines");
      }
      if (current == null && !checkpoint.root().equals(Hash.EMPTY)) {
        throw AddCheckpointException.of(
            Reason.INCONSISTENT,
            "checkpoint of size 0 must have the empty-tree root "
                + Hash.EMPTY
                + ", got "
                + checkpoint.root());
      }
      return;
    }
    if (old == 0) {
      if (!proof.isEmpty()) {
        throw AddCheckpointException.of(
            Reason.INCONSISTENT,
            "proof from old size 0 must be empty, got " + proof.size() + " lines");
      }
      return;
    }
    if (current == null) {
      throw new IllegalStateException("old size " + old + " matched a missing state");
    }
    try {
      ProofVerifier.verifyConsistency(
          new ConsistencyProof(old, size, proof), current.root(), checkpoint.root());
    } catch (ProofException e) {
      recordEvidence(current, submitted, proof);
      throw AddCheckpointException.of(
          Reason.INCONSISTENT, Objects.requireNonNullElse(e.getMessage(), e.toString()));
    }
  }

  private void recordEvidence(StoredCheckpoint current, String submitted, List<Hash> proof) {
    try {
      evidence.record(
          new SplitViewEvidence(
              Objects.requireNonNull(logKeyText.get(current.origin())),
              current.signedNote(),
              submitted,
              proof));
    } catch (IOException | RuntimeException e) {
      // Refusing is what protects the log's users; losing evidence is bad but must not change it.
      LOG.error("could not record evidence for {}: {}", current.origin(), e.toString());
    }
  }

  private void recordRollback(StoredCheckpoint current, String smaller) {
    try {
      evidence.recordRollback(
          new SplitViewEvidence(
              Objects.requireNonNull(logKeyText.get(current.origin())),
              smaller,
              current.signedNote(),
              List.of()));
    } catch (IOException | RuntimeException e) {
      LOG.error("could not record rollback evidence for {}: {}", current.origin(), e.toString());
    }
  }

  /** The note as stored and served: checkpoint text, the log's verified signatures, ours. */
  private static String storedNote(VerifiedNote note, Cosignature cosignature) {
    StringBuilder b = new StringBuilder(note.text()).append('\n');
    for (NoteSignature s : note.verifiedSignatures()) {
      b.append(s.line());
    }
    return b.append(cosignature.line()).toString();
  }

  /** The first line of the note, the origin, decoded for lookup only (not yet authenticated). */
  private static String originOf(byte[] note) throws AddCheckpointException {
    int eol = 0;
    while (eol < note.length && note[eol] != '\n') {
      eol++;
    }
    if (eol == note.length || eol == 0) {
      throw AddCheckpointException.of(Reason.MALFORMED, "checkpoint has no origin line");
    }
    return new String(note, 0, eol, StandardCharsets.UTF_8);
  }

  private static String quote(String s) {
    String shown = s.length() <= 80 ? s : s.substring(0, 77) + "...";
    return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
  }
}
