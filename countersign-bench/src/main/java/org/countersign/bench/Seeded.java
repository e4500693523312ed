package org.countersign.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.countersign.log.Hash;
import org.countersign.log.merkle.Rfc6962;

/** Deterministic benchmark inputs: the same seed gives the same bytes on every machine. */
final class Seeded {
  /** The seed of every benchmark input; fixed so that runs are comparable. */
  static final long SEED = 0x5EED_C0DEL;

  private Seeded() {}

  /** {@code length} pseudo-random bytes from {@code seed}. */
  static byte[] bytes(long seed, int length) {
    byte[] b = new byte[length];
    new SplittableRandom(seed).nextBytes(b);
    return b;
  }

  /**
   * The leaf hashes of {@code n} distinct 64-byte entries, in order. Hashing them is part of the
   * setup, not of the measured work.
   */
  static List<Hash> leafHashes(int n) {
    SplittableRandom random = new SplittableRandom(SEED);
    byte[] entry = new byte[64];
    List<Hash> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      random.nextBytes(entry);
      out.add(Rfc6962.leafHash(entry));
    }
    return out;
  }

  /** The same leaf hashes as {@link #leafHashes}, packed 32 bytes apiece into one array. */
  static byte[] flatten(List<Hash> hashes) {
    byte[] flat = new byte[hashes.size() * Hash.SIZE];
    for (int i = 0; i < hashes.size(); i++) {
      hashes.get(i).copyTo(flat, i * Hash.SIZE);
    }
    return flat;
  }
}
