package org.countersign.log.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.countersign.log.Hash;
import org.countersign.log.ProofException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every consistency pair m <= n <= 64, sampled pairs up to 256 and around powers of two up to 4097:
 * proofs equal the RFC 6962 reference (PROOF/SUBPROOF), verify, and stop verifying when any bit of
 * the proof or of either root flips, or when a size changes.
 */
class ConsistencyExhaustiveTest {
  private static final int MAX = 4097;
  private static MerkleTree tree;
  private static Reference ref;

  @BeforeAll
  static void build() {
    tree = TestTrees.tree(MAX);
    ref = new Reference(Reference.entries(MAX));
  }

  @Test
  void consistencyProof_everyPairTo64_matchesReferenceAndVerifies() throws Exception {
    for (int n = 1; n <= 64; n++) {
      for (int m = 1; m <= n; m++) {
        checkPair(m, n);
      }
    }
  }

  @Test
  void consistencyProof_sampledPairsTo256AndAroundPowersOfTwo_matchReferenceAndVerify()
      throws Exception {
    RandomGenerator rnd = TestTrees.random(99);
    for (int i = 0; i < 3000; i++) {
      int n = 1 + rnd.nextInt(256);
      checkPair(1 + rnd.nextInt(n), n);
    }
    List<Integer> sizes = TestTrees.powerOfTwoNeighbours();
    for (int a : sizes) {
      for (int b : sizes) {
        if (a <= b) {
          checkPair(a, b);
        }
      }
    }
  }

  private static void checkPair(int m, int n) throws ProofException {
    ConsistencyProof proof = tree.consistencyProof(m, n);
    assertThat(proof.path()).as("PROOF(%d, D[%d])", m, n).isEqualTo(ref.proof(m, n));
    assertThat(proof.path()).hasSize(ProofVerifier.consistencyPathLength(m, n));
    ProofVerifier.verifyConsistency(proof, ref.mth(0, m), ref.mth(0, n));
  }

  @Test
  void verifyConsistency_everyBitFlippedTo20_throws() {
    for (int n = 2; n <= 20; n++) {
      for (int m = 1; m < n; m++) {
        ConsistencyProof proof = tree.consistencyProof(m, n);
        Hash r1 = ref.mth(0, m);
        Hash r2 = ref.mth(0, n);
        for (int i = 0; i < proof.path().size(); i++) {
          for (int bit = 0; bit < 256; bit++) {
            Hash flipped = TestTrees.flip(proof.path().get(i), bit);
            assertRejected(
                new ConsistencyProof(m, n, TestTrees.with(proof.path(), i, flipped)), r1, r2);
          }
        }
        for (int bit = 0; bit < 256; bit++) {
          assertRejected(proof, TestTrees.flip(r1, bit), r2);
          assertRejected(proof, r1, TestTrees.flip(r2, bit));
        }
      }
    }
  }

  @Test
  void verifyConsistency_randomBitFlippedInEveryPairTo128_throws() {
    RandomGenerator rnd = TestTrees.random(3);
    for (int n = 33; n <= 128; n++) {
      for (int m = 1; m < n; m++) {
        ConsistencyProof proof = tree.consistencyProof(m, n);
        Hash r1 = ref.mth(0, m);
        Hash r2 = ref.mth(0, n);
        for (int i = 0; i < proof.path().size(); i++) {
          Hash flipped = TestTrees.flip(proof.path().get(i), rnd.nextInt(256));
          assertRejected(
              new ConsistencyProof(m, n, TestTrees.with(proof.path(), i, flipped)), r1, r2);
        }
        assertRejected(proof, TestTrees.flip(r1, rnd.nextInt(256)), r2);
        assertRejected(proof, r1, TestTrees.flip(r2, rnd.nextInt(256)));
      }
    }
  }

  /** A changed size must not verify against the roots of the changed sizes. */
  @Test
  void verifyConsistency_changedSizes_throws() {
    for (int n = 1; n <= 64; n++) {
      for (int m = 1; m <= n; m++) {
        ConsistencyProof proof = tree.consistencyProof(m, n);
        for (int m2 : new int[] {m - 1, m + 1, m * 2, m / 2}) {
          if (m2 != m && m2 >= 0 && m2 <= MAX) {
            assertRejected(
                new ConsistencyProof(m2, n, proof.path()), ref.mth(0, m2), ref.mth(0, n));
          }
        }
        for (int n2 : new int[] {n - 1, n + 1, n * 2, n / 2}) {
          if (n2 != n && n2 >= 0) {
            assertRejected(
                new ConsistencyProof(m, n2, proof.path()), ref.mth(0, m), ref.mth(0, n2));
          }
        }
      }
    }
  }

