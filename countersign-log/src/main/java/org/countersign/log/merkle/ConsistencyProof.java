package org.countersign.log.merkle;

import java.util.List;
import org.countersign.log.Hash;

/**
 * An RFC 9162 §2.1.4 consistency proof that the tree of {@code oldSize} leaves is a prefix of the
 * tree of {@code newSize} leaves. Holding one proves nothing; pass it to {@link
 * ProofVerifier#verifyConsistency}.
 *
 * <p>As with {@link InclusionProof}, the constructor checks only signs, nulls and a length cap; the
 * verifier checks the sizes' order, the exact path length and the hashes.
 *
 * @param oldSize the size of the older tree
 * @param newSize the size of the newer tree
 * @param path the proof hashes in RFC order (immutable copy)
 */
public record ConsistencyProof(long oldSize, long newSize, List<Hash> path) {
  /**
   * No pair of trees with fewer than 2^63 leaves has a longer consistency proof: an inclusion path
   * (at most 63 hashes) plus the old tree's rightmost subtree hash.
   */
  public static final int MAX_PATH_LENGTH = 64;

  /**
   * @throws IllegalArgumentException if a size is negative or the path is longer than 64
   * @throws NullPointerException if the path or one of its hashes is null
   */
  public ConsistencyProof {
    if (oldSize < 0) {
      throw new IllegalArgumentException("old tree size must not be negative, got " + oldSize);
    }
    if (newSize < 0) {
      throw new IllegalArgumentException("new tree size must not be negative, got " + newSize);
    }
    path = List.copyOf(path);
    if (path.size() > MAX_PATH_LENGTH) {
      throw new IllegalArgumentException(
          "a consistency proof has at most " + MAX_PATH_LENGTH + " hashes, got " + path.size());
    }
  }
}
