package org.countersign.log.merkle;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.countersign.log.Hash;

/**
 * Builds tree hashes and RFC 6962 proofs from stored complete-subtree hashes, the way a log serves
 * them (compare Go {@code sumdb/tlog} {@code TreeHash}, {@code ProveRecord} and {@code ProveTree}).
 *
 * <h2>Design</h2>
 *
 * <p>Every proof element is {@code MTH(D[a:b])} for some leaf range that RFC 6962's recursion
 * produces (§2.1.1 PATH, §2.1.2 SUBPROOF). Such a range decomposes into at most 63 complete
 * subtrees ({@link NodeId#cover}), whose stored hashes fold right to left into the element. This
 * class first walks the recursion without hashing to plan every range, then reads all needed hashes
 * in one {@link HashReader} call (one round trip to storage), then folds. Costs: O(log² n) hashes
 * read in the worst case, typically O(log n), and as many node hashes computed.
 *
 * <p>A proof is only as good as the reader: these methods do not verify what they return.
 */
public final class Proofs {
  private Proofs() {}

  /**
   * The root of the tree of {@code size} leaves; {@link Hash#EMPTY} for size 0.
   *
   * @throws IllegalArgumentException if the size is negative or above 2^62
   * @throws IOException if the reader fails or returns the wrong number of hashes
   */
  public static Hash treeHash(long size, HashReader reader) throws IOException {
    checkSize(size);
    if (size == 0) {
      return Hash.EMPTY;
    }
    return fold(List.of(new Range(0, size)), reader).get(0);
  }

  /**
   * The inclusion proof for leaf {@code index} in the tree of {@code size} leaves (RFC 6962 PATH).
   *
   * @throws IllegalArgumentException unless {@code 0 <= index < size <= 2^62}
   * @throws IOException if the reader fails or returns the wrong number of hashes
   */
  public static InclusionProof inclusion(long index, long size, HashReader reader)
      throws IOException {
    checkSize(size);
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException(
          "leaf index " + index + " is not in a tree of size " + size);
    }
    List<Range> ranges = new ArrayList<>();
    long lo = 0;
    long hi = size;
    while (hi - lo > 1) {
      long k = largestPowerOfTwoBelow(hi - lo);
      if (index < lo + k) {
        ranges.add(new Range(lo + k, hi));
        hi = lo + k;
      } else {
        ranges.add(new Range(lo, lo + k));
        lo += k;
      }
    }
    Collections.reverse(ranges); // the recursion finds the root's child first; proofs start low
    return new InclusionProof(index, size, fold(ranges, reader));
  }

  /**
   * The consistency proof from the tree of {@code oldSize} leaves to the tree of {@code newSize}
   * (RFC 6962 PROOF); empty when the sizes are equal.
   *
   * @throws IllegalArgumentException unless {@code 0 < oldSize <= newSize <= 2^62}
   * @throws IOException if the reader fails or returns the wrong number of hashes
   */
  public static ConsistencyProof consistency(long oldSize, long newSize, HashReader reader)
      throws IOException {
    checkSize(newSize);
    if (oldSize <= 0 || oldSize > newSize) {
      throw new IllegalArgumentException(
          "no consistency proof from size " + oldSize + " to size " + newSize);
    }
    List<Range> ranges = new ArrayList<>();
    long lo = 0;
    long hi = newSize;
    boolean wholeOldTree = true; // SUBPROOF's flag b: is [lo, hi) still the old tree's own root?
    while (true) {
      if (oldSize == hi) {
        if (!wholeOldTree) {
          ranges.add(new Range(lo, hi));
        }
        break;
      }
      long k = largestPowerOfTwoBelow(hi - lo);
      if (oldSize - lo <= k) {
        ranges.add(new Range(lo + k, hi));
        hi = lo + k;
      } else {
        ranges.add(new Range(lo, lo + k));
        lo += k;
        wholeOldTree = false;
      }
    }
    Collections.reverse(ranges);
    return new ConsistencyProof(oldSize, newSize, fold(ranges, reader));
  }

  /** A leaf range [start, end) whose Merkle tree hash is one proof element. */
  private record Range(long start, long end) {}

  /** Reads, in one call, every subtree hash the ranges need, and folds each range's hashes. */
  private static List<Hash> fold(List<Range> ranges, HashReader reader) throws IOException {
    List<List<NodeId>> covers = new ArrayList<>(ranges.size());
    int total = 0;
    for (Range r : ranges) {
      List<NodeId> cover = NodeId.cover(r.start(), r.end());
      covers.add(cover);
      total += cover.size();
    }
    long[] indexes = new long[total];
    int at = 0;
    for (List<NodeId> cover : covers) {
      for (NodeId node : cover) {
        indexes[at++] = node.storageIndex();
      }
    }
    if (total == 0) {
      return List.of(); // equal sizes: nothing to read
    }
    List<Hash> hashes = reader.readHashes(indexes);
    if (hashes == null || hashes.size() != total) {
      throw new IOException(
          "hash reader returned "
              + (hashes == null ? "null" : hashes.size() + " hashes")
              + " for "
              + total
              + " storage indexes");
    }
    List<Hash> elements = new ArrayList<>(ranges.size());
    at = 0;
    for (List<NodeId> cover : covers) {
      int end = at + cover.size();
      Hash acc = requireHash(hashes, end - 1, indexes);
      for (int j = end - 2; j >= at; j--) {
        acc = Rfc6962.nodeHash(requireHash(hashes, j, indexes), acc);
      }
      elements.add(acc);
      at = end;
    }
    return elements;
  }

  private static Hash requireHash(List<Hash> hashes, int i, long[] indexes) throws IOException {
    Hash h = hashes.get(i);
    if (h == null) {
      throw new IOException("hash reader returned null for storage index " + indexes[i]);
    }
    return h;
  }

  static long largestPowerOfTwoBelow(long n) {
    return Long.highestOneBit(n - 1);
  }

  private static void checkSize(long size) {
    if (size < 0 || size > NodeId.MAX_STORED_LEAVES) {
      throw new IllegalArgumentException("tree size out of range: " + size);
    }
  }
}
