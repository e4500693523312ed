package org.countersign.log.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.random.RandomGenerator;
import org.countersign.log.Hash;
import org.countersign.log.ProofException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every leaf of every tree up to 256 leaves, and sampled leaves of trees of 2^k ± 1 leaves up to
 * 4097: roots and inclusion proofs equal the RFC 6962 reference, verify, and stop verifying when
 * any bit of the proof, the leaf hash or the root flips, or when the index or size changes.
 */
class InclusionExhaustiveTest {
  private static final int MAX = 4097;
  private static MerkleTree tree;
  private static Reference ref;

  @BeforeAll
  static void build() {
    tree = TestTrees.tree(MAX);
    ref = new Reference(Reference.entries(MAX));
  }

  @Test
  void root_everySizeTo256AndNeighboursOfPowersOfTwo_matchesReference() throws Exception {
    List<Hash> leaves = TestTrees.leafHashes(MAX);
    for (int n = 0; n <= MAX; n++) {
      if (n > 256 && !TestTrees.powerOfTwoNeighbours().contains(n)) {
        continue;
      }
      Hash expected = ref.mth(0, n);
      assertThat(Rfc6962.rootOf(leaves.subList(0, n))).as("rootOf size %d", n).isEqualTo(expected);
      assertThat(tree.root(n)).as("tree root size %d", n).isEqualTo(expected);
      assertThat(Proofs.treeHash(n, tree.hashReader())).as("treeHash %d", n).isEqualTo(expected);
    }
  }

  @Test
  void inclusionProof_everyLeafOfEveryTreeTo256_matchesReferenceAndVerifies() throws Exception {
    for (int n = 1; n <= 256; n++) {
      Hash root = ref.mth(0, n);
      for (int m = 0; m < n; m++) {
        checkLeaf(m, n, root);
      }
    }
  }

  @Test
  void inclusionProof_sampledLeavesOfPowerOfTwoNeighbours_matchReferenceAndVerify()
      throws Exception {
    RandomGenerator rnd = TestTrees.random(20240601);
    for (int n : TestTrees.powerOfTwoNeighbours()) {
      Hash root = ref.mth(0, n);
      for (int m : new int[] {0, 1 % n, n / 2, n - 2 < 0 ? 0 : n - 2, n - 1}) {
        checkLeaf(m, n, root);
      }
      for (int i = 0; i < 24; i++) {
        checkLeaf(rnd.nextInt(n), n, root);
      }
    }
  }

  private static void checkLeaf(int m, int n, Hash root) throws ProofException {
    InclusionProof proof = tree.inclusionProof(m, n);
    assertThat(proof.path()).as("PATH(%d, D[%d])", m, n).isEqualTo(ref.path(m, 0, n));
    assertThat(proof.path()).hasSize(ProofVerifier.inclusionPathLength(m, n));
    ProofVerifier.verifyInclusion(proof, ref.leaf(m), root);
    assertThat(ProofVerifier.rootFromInclusion(proof, ref.leaf(m))).isEqualTo(root);
  }

  /**
   * Every bit of every proof hash and of the leaf hash, for every leaf of every tree up to 48
   * leaves. The root is computed without exceptions ({@link ProofVerifier#rootFromInclusion}, which
   * {@code verifyInclusion} compares with the expected root) so that 1.7 million cases stay fast;
   * trees up to 8 leaves also go through {@code verifyInclusion} itself.
   */
  @Test
  void verifyInclusion_everyBitFlippedInTreesTo48_throws() throws ProofException {
    for (int n = 1; n <= 48; n++) {
      Hash root = ref.mth(0, n);
      for (int m = 0; m < n; m++) {
        InclusionProof proof = tree.inclusionProof(m, n);
        Hash leaf = ref.leaf(m);
        for (int i = 0; i < proof.path().size(); i++) {
          for (int bit = 0; bit < 256; bit++) {
            InclusionProof bad =
                new InclusionProof(
                    m,
                    n,
                    TestTrees.with(proof.path(), i, TestTrees.flip(proof.path().get(i), bit)));
            assertRootDiffers(bad, leaf, root);
            if (n <= 8) {
              assertRejected(bad, leaf, root);
            }
          }
        }
        for (int bit = 0; bit < 256; bit++) {
          assertRootDiffers(proof, TestTrees.flip(leaf, bit), root);
          if (n <= 8) {
            assertRejected(proof, TestTrees.flip(leaf, bit), root);
            assertRejected(proof, leaf, TestTrees.flip(root, bit));
          }
        }
      }
    }
  }

