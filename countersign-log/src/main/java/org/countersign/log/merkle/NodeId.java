package org.countersign.log.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * The coordinates of a complete subtree of a log's Merkle tree: the node at height {@code level}
 * whose leaves are {@code [index * 2^level, (index + 1) * 2^level)}. Level 0 nodes are leaf hashes.
 * A complete subtree never changes once its last leaf is appended, which is why logs store exactly
 * these hashes (and why tiles are made of them).
 *
 * <h2>Storage index</h2>
 *
 * <p>{@link #storageIndex()} numbers every complete subtree in the order an append-only log
 * produces them: appending leaf {@code m} stores its leaf hash, then the hashes of the subtrees it
 * completes, lowest first. A tree of {@code n} leaves has stored exactly {@link
 * #storedHashCount(long) 2n - popcount(n)} hashes. This is the numbering of Go's {@code
 * golang.org/x/mod/sumdb/tlog} ({@code StoredHashIndex}, {@code SplitStoredHashIndex}), so a store
 * keyed by it interoperates with the Go checksum database's tooling. Storage indexes exist only for
 * leaves below 2<sup>62</sup>, beyond which the count overflows a {@code long}.
 *
 * @param level the height of the subtree, 0 for a leaf
 * @param index the position of the subtree among those of its height, counted from the left
 */
public record NodeId(int level, long index) {
  /** Leaves at or beyond this index have no storage index (the count would overflow a long). */
  public static final long MAX_STORED_LEAVES = 1L << 62;

  /**
   * @throws IllegalArgumentException if level is outside 0..62, index is negative, or the subtree
   *     would reach past the largest representable leaf index
   */
  public NodeId {
    if (level < 0 || level > 62) {
      throw new IllegalArgumentException("node level must be in 0..62, got " + level);
    }
    if (index < 0 || index > (Long.MAX_VALUE >> level) - 1) {
      throw new IllegalArgumentException(
          "node index out of range for level " + level + ": " + index);
    }
  }

  /** The first leaf of this subtree. */
  public long firstLeaf() {
    return index << level;
  }

  /** One past the last leaf of this subtree; the tree is complete once it has this many leaves. */
  public long endLeaf() {
    return (index + 1) << level;
  }

  /** The Go {@code tlog} storage index of this node (see the class overview). */
  public long storageIndex() {
    long lastLeaf = endLeaf() - 1;
    if (lastLeaf >= MAX_STORED_LEAVES) {
      throw new IllegalArgumentException("no storage index beyond leaf 2^62: " + this);
    }
    return storedHashCount(lastLeaf) + level;
  }

  /**
   * The node stored at {@code storageIndex}: the inverse of {@link #storageIndex()}.
   *
   * @throws IllegalArgumentException if the index is negative or beyond leaf 2^62
   */
  public static NodeId fromStorageIndex(long storageIndex) {
    if (storageIndex < 0 || storageIndex >= storedHashCount(MAX_STORED_LEAVES)) {
      throw new IllegalArgumentException("storage index out of range: " + storageIndex);
    }
    // Find the leaf m whose append stored this hash: the largest m with storedHashCount(m) <= i.
    // storedHashCount(m) lies in [2m - 63, 2m], so m starts within 34 steps of i / 2 + 32.
    long m = Math.min(storageIndex / 2 + 32, MAX_STORED_LEAVES - 1);
    while (storedHashCount(m) > storageIndex) {
      m--;
    }
    int level = (int) (storageIndex - storedHashCount(m));
    return new NodeId(level, ((m + 1) >> level) - 1);
  }

  /**
   * How many complete-subtree hashes a tree of {@code treeSize} leaves has stored, which is also
   * the storage index of the next leaf hash: {@code 2n - popcount(n)}.
   */
  public static long storedHashCount(long treeSize) {
    if (treeSize < 0 || treeSize > MAX_STORED_LEAVES) {
      throw new IllegalArgumentException("tree size out of range for storage indexes: " + treeSize);
    }
    return 2 * treeSize - Long.bitCount(treeSize);
  }

  /**
   * The maximal complete subtrees that make up the leaf range {@code [start, end)}, left to right.
   * For {@code start = 0} these are the subtrees whose hashes fold (right to left, with {@link
   * Rfc6962#nodeHash}) into the tree's root; for the aligned ranges that RFC 6962's recursion
   * produces, they fold into {@code MTH(D[start:end])}.
   *
   * @throws IllegalArgumentException unless {@code 0 <= start <= end}
   */
  public static List<NodeId> cover(long start, long end) {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad leaf range [" + start + ", " + end + ")");
    }
    List<NodeId> nodes = new ArrayList<>(64);
    long at = start;
    while (at < end) {
      // The largest power-of-two block that is aligned at 'at' and still fits before 'end'.
      int alignment = at == 0 ? 62 : Long.numberOfTrailingZeros(at);
      int fit = 63 - Long.numberOfLeadingZeros(end - at);
      int level = Math.min(alignment, fit);
      nodes.add(new NodeId(level, at >> level));
      at += 1L << level;
    }
    return nodes;
  }

  @Override
  public String toString() {
    return "node(level " + level + ", index " + index + ")";
  }
}
