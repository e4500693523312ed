package org.countersign.log.merkle;

import java.util.List;
import org.countersign.log.Hash;
import org.countersign.log.ProofException;

/**
 * Verifies RFC 9162 inclusion (§2.1.3.2) and consistency (§2.1.4.2) proofs: verify or throw.
 *
 * <p>Every precondition is checked before any hashing: the leaf index is below the tree size, the
 * old size is positive and not above the new size, and the proof has exactly the length that the
 * sizes determine. The RFC's algorithms then run as written, final {@code sn == 0} check included,
 * and roots are compared in constant time ({@link Hash#equals}). A {@link ProofException}'s message
 * names the check that failed and the values involved.
 *
 * <p>Edge cases follow the reference Go implementation (transparency-dev/merkle, {@code
 * proof/verify.go}): a consistency proof from size 0 is refused as meaningless (the empty tree is a
 * prefix of every tree, so there is nothing to prove; callers that accept "old size 0", such as a
 * witness, must special-case it); equal sizes need an empty proof and equal roots.
 */
public final class ProofVerifier {
  private ProofVerifier() {}

  /**
   * Checks that {@code leafHash} is leaf {@code proof.index()} of the tree of {@code
   * proof.treeSize()} leaves whose root is {@code root}.
   *
   * @throws ProofException if a precondition fails or the computed root differs from {@code root}
   */
  public static void verifyInclusion(InclusionProof proof, Hash leafHash, Hash root)
      throws ProofException {
    Hash computed = rootFromInclusion(proof, leafHash);
    if (!computed.equals(root)) {
      throw new ProofException(
          "inclusion proof for leaf "
              + proof.index()
              + " in tree of size "
              + proof.treeSize()
              + ": computed root "
              + computed
              + " does not match expected root "
              + root,
          root,
          computed);
    }
  }

