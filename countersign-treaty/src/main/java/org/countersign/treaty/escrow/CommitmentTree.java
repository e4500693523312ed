package org.countersign.treaty.escrow;

import java.util.ArrayList;
import java.util.List;
import org.countersign.log.Hash;
import org.countersign.log.merkle.Rfc6962;

/**
 * The RFC 6962 Merkle tree over a declaration's leaf hashes, kept as flat byte arrays, one per
 * level, so that a million-item declaration costs about 64 MB and no per-node objects.
 *
 * <p>Level 0 holds the leaf hashes; each level above pairs neighbours with {@link
 * Rfc6962#nodeHash(byte[], int, byte[], int, byte[], int)} and carries a lone last node up
 * unchanged. That bottom-up construction yields exactly RFC 6962's tree (at every level the pairs
 * are the complete subtrees of the largest-power-of-two split), and an inclusion path is the
 * existing siblings, bottom up: the same path RFC 9162 §2.1.3.1 defines, which the tests check
 * against {@code org.countersign.log.merkle.ProofVerifier}.
 */
final class CommitmentTree {
  private final byte[][] levels;
  private final int size;

  private CommitmentTree(byte[][] levels, int size) {
    this.levels = levels;
    this.size = size;
  }

  /** Builds the tree over {@code count} leaf hashes, taking ownership of the array. */
  static CommitmentTree build(byte[] leafHashes, int count) {
    if (count < 1 || leafHashes.length != count * Hash.SIZE) {
      throw new IllegalArgumentException(
          "need " + count + " leaf hashes, got " + leafHashes.length + " bytes");
    }
    var all = new ArrayList<byte[]>();
    all.add(leafHashes);
    byte[] below = leafHashes;
    int n = count;
    while (n > 1) {
      int up = (n + 1) / 2;
      byte[] level = new byte[up * Hash.SIZE];
      for (int j = 0; j < n / 2; j++) {
        int left = 2 * j * Hash.SIZE;
        Rfc6962.nodeHash(below, left, below, left + Hash.SIZE, level, j * Hash.SIZE);
      }
      if ((n & 1) == 1) {
        System.arraycopy(below, (n - 1) * Hash.SIZE, level, (up - 1) * Hash.SIZE, Hash.SIZE);
      }
      all.add(level);
      below = level;
      n = up;
    }
    return new CommitmentTree(all.toArray(new byte[0][]), count);
  }

  int size() {
    return size;
  }

  Hash root() {
    return Hash.of(levels[levels.length - 1], 0);
  }

  Hash leafHash(int index) {
    return Hash.of(levels[0], index * Hash.SIZE);
  }

  /** The inclusion path of leaf {@code index}, leaf sibling first. */
  List<Hash> inclusionPath(int index) {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("leaf index " + index + " is not below the size " + size);
    }
    var path = new ArrayList<Hash>();
    int i = index;
    int n = size;
    for (int l = 0; n > 1; l++) {
      int sibling = i ^ 1;
      if (sibling < n) {
        path.add(Hash.of(levels[l], sibling * Hash.SIZE));
      }
      i >>>= 1;
      n = (n + 1) / 2;
    }
    return path;
  }
}
