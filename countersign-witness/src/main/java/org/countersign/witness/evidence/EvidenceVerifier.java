package org.countersign.witness.evidence;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.countersign.log.BadSignatureException;
import org.countersign.log.Hash;
import org.countersign.log.MalformedInputException;
import org.countersign.log.ProofException;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.merkle.ConsistencyProof;
import org.countersign.log.merkle.ProofVerifier;
import org.countersign.log.note.Note;
import org.countersign.log.note.VerifiedNote;
import org.countersign.log.note.VerifierKey;
import org.countersign.log.note.Verifiers;

/**
 * Checks split-view evidence offline: verify or throw.
 *
 * <h2>What evidence can prove</h2>
 *
 * Let A (size m, root a) and B (size n ≥ m, root b) be two checkpoints, both carrying a valid
 * signature by the log key K. A log that is append-only can sign both only if B's first m leaves
 * hash to a.
 *
 * <ol>
 *   <li><b>Same size, different roots</b> (m = n, a ≠ b): conclusive. Two trees of equal size with
 *       different roots cannot both be the log's one history.
 *   <li><b>Prefix mismatch</b> (m &lt; n): conclusive when the file's proof reproduces b and, on
 *       the way, the root of B's first m leaves, and that root is not a (see {@link PrefixRoot} for
 *       why a proof that reproduces b pins the prefix root down). No one, honest or not, can write
 *       a consistency proof from A to B then. For m a power of two the proof needs the explicit
 *       node for {@code [0, m)} prepended.
 *   <li><b>Empty tree with a root</b> (m = 0, a ≠ SHA-256("")): conclusive: the log signed a false
 *       statement about its empty tree.
 *   <li><b>A failing proof</b> (m &lt; n, the proof does not reproduce b): <em>inconclusive</em>.
 *       Anyone can write a proof that fails, so this shows only that a bad proof was presented,
 *       perhaps by the log itself. Ask the log for a consistency proof from m to n: if it cannot
 *       give one, find a proof that reproduces b (from B's tiles, which can be checked against b)
 *       and record evidence of the second kind.
 * </ol>
 *
 * Each conclusive finding proves that whoever held K at the time signed both checkpoints: the log
 * equivocated, or its key was stolen. It says nothing about who presented which checkpoint to whom.
 * The verifier checks the log signatures only; witness cosignatures on the notes are kept verbatim
 * but not needed for the proof.
 */
public final class EvidenceVerifier {
  private EvidenceVerifier() {}

  /**
   * Verifies evidence about the log whose key the file names. The finding then proves misbehaviour
   * of that key, whoever holds it; prefer {@link #verify(SplitViewEvidence, VerifierKey)} when the
   * log's key is known.
   *
   * @throws EvidenceException if the evidence is not conclusive, with the reason
   */
  public static SplitViewFinding verify(SplitViewEvidence evidence) throws EvidenceException {
    return verify(evidence, Optional.empty());
  }

  /**
   * Verifies evidence about the log with key {@code trustedLogKey}.
   *
   * @throws EvidenceException if the file names another key or is not conclusive
   */
  public static SplitViewFinding verify(SplitViewEvidence evidence, VerifierKey trustedLogKey)
      throws EvidenceException {
    return verify(evidence, Optional.of(trustedLogKey));
  }

  /**
   * Parses and verifies an evidence file.
   *
   * @throws EvidenceException with {@link EvidenceException.Reason#MALFORMED} if it does not parse
   */
  public static SplitViewFinding verify(byte[] file, Optional<VerifierKey> trustedLogKey)
      throws EvidenceException {
    SplitViewEvidence evidence;
    try {
      evidence = SplitViewEvidence.parse(file);
    } catch (MalformedInputException e) {
      throw new EvidenceException(
          EvidenceException.Reason.MALFORMED,
          Objects.requireNonNullElse(e.getMessage(), e.toString()),
          e);
    }
    return verify(evidence, trustedLogKey);
  }