  /**
   * The root that {@code proof} and {@code leafHash} imply. The result means nothing until compared
   * with a trusted root; prefer {@link #verifyInclusion}.
   *
   * @throws ProofException if the index is not below the size or the proof has the wrong length
   */
  public static Hash rootFromInclusion(InclusionProof proof, Hash leafHash) throws ProofException {
    long index = proof.index();
    long size = proof.treeSize();
    List<Hash> path = proof.path();
    if (index >= size) {
      throw new ProofException(
          "inclusion proof: leaf index " + index + " is not below tree size " + size);
    }
    int expected = inclusionPathLength(index, size);
    if (path.size() != expected) {
      throw new ProofException(
          "inclusion proof for leaf "
              + index
              + " in tree of size "
              + size
              + " must have "
              + expected
              + " hashes, got "
              + path.size());
    }
    // RFC 9162 §2.1.3.2, step by step.
    long fn = index;
    long sn = size - 1;
    Hash r = leafHash;
    for (Hash p : path) {
      if (sn == 0) {
        throw new ProofException("inclusion proof: more hashes than levels to the root");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = Rfc6962.nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        r = Rfc6962.nodeHash(r, p);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new ProofException("inclusion proof: fewer hashes than levels to the root (sn != 0)");
    }
    return r;
  }

  /**
   * Checks that the tree of {@code proof.oldSize()} leaves with root {@code oldRoot} is a prefix of
   * the tree of {@code proof.newSize()} leaves with root {@code newRoot}.
   *
   * @throws ProofException if a precondition fails or either computed root differs
   */
  public static void verifyConsistency(ConsistencyProof proof, Hash oldRoot, Hash newRoot)
      throws ProofException {
    long m = proof.oldSize();
    long n = proof.newSize();
    List<Hash> path = proof.path();
    if (m > n) {
      throw new ProofException(
          "consistency proof: old size " + m + " is greater than new size " + n);
    }
    if (m == 0) {
      throw new ProofException(
          "consistency proof from the empty tree (old size 0) is meaningless; new size " + n);
    }
    if (m == n) {
      if (!path.isEmpty()) {
        throw new ProofException(
            "consistency proof between equal sizes "
                + m
                + " must be empty, got "
                + path.size()
                + " hashes");
      }
      if (!oldRoot.equals(newRoot)) {
        throw new ProofException(
            "trees of the same size " + m + " have different roots " + oldRoot + " and " + newRoot,
            oldRoot,
            newRoot);
      }
      return;
    }
    int expected = consistencyPathLength(m, n);
    if (path.size() != expected) {
      throw new ProofException(
          "consistency proof from size "
              + m
              + " to "
              + n
              + " must have "
              + expected
              + " hashes, got "
              + path.size());
    }
    // RFC 9162 §2.1.4.2, step by step. When the old size is a power of two the old root is itself a
    // node of the new tree and the proof omits it: the verifier prepends it.
    boolean oldIsPowerOfTwo = (m & (m - 1)) == 0;
    int i = 0;
    Hash seed = oldIsPowerOfTwo ? oldRoot : path.get(i++);
    long fn = m - 1;
    long sn = n - 1;
    while ((fn & 1) == 1) {
      fn >>>= 1;
      sn >>>= 1;
    }
    Hash fr = seed;
    Hash sr = seed;
    for (; i < path.size(); i++) {
      Hash c = path.get(i);
      if (sn == 0) {
        throw new ProofException("consistency proof: more hashes than levels to the root");
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = Rfc6962.nodeHash(c, fr);
        sr = Rfc6962.nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>>= 1;
          sn >>>= 1;
        }
      } else {
        sr = Rfc6962.nodeHash(sr, c);
      }
      fn >>>= 1;
      sn >>>= 1;
    }
    if (sn != 0) {
      throw new ProofException("consistency proof: fewer hashes than levels to the root (sn != 0)");
    }
    if (!fr.equals(oldRoot)) {
      throw new ProofException(
          "consistency proof from size "
              + m
              + " to "
              + n
              + ": computed old root "
              + fr
              + " does not match expected old root "
              + oldRoot,
          oldRoot,
          fr);
    }
    if (!sr.equals(newRoot)) {
      throw new ProofException(
          "consistency proof from size "
              + m
              + " to "
              + n
              + ": computed new root "
              + sr
              + " does not match expected new root "
              + newRoot,
          newRoot,
          sr);
    }
  }

  /**
   * The exact number of hashes in an inclusion proof for leaf {@code index} of a tree of {@code
   * size} leaves: the levels below the point where the paths to {@code index} and to the last leaf
   * part ("inner"), plus one per left sibling above it ("border").
   *
   * @throws IllegalArgumentException unless {@code 0 <= index < size}
   */
  public static int inclusionPathLength(long index, long size) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("need 0 <= index < size, got " + index + ", " + size);
    }
    int inner = 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
    return inner + Long.bitCount(index >>> inner);
  }

  /**
   * The exact number of hashes in a consistency proof from {@code oldSize} to {@code newSize}: the
   * inclusion path of the old tree's last leaf in the new tree, minus the levels inside the old
   * tree's rightmost complete subtree, plus that subtree's hash unless it is the whole old tree.
   *
   * @throws IllegalArgumentException unless {@code 0 < oldSize <= newSize}
   */
  public static int consistencyPathLength(long oldSize, long newSize) {
    if (oldSize <= 0 || oldSize > newSize) {
      throw new IllegalArgumentException(
          "need 0 < oldSize <= newSize, got " + oldSize + ", " + newSize);
    }
    if (oldSize == newSize) {
      return 0;
    }
    int shift = Long.numberOfTrailingZeros(oldSize);
    long last = oldSize - 1;
    int inner = 64 - Long.numberOfLeadingZeros(last ^ (newSize - 1));
    int border = Long.bitCount(last >>> inner);
    int seed = (oldSize & last) == 0 ? 0 : 1;
    return seed + (inner - shift) + border;
  }
}