  @Test
  void verifyInclusion_randomBitsFlippedInEveryProofTo256_throws() throws ProofException {
    RandomGenerator rnd = TestTrees.random(7);
    for (int n = 49; n <= 256; n++) {
      Hash root = ref.mth(0, n);
      for (int m = 0; m < n; m++) {
        InclusionProof proof = tree.inclusionProof(m, n);
        Hash leaf = ref.leaf(m);
        for (int i = 0; i < proof.path().size(); i++) {
          for (int k = 0; k < 4; k++) {
            Hash flipped = TestTrees.flip(proof.path().get(i), rnd.nextInt(256));
            assertRootDiffers(
                new InclusionProof(m, n, TestTrees.with(proof.path(), i, flipped)), leaf, root);
          }
        }
        assertRootDiffers(proof, TestTrees.flip(leaf, rnd.nextInt(256)), root);
        assertRejected(proof, leaf, TestTrees.flip(root, rnd.nextInt(256)));
      }
    }
  }

  private static void assertRootDiffers(InclusionProof proof, Hash leaf, Hash root)
      throws ProofException {
    if (ProofVerifier.rootFromInclusion(proof, leaf).equals(root)) {
      throw new AssertionError("a changed proof still gives the root: " + proof);
    }
  }

  @Test
  void verifyInclusion_changedIndex_throws() {
    for (int n = 1; n <= 256; n++) {
      Hash root = ref.mth(0, n);
      for (int m = 0; m < n; m++) {
        InclusionProof proof = tree.inclusionProof(m, n);
        Hash leaf = ref.leaf(m);
        long[] others =
            n <= 64
                ? new long[] {m - 1L, m + 1L, m ^ 1L, m ^ 2L, m + n, 2L * m + 1}
                : new long[] {m - 1L, m + 1L};
        for (long m2 : others) {
          if (m2 >= 0 && m2 != m) {
            assertRejected(new InclusionProof(m2, n, proof.path()), leaf, root);
          }
        }
      }
    }
  }

  /**
   * A changed size must not verify against the root of that size. (Against the original root it
   * can: leaf 0's proof in a tree of 3 leaves hashes exactly like leaf 0's in a tree of 4, because
   * RFC 9162 binds the size only through the signed checkpoint that pairs it with its root. Callers
   * must therefore take size and root from the same verified checkpoint.)
   */
  @Test
  void verifyInclusion_changedSize_throwsAgainstThatSizesRoot() {
    for (int n = 1; n <= 256; n++) {
      for (int m = 0; m < n; m++) {
        InclusionProof proof = tree.inclusionProof(m, n);
        Hash leaf = ref.leaf(m);
        for (long n2 : new long[] {n - 1L, n + 1L, 2L * n, n / 2, n + 256L}) {
          if (n2 >= 0 && n2 != n) {
            Hash root2 = n2 <= MAX ? ref.mth(0, (int) n2) : Hash.EMPTY;
            assertRejected(new InclusionProof(m, n2, proof.path()), leaf, root2);
          }
        }
        assertRejected(new InclusionProof(m, Long.MAX_VALUE, proof.path()), leaf, ref.mth(0, n));
      }
    }
  }

  @Test
  void verifyInclusion_extraOrMissingHash_throwsNamingTheLength() {
    InclusionProof proof = tree.inclusionProof(5, 13);
    Hash leaf = ref.leaf(5);
    Hash root = ref.mth(0, 13);
    List<Hash> longer = new java.util.ArrayList<>(proof.path());
    longer.add(root);
    assertThatThrownBy(
            () -> ProofVerifier.verifyInclusion(new InclusionProof(5, 13, longer), leaf, root))
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("must have 4 hashes, got 5");
    assertThatThrownBy(
            () ->
                ProofVerifier.verifyInclusion(
                    new InclusionProof(5, 13, proof.path().subList(0, 3)), leaf, root))
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("must have 4 hashes, got 3");
  }

  @Test
  void verifyInclusion_indexNotBelowSize_throwsNamingBoth() {
    assertThatThrownBy(
            () ->
                ProofVerifier.verifyInclusion(
                    new InclusionProof(7, 7, List.of()), ref.leaf(0), ref.leaf(0)))
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("leaf index 7 is not below tree size 7");
    assertThatThrownBy(
            () ->
                ProofVerifier.verifyInclusion(
                    new InclusionProof(0, 0, List.of()), ref.leaf(0), Hash.EMPTY))
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("not below tree size 0");
  }

  @Test
  void verifyInclusion_wrongRoot_throwsNamingBothRoots() {
    InclusionProof proof = tree.inclusionProof(3, 10);
    Hash wrong = ref.mth(0, 9);
    assertThatThrownBy(() -> ProofVerifier.verifyInclusion(proof, ref.leaf(3), wrong))
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("does not match expected root " + wrong)
        .hasMessageContaining("computed root " + ref.mth(0, 10));
  }

  /** Fails unless verification throws (a plain try/catch: this runs a million times). */
  private static void assertRejected(InclusionProof proof, Hash leaf, Hash root) {
    try {
      ProofVerifier.verifyInclusion(proof, leaf, root);
    } catch (ProofException expected) {
      return;
    }
    throw new AssertionError(
        "accepted a bad proof: index " + proof.index() + " size " + proof.treeSize() + " " + proof);
  }
}
