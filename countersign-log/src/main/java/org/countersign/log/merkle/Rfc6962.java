package org.countersign.log.merkle;

import java.security.MessageDigest;
import java.util.List;
import org.countersign.log.Hash;

/**
 * The RFC 6962 Merkle tree hash (RFC 9162 §2.1.1 is the same): SHA-256 with domain separation.
 *
 * <pre>
 *   MTH({})    = SHA-256()
 *   leaf hash  = SHA-256(0x00 || entry)
 *   node hash  = SHA-256(0x01 || left || right)
 *   MTH(D[n])  = node(MTH(D[0:k]), MTH(D[k:n])),  k = the largest power of two smaller than n
 * </pre>
 *
 * <p>The prefixes keep a leaf from ever being taken for an inner node (second-preimage attacks).
 *
 * <p>Performance: each thread keeps one {@link MessageDigest} (the JDK's SHA-256 uses the CPU's SHA
 * extensions where present), inputs are fed without copies, and the flat-array methods hash
 * straight from and into {@code byte[]} buffers so that tree builders allocate nothing per node.
 * Every method is thread-safe.
 */
public final class Rfc6962 {
  /** Domain-separation prefix of a leaf hash. */
  public static final byte LEAF_PREFIX = 0x00;

  /** Domain-separation prefix of an inner node hash. */
  public static final byte NODE_PREFIX = 0x01;

  // One digest per thread: MessageDigest is stateful and not thread-safe, and creating one costs
  // a provider lookup. Every use starts and ends with the digest reset (digest() resets it).
  private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(Hash::newDigest);

  private Rfc6962() {}

  /** The leaf hash of one log entry: {@code SHA-256(0x00 || entry)}. */
  public static Hash leafHash(byte[] entry) {
    return leafHash(entry, 0, entry.length);
  }

  /** The leaf hash of {@code entry[offset, offset+length)}, without copying it out. */
  public static Hash leafHash(byte[] entry, int offset, int length) {
    MessageDigest md = digest();
    md.update(LEAF_PREFIX);
    md.update(entry, offset, length);
    return Hash.fromDigest(md);
  }

  /** The hash of an inner node: {@code SHA-256(0x01 || left || right)}. */
  public static Hash nodeHash(Hash left, Hash right) {
    MessageDigest md = digest();
    md.update(NODE_PREFIX);
    left.updateDigest(md);
    right.updateDigest(md);
    return Hash.fromDigest(md);
  }

  /**
   * Writes the node hash of two 32-byte values held in arrays into {@code out} at {@code
   * outOffset}. {@code out} may be one of the inputs (the inputs are fully read before the output
   * is written).
   */
  public static void nodeHash(
      byte[] left, int leftOffset, byte[] right, int rightOffset, byte[] out, int outOffset) {
    MessageDigest md = digest();
    md.update(NODE_PREFIX);
    md.update(left, leftOffset, Hash.SIZE);
    md.update(right, rightOffset, Hash.SIZE);
    finishInto(md, out, outOffset);
  }

  /** The Merkle tree hash of a list of leaf hashes; {@link Hash#EMPTY} for the empty list. */
  public static Hash rootOf(List<Hash> leafHashes) {
    int n = leafHashes.size();
    if (n == 0) {
      return Hash.EMPTY;
    }
    if ((long) n * Hash.SIZE > Integer.MAX_VALUE - 16) {
      throw new IllegalArgumentException("too many leaves for one in-memory root: " + n);
    }
    byte[] flat = new byte[n * Hash.SIZE];
    for (int i = 0; i < n; i++) {
      leafHashes.get(i).copyTo(flat, i * Hash.SIZE);
    }
    reduceInPlace(flat, 0, n);
    return Hash.of(flat, 0);
  }

  /**
   * The Merkle tree hash of {@code count} consecutive 32-byte hashes in {@code hashes} starting at
   * byte {@code offset} (for example a tile, or part of one). The input is left unchanged.
   *
   * @throws IllegalArgumentException if {@code count} is not positive or the range is out of bounds
   */
  public static Hash rootOf(byte[] hashes, int offset, int count) {
    if (count <= 0 || offset < 0 || (long) offset + (long) count * Hash.SIZE > hashes.length) {
      throw new IllegalArgumentException(
          "no " + count + " hashes at offset " + offset + " in " + hashes.length + " bytes");
    }
    if (count == 1) {
      return Hash.of(hashes, offset);
    }
    byte[] scratch = new byte[count * Hash.SIZE];
    System.arraycopy(hashes, offset, scratch, 0, scratch.length);
    reduceInPlace(scratch, 0, count);
    return Hash.of(scratch, 0);
  }

  /**
   * Reduces {@code count} hashes at {@code offset} in place to their Merkle tree hash, which ends
   * up in the first 32 bytes at {@code offset}. Pairing neighbours level by level and carrying a
   * lone last node up unchanged builds exactly RFC 6962's left-full tree: at every level the pairs
   * are the complete subtrees of the largest-power-of-two split.
   */
  static void reduceInPlace(byte[] buf, int offset, int count) {
    int n = count;
    while (n > 1) {
      int pairs = n / 2;
      for (int i = 0; i < pairs; i++) {
        int left = offset + 2 * i * Hash.SIZE;
        nodeHash(buf, left, buf, left + Hash.SIZE, buf, offset + i * Hash.SIZE);
      }
      if ((n & 1) == 1) {
        System.arraycopy(
            buf, offset + (n - 1) * Hash.SIZE, buf, offset + pairs * Hash.SIZE, Hash.SIZE);
      }
      n = pairs + (n & 1);
    }
  }

  private static MessageDigest digest() {
    MessageDigest md = DIGEST.get();
    md.reset(); // cheap when already reset; guards against a caller interrupted mid-hash
    return md;
  }

  private static void finishInto(MessageDigest md, byte[] out, int outOffset) {
    try {
      md.digest(out, outOffset, Hash.SIZE);
    } catch (java.security.DigestException e) {
      // Only thrown for a too-small output buffer, which the callers rule out.
      throw new IllegalArgumentException("no room for a hash at offset " + outOffset, e);
    }
  }
}
