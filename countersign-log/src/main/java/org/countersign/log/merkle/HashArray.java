package org.countersign.log.merkle;

import java.util.Arrays;
import org.countersign.log.Hash;

/**
 * A growable, long-indexed array of 32-byte hashes held in flat {@code byte[]} chunks: 32 bytes per
 * hash and no object per hash, so a million-leaf tree (two million stored hashes) costs about 64
 * MiB. The first chunk grows geometrically so that short arrays (the upper levels of a tree) stay
 * small; later chunks are allocated whole. Not thread-safe.
 */
final class HashArray {
  private static final int CHUNK_BITS = 12;
  private static final int CHUNK_HASHES = 1 << CHUNK_BITS; // 4096 hashes = 128 KiB
  private static final int CHUNK_MASK = CHUNK_HASHES - 1;

  private byte[][] chunks = {new byte[4 * Hash.SIZE]};
  private long size;

  long size() {
    return size;
  }

  /** Appends the 32 bytes at {@code source[offset]}. */
  void add(byte[] source, int offset) {
    int chunk = (int) (size >>> CHUNK_BITS);
    int slot = (int) (size & CHUNK_MASK);
    if (chunk == chunks.length) {
      chunks = Arrays.copyOf(chunks, chunks.length * 2);
    }
    byte[] c = chunks[chunk];
    if (c == null) {
      c = chunks[chunk] = new byte[CHUNK_HASHES * Hash.SIZE];
    } else if ((slot + 1) * Hash.SIZE > c.length) {
      c = chunks[chunk] = Arrays.copyOf(c, Math.min(c.length * 2, CHUNK_HASHES * Hash.SIZE));
    }
    System.arraycopy(source, offset, c, slot * Hash.SIZE, Hash.SIZE);
    size++;
  }

  /** The chunk that holds hash {@code i}; pair with {@link #offset}. */
  byte[] chunk(long i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("hash " + i + " of " + size);
    }
    return chunks[(int) (i >>> CHUNK_BITS)];
  }

  /** The byte offset of hash {@code i} within {@link #chunk}. */
  static int offset(long i) {
    return (int) (i & CHUNK_MASK) * Hash.SIZE;
  }

  Hash get(long i) {
    return Hash.of(chunk(i), offset(i));
  }
}