  private static SplitViewFinding verify(SplitViewEvidence e, Optional<VerifierKey> trusted)
      throws EvidenceException {
    VerifierKey key;
    try {
      key = VerifierKey.parse(e.logVerifierKey());
    } catch (MalformedInputException ex) {
      throw malformed("log key: " + ex.getMessage());
    }
    if (key.type() != VerifierKey.TYPE_ED25519) {
      throw malformed("log key " + key.id() + " is not an Ed25519 (type 0x01) key");
    }
    if (trusted.isPresent() && !trusted.get().equals(key)) {
      throw new EvidenceException(
          EvidenceException.Reason.WRONG_LOG,
          "the evidence is about log key " + key + ", not the trusted key " + trusted.get());
    }
    Checkpoint a = open("first", e.firstNote(), key);
    Checkpoint b = open("second", e.secondNote(), key);
    long m = a.size();
    long n = b.size();
    if (m > n) {
      throw malformed(
          "the first checkpoint (size "
              + m
              + ") must not be larger than the second (size "
              + n
              + ")");
    }
    String both =
        "both checkpoints carry valid signatures by " + key.id() + " for origin " + key.name();
    if (m == n) {
      if (a.root().equals(b.root())) {
        throw new EvidenceException(
            EvidenceException.Reason.NOT_A_CONFLICT,
            "both checkpoints have size "
                + m
                + " and the same root "
                + a.root()
                + ": they do not conflict");
      }
      return new SplitViewFinding(
          SplitViewFinding.Kind.SAME_SIZE_DIFFERENT_ROOTS,
          key,
          a,
          b,
          both
              + "; both have size "
              + m
              + " but their roots differ ("
              + a.root()
              + " and "
              + b.root()
              + "). An append-only log has one tree of each size: the holder of this"
              + " key signed two different histories (a split view).");
    }
    if (m == 0) {
      if (a.root().equals(Hash.EMPTY)) {
        throw new EvidenceException(
            EvidenceException.Reason.NOT_A_CONFLICT,
            "the first checkpoint is the empty tree, a prefix of every tree: no conflict");
      }
      return new SplitViewFinding(
          SplitViewFinding.Kind.FALSE_EMPTY_ROOT,
          key,
          a,
          b,
          both
              + "; the first has size 0 but root "
              + a.root()
              + ", not SHA-256 of the empty"
              + " string: the holder of this key signed a false statement about its empty tree.");
    }
    List<Hash> proof = e.proof();
    if (proof.size() <= ProofVerifier.consistencyPathLength(m, n)) {
      try {
        ProofVerifier.verifyConsistency(new ConsistencyProof(m, n, proof), a.root(), b.root());
        throw new EvidenceException(
            EvidenceException.Reason.NOT_A_CONFLICT,
            "the included proof shows that the tree of size "
                + m
                + " is a prefix of the tree of"
                + " size "
                + n
                + ": the checkpoints are consistent");
      } catch (ProofException | IllegalArgumentException ignored) {
        // Expected for evidence: fall through to what the proof does establish.
      }
    }
    Hash prefix;
    try {
      prefix = PrefixRoot.compute(m, n, proof, b.root());
    } catch (ProofException ex) {
      throw new EvidenceException(
          EvidenceException.Reason.INCONCLUSIVE,
          both
              + ", with sizes "
              + m
              + " and "
              + n
              + ". The included proof does not verify, but"
              + " it does not reproduce the second root either ("
              + ex.getMessage()
              + "), so it"
              + " proves nothing: anyone can write a failing proof."
              + (PrefixRoot.seeded(m) && proof.size() == consistencyLength(m, n)
                  ? " (For size "
                      + m
                      + ", a power of two, conclusive evidence needs the [0, "
                      + m
                      + ") node prepended to the proof.)"
                  : "")
              + " Ask the log for a consistency proof from "
              + m
              + " to "
              + n
              + ".");
    }
    if (prefix.equals(a.root())) {
      throw new EvidenceException(
          EvidenceException.Reason.NOT_A_CONFLICT,
          "the included proof shows that the tree of size "
              + m
              + " is a prefix of the tree of"
              + " size "
              + n
              + ": the checkpoints are consistent");
    }
    return new SplitViewFinding(
        SplitViewFinding.Kind.PREFIX_MISMATCH,
        key,
        a,
        b,
        both
            + ". The included proof reproduces the root of the size-"
            + n
            + " tree, which fixes"
            + " the root of its first "
            + m
            + " leaves as "
            + prefix
            + "; the size-"
            + m
            + " checkpoint says "
            + a.root()
            + ". No consistency proof between them can exist:"
            + " the holder of this key signed two different histories (a split view).");
  }

  private static int consistencyLength(long m, long n) {
    return ProofVerifier.consistencyPathLength(m, n);
  }

  private static Checkpoint open(String which, String note, VerifierKey key)
      throws EvidenceException {
    VerifiedNote verified;
    try {
      verified = Note.open(note, Verifiers.of(key.verifier()));
    } catch (MalformedInputException ex) {
      throw malformed("the " + which + " note: " + ex.getMessage());
    } catch (BadSignatureException ex) {
      throw new EvidenceException(
          EvidenceException.Reason.BAD_SIGNATURE,
          "the "
              + which
              + " checkpoint has no valid signature by "
              + key.id()
              + ": "
              + ex.getMessage(),
          ex);
    }
    Checkpoint c;
    try {
      c = Checkpoint.fromNote(verified);
    } catch (MalformedInputException ex) {
      throw malformed("the " + which + " note is not a checkpoint: " + ex.getMessage());
    }
    if (!c.origin().equals(key.name())) {
      throw malformed(
          "the "
              + which
              + " checkpoint's origin \""
              + c.origin()
              + "\" is not the log key's name \""
              + key.name()
              + "\"");
    }
    return c;
  }

  private static EvidenceException malformed(String message) {
    return new EvidenceException(EvidenceException.Reason.MALFORMED, message);
  }
}