  @Test
  void verifyConsistency_preconditions_throwNamingTheCheck() {
    Hash r5 = ref.mth(0, 5);
    Hash r8 = ref.mth(0, 8);
    assertThatThrownBy(
            () -> ProofVerifier.verifyConsistency(new ConsistencyProof(8, 5, List.of()), r8, r5))
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("old size 8 is greater than new size 5");
    assertThatThrownBy(
            () ->
                ProofVerifier.verifyConsistency(
                    new ConsistencyProof(0, 5, List.of()), Hash.EMPTY, r5))
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("empty tree");
    assertThatThrownBy(
            () ->
                ProofVerifier.verifyConsistency(
                    new ConsistencyProof(0, 0, List.of()), Hash.EMPTY, Hash.EMPTY))
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("empty tree");
    assertThatThrownBy(
            () -> ProofVerifier.verifyConsistency(new ConsistencyProof(5, 5, List.of(r5)), r5, r5))
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("must be empty, got 1");
    assertThatThrownBy(
            () -> ProofVerifier.verifyConsistency(new ConsistencyProof(5, 5, List.of()), r5, r8))
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("same size 5 have different roots");
    assertThatThrownBy(
            () -> ProofVerifier.verifyConsistency(new ConsistencyProof(5, 8, List.of()), r5, r8))
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("must have 4 hashes, got 0");
    List<Hash> longer = new ArrayList<>(tree.consistencyProof(5, 8).path());
    longer.add(r8);
    assertThatThrownBy(
            () -> ProofVerifier.verifyConsistency(new ConsistencyProof(5, 8, longer), r5, r8))
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("must have 4 hashes, got 5");
  }

  @Test
  void verifyConsistency_equalSizesEqualRoots_accepts() throws Exception {
    Hash r5 = ref.mth(0, 5);
    ProofVerifier.verifyConsistency(new ConsistencyProof(5, 5, List.of()), r5, r5);
  }

  @Test
  void verifyConsistency_wrongRoots_throwNamingWhichRoot() {
    ConsistencyProof proof = tree.consistencyProof(6, 13);
    Hash r6 = ref.mth(0, 6);
    Hash r13 = ref.mth(0, 13);
    assertThatThrownBy(() -> ProofVerifier.verifyConsistency(proof, ref.mth(0, 7), r13))
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("computed old root " + r6);
    assertThatThrownBy(() -> ProofVerifier.verifyConsistency(proof, r6, ref.mth(0, 12)))
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("computed new root " + r13);
  }

  @Test
  void pathLengths_matchReferenceProofs() {
    for (int n = 1; n <= 300; n++) {
      for (int m = 1; m <= n; m++) {
        assertThat(ProofVerifier.consistencyPathLength(m, n)).isEqualTo(ref.proof(m, n).size());
      }
      for (int m = 0; m < n; m++) {
        assertThat(ProofVerifier.inclusionPathLength(m, n)).isEqualTo(ref.path(m, 0, n).size());
      }
    }
    // The largest sizes reach the records' caps exactly: 63 and 64 hashes.
    assertThat(ProofVerifier.inclusionPathLength(0, Long.MAX_VALUE)).isEqualTo(63);
    assertThat(ProofVerifier.consistencyPathLength(3, Long.MAX_VALUE)).isEqualTo(64);
    RandomGenerator rnd = TestTrees.random(64);
    for (int i = 0; i < 100_000; i++) {
      long n = 1 + (rnd.nextLong() >>> 1) % Long.MAX_VALUE;
      long m = 1 + (rnd.nextLong() >>> 1) % n;
      assertThat(ProofVerifier.consistencyPathLength(m, n))
          .isLessThanOrEqualTo(ConsistencyProof.MAX_PATH_LENGTH);
      assertThat(ProofVerifier.inclusionPathLength(m - 1, n))
          .isLessThanOrEqualTo(InclusionProof.MAX_PATH_LENGTH);
    }
  }

  private static void assertRejected(ConsistencyProof proof, Hash r1, Hash r2) {
    try {
      ProofVerifier.verifyConsistency(proof, r1, r2);
    } catch (ProofException expected) {
      return;
    }
    throw new AssertionError("accepted a bad proof: " + proof);
  }
}
