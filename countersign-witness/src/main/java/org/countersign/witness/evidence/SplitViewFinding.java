package org.countersign.witness.evidence;

import java.util.Objects;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.note.VerifierKey;

/**
 * What a piece of evidence was verified to prove: that the holder of {@code logKey} signed two
 * checkpoints that cannot both describe one append-only log. Only {@link EvidenceVerifier} makes
 * these.
 *
 * @param kind how the conflict is shown
 * @param logKey the key that signed both checkpoints
 * @param first the first checkpoint (smaller or equal size)
 * @param second the second checkpoint
 * @param explanation one paragraph saying what was checked and what it proves
 */
public record SplitViewFinding(
    Kind kind, VerifierKey logKey, Checkpoint first, Checkpoint second, String explanation) {

  /** The kinds of conclusive evidence. */
  public enum Kind {
    /** Two signed checkpoints of the same size with different roots. */
    SAME_SIZE_DIFFERENT_ROOTS,
    /**
     * A proof that reproduces the second root also fixes the root of its first-size prefix, and
     * that root is not the first checkpoint's.
     */
    PREFIX_MISMATCH,
    /** A signed checkpoint of size 0 whose root is not SHA-256 of the empty string. */
    FALSE_EMPTY_ROOT
  }

  public SplitViewFinding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(logKey, "logKey");
    Objects.requireNonNull(first, "first");
    Objects.requireNonNull(second, "second");
    Objects.requireNonNull(explanation, "explanation");
  }
}
