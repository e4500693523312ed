package org.countersign.treaty.inspection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.countersign.log.Hash;

/**
 * A deterministic stream of pseudo-random 64-bit words expanded from a 32-byte seed in counter
 * mode, and unbiased integers drawn from it.
 *
 * <pre>
 *   block(j) = SHA-256("countersign/inspection/stream/v1" || 0x00 || seed[32] || u64be(j)),  j = 0, 1, ...
 *   words    = the 8-byte big-endian words of block(0), then of block(1), ...
 * </pre>
 *
 * <p>{@link #nextBelow(long)} uses rejection sampling: a word is accepted only below the largest
 * multiple of {@code bound} that fits in 2<sup>64</sup>, so every result in {@code [0, bound)} has
 * exactly the same number of preimages (no modulo bias). The expected number of words per draw is
 * below 2. Anyone holding the seed reproduces the stream exactly; without the seed it is as
 * unpredictable as SHA-256 allows. Not thread-safe (it is a cursor).
 */
public final class DrawStream {
  private static final byte[] DOMAIN =
      "countersign/inspection/stream/v1\0".getBytes(StandardCharsets.US_ASCII);

  private final byte[] seed;
  private final MessageDigest md = Hash.newDigest();
  private final byte[] block = new byte[Hash.SIZE];
  private long counter;
  private int position = Hash.SIZE; // forces a block on first use

  /** A stream starting at word 0 of {@code seed}. */
  public DrawStream(Hash seed) {
    this.seed = seed.bytes();
  }

  /** The next 64-bit word (uniform over all 2<sup>64</sup> values). */
  public long nextLong() {
    if (position == Hash.SIZE) {
      refill();
    }
    long v = 0;
    for (int i = 0; i < Long.BYTES; i++) {
      v = (v << 8) | (block[position + i] & 0xff);
    }
    position += Long.BYTES;
    return v;
  }

  /**
   * A uniform integer in {@code [0, bound)}, without modulo bias.
   *
   * @throws IllegalArgumentException if {@code bound < 1}
   */
  public long nextBelow(long bound) {
    if (bound < 1) {
      throw new IllegalArgumentException("bound must be at least 1, got " + bound);
    }
    // 2^64 mod bound: the count of words that would favour small results under plain modulo.
    long excess = Long.remainderUnsigned(Long.remainderUnsigned(-1L, bound) + 1, bound);
    while (true) {
      long x = nextLong();
      // Accept x < 2^64 - excess (an exact multiple of bound); excess == 0 accepts every word.
      if (excess == 0 || Long.compareUnsigned(x, -excess) < 0) {
        return Long.remainderUnsigned(x, bound);
      }
    }
  }

  private void refill() {
    md.update(DOMAIN);
    md.update(seed);
    for (int i = 7; i >= 0; i--) {
      md.update((byte) (counter >>> (8 * i)));
    }
    try {
      md.digest(block, 0, Hash.SIZE);
    } catch (java.security.DigestException e) {
      throw new IllegalStateException("SHA-256 refused a 32-byte output buffer", e);
    }
    counter++;
    position = 0;
  }
}
