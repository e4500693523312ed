package org.countersign.log.merkle;

import java.util.ArrayList;
import java.util.List;
import org.countersign.log.Hash;

/**
 * An in-memory, append-only RFC 6962 Merkle tree that keeps every complete-subtree hash, so that
 * the root of any earlier size and any inclusion or consistency proof cost O(log n) hashes.
 *
 * <p>Meant for tests, for escrow trees of about a million leaves, and as a reference next to
 * tile-based storage. Memory: the stored hashes live in flat per-level byte arrays ({@code 2n}
 * hashes of 32 bytes, about 64 MiB per million leaves) with no object per hash.
 *
 * <p>Appending is amortised O(1) hashes. Not thread-safe: callers that share a tree synchronise.
 */
public final class MerkleTree {
  // levels.get(h) holds, in order, the hashes of the complete subtrees of height h.
  private final List<HashArray> levels = new ArrayList<>();
  private final byte[] scratch = new byte[2 * Hash.SIZE];
  private long size;

  /** An empty tree. */
  public MerkleTree() {
    levels.add(new HashArray());
  }

  /** A tree of the given leaf hashes, in order. */
  public static MerkleTree of(List<Hash> leafHashes) {
    MerkleTree tree = new MerkleTree();
    for (Hash h : leafHashes) {
      tree.append(h);
    }
    return tree;
  }

  /** Appends one leaf hash (see {@link Rfc6962#leafHash}) and returns its index. */
  public long append(Hash leafHash) {
    if (size == NodeId.MAX_STORED_LEAVES) {
      throw new IllegalStateException("tree is full at 2^62 leaves");
    }
    long index = size;
    leafHash.copyTo(scratch, 0);
    levels.get(0).add(scratch, 0);
    // Leaf i completes one subtree per trailing one bit of i: hash each new pair upwards.
    long n = index;
    for (int level = 0; (n & 1) == 1; level++) {
      HashArray below = levels.get(level);
      if (levels.size() == level + 1) {
        levels.add(new HashArray());
      }
      long right = below.size() - 1;
      Rfc6962.nodeHash(
          below.chunk(right - 1),
          HashArray.offset(right - 1),
          below.chunk(right),
          HashArray.offset(right),
          scratch,
          0);
      levels.get(level + 1).add(scratch, 0);
      n >>>= 1;
    }
    size++;
    return index;
  }

  /** The number of leaves. */
  public long size() {
    return size;
  }

  /** The root of the whole tree; {@link Hash#EMPTY} when empty. */
  public Hash root() {
    return root(size);
  }

  /**
   * The root of the tree formed by the first {@code treeSize} leaves.
   *
   * @throws IllegalArgumentException unless {@code 0 <= treeSize <= size()}
   */
  public Hash root(long treeSize) {
    checkSize(treeSize);
    if (treeSize == 0) {
      return Hash.EMPTY;
    }
    List<NodeId> cover = NodeId.cover(0, treeSize);
    Hash acc = node(cover.get(cover.size() - 1));
    for (int i = cover.size() - 2; i >= 0; i--) {
      acc = Rfc6962.nodeHash(node(cover.get(i)), acc);
    }
    return acc;
  }

  /** The leaf hash at {@code index}. */
  public Hash leafHash(long index) {
    return node(new NodeId(0, index));
  }

  /**
   * The hash of a complete subtree of the current tree.
   *
   * @throws IllegalArgumentException if that subtree is not complete yet
   */
  public Hash node(NodeId node) {
    if (node.endLeaf() > size) {
      throw new IllegalArgumentException(node + " is not complete in a tree of size " + size);
    }
    return levels.get(node.level()).get(node.index());
  }

  /**
   * The inclusion proof of leaf {@code index} in the tree of the first {@code treeSize} leaves.
   *
   * @throws IllegalArgumentException unless {@code 0 <= index < treeSize <= size()}
   */
  public InclusionProof inclusionProof(long index, long treeSize) {
    checkSize(treeSize);
    return unchecked(() -> Proofs.inclusion(index, treeSize, hashReader()));
  }

  /**
   * The consistency proof between the trees of the first {@code oldSize} and {@code newSize}
   * leaves.
   *
   * @throws IllegalArgumentException unless {@code 0 < oldSize <= newSize <= size()}
   */
  public ConsistencyProof consistencyProof(long oldSize, long newSize) {
    checkSize(newSize);
    return unchecked(() -> Proofs.consistency(oldSize, newSize, hashReader()));
  }

  /**
   * A reader of this tree's stored hashes by storage index, for code written against {@link
   * HashReader} (a stand-in for a log's hash storage). It sees the tree as it is at each call.
   */
  public HashReader hashReader() {
    return indexes -> {
      List<Hash> out = new ArrayList<>(indexes.length);
      for (long i : indexes) {
        out.add(node(NodeId.fromStorageIndex(i)));
      }
      return out;
    };
  }

  private void checkSize(long treeSize) {
    if (treeSize < 0 || treeSize > size) {
      throw new IllegalArgumentException(
          "tree size " + treeSize + " is not between 0 and the tree's size " + size);
    }
  }

  private interface IoSupplier<T> {
    T get() throws java.io.IOException;
  }

  private static <T> T unchecked(IoSupplier<T> s) {
    try {
      return s.get();
    } catch (java.io.IOException e) {
      // The in-memory reader never does I/O and only asks for complete nodes.
      throw new IllegalStateException("in-memory hash reader failed", e);
    }
  }
}
