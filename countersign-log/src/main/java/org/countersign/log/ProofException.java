package org.countersign.log;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A Merkle proof, tile or root that does not verify. The message says which check failed; where the
 * failure is a root mismatch, {@link #expectedRoot()} and {@link #computedRoot()} carry both roots,
 * so that the evidence need not be read back out of the message.
 */
public final class ProofException extends LogException {
  private final @Nullable Hash expectedRoot;
  private final @Nullable Hash computedRoot;

  /** A failed precondition or structural check: there are no roots to compare. */
  public ProofException(String message) {
    super(message);
    this.expectedRoot = null;
    this.computedRoot = null;
  }

  /** A proof that computed {@code computedRoot} where {@code expectedRoot} was required. */
  public ProofException(String message, Hash expectedRoot, Hash computedRoot) {
    super(message);
    this.expectedRoot = expectedRoot;
    this.computedRoot = computedRoot;
  }

  /** The root the proof had to reach (from a signed checkpoint), where roots were compared. */
  public Optional<Hash> expectedRoot() {
    return Optional.ofNullable(expectedRoot);
  }

  /** The root the proof reached, where roots were compared. */
  public Optional<Hash> computedRoot() {
    return Optional.ofNullable(computedRoot);
  }
}
