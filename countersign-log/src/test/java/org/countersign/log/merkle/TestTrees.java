package org.countersign.log.merkle;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.countersign.log.Hash;

/** Shared fixtures: the test entries' tree, bit flips, seeded randomness. */
final class TestTrees {
  private TestTrees() {}

  /** A seeded generator: every run sees the same "random" cases. */
  static RandomGenerator random(long seed) {
    return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
  }

  /** A tree of {@code n} leaves over {@link Reference#entry}. */
  static MerkleTree tree(int n) {
    MerkleTree t = new MerkleTree();
    for (int i = 0; i < n; i++) {
      t.append(Rfc6962.leafHash(Reference.entry(i)));
    }
    return t;
  }

  static List<Hash> leafHashes(int n) {
    List<Hash> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(Rfc6962.leafHash(Reference.entry(i)));
    }
    return out;
  }

  /** {@code h} with bit {@code bit} (0..255) inverted. */
  static Hash flip(Hash h, int bit) {
    byte[] b = h.bytes();
    b[bit >>> 3] ^= (byte) (1 << (bit & 7));
    return Hash.of(b);
  }

  /** {@code path} with element {@code i} replaced by {@code h}. */
  static List<Hash> with(List<Hash> path, int i, Hash h) {
    List<Hash> copy = new ArrayList<>(path);
    copy.set(i, h);
    return copy;
  }

  /** Sizes 2^k - 1, 2^k and 2^k + 1 for k = 1..12 (up to 4097). */
  static List<Integer> powerOfTwoNeighbours() {
    List<Integer> out = new ArrayList<>();
    for (int k = 1; k <= 12; k++) {
      for (int d = -1; d <= 1; d++) {
        int n = (1 << k) + d;
        if (n >= 1 && !out.contains(n)) {
          out.add(n);
        }
      }
    }
    return out;
  }
}
