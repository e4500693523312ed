package org.countersign.log.merkle;

import java.util.List;
import org.countersign.log.Hash;

/**
 * An RFC 9162 §2.1.3 inclusion proof: the sibling hashes on the path from leaf {@code index} to the
 * root of the tree of {@code treeSize} leaves, leaf sibling first. Holding one proves nothing; pass
 * it to {@link ProofVerifier#verifyInclusion}.
 *
 * <p>The constructor checks only what no proof can violate (signs, nulls, a length cap); whether
 * {@code index < treeSize} and the path has exactly the right length is the verifier's job, so that
 * a bad proof fails verification with a message rather than construction.
 *
 * @param index the leaf's position, from 0
 * @param treeSize the number of leaves of the tree the proof is for
 * @param path the proof hashes, bottom up (immutable copy)
 */
public record InclusionProof(long index, long treeSize, List<Hash> path) {
  /** No tree with fewer than 2^63 leaves has a longer inclusion proof. */
  public static final int MAX_PATH_LENGTH = 63;

  /**
   * @throws IllegalArgumentException if a number is negative or the path is longer than 63
   * @throws NullPointerException if the path or one of its hashes is null
   */
  public InclusionProof {
    if (index < 0) {
      throw new IllegalArgumentException("leaf index must not be negative, got " + index);
    }
    if (treeSize < 0) {
      throw new IllegalArgumentException("tree size must not be negative, got " + treeSize);
    }
    path = List.copyOf(path); // rejects null elements
    if (path.size() > MAX_PATH_LENGTH) {
      throw new IllegalArgumentException(
          "an inclusion proof has at most " + MAX_PATH_LENGTH + " hashes, got " + path.size());
    }
  }
}
