package org.countersign.log.merkle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.random.RandomGenerator;
import org.countersign.log.Hash;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * The in-memory tree: small-tree facts, then seeded property tests on one tree of about 3.1 million
 * leaves (built once, about 200 MB): at random sizes, roots match a from-scratch computation and
 * random inclusion and consistency proofs verify against those roots.
 */
class MerkleTreeTest {
  private static final int BIG = 3_100_000;
  private static List<Hash> leaves;
  private static MerkleTree big;

  @BeforeAll
  static void build() {
    RandomGenerator rnd = TestTrees.random(2026);
    byte[] entry = new byte[24];
    leaves = new java.util.ArrayList<>(BIG);
    big = new MerkleTree();
    for (int i = 0; i < BIG; i++) {
      rnd.nextBytes(entry);
      Hash leaf = Rfc6962.leafHash(entry);
      leaves.add(leaf);
      assertThat(big.append(leaf)).isEqualTo(i);
    }
  }

  @Test
  void emptyTree_hasEmptyRootAndNoProofs() {
    MerkleTree t = new MerkleTree();
    assertThat(t.size()).isZero();
    assertThat(t.root()).isEqualTo(Hash.EMPTY);
    assertThatThrownBy(() -> t.inclusionProof(0, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> t.root(1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nodes_ofSmallTree_areTheReferenceSubtreeHashes() {
    Reference ref = new Reference(Reference.entries(100));
    MerkleTree t = TestTrees.tree(100);
    for (int level = 0; level <= 6; level++) {
      for (long i = 0; (i + 1) << level <= 100; i++) {
        NodeId node = new NodeId(level, i);
        assertThat(t.node(node)).isEqualTo(ref.mth((int) node.firstLeaf(), (int) node.endLeaf()));
      }
    }
    assertThatThrownBy(() -> t.node(new NodeId(2, 25))).hasMessageContaining("not complete");
    assertThatThrownBy(() -> t.node(new NodeId(7, 0))).hasMessageContaining("not complete");
  }

  @Test
  void proofs_outOfRange_throw() {
    MerkleTree t = TestTrees.tree(10);
    assertThatThrownBy(() -> t.inclusionProof(3, 11)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> t.inclusionProof(10, 10)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> t.consistencyProof(0, 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> t.consistencyProof(4, 11))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void root_atLargeSizes_matchesFromScratchComputation() {
    RandomGenerator rnd = TestTrees.random(1);
    for (int size : new int[] {BIG, (1 << 21) + 1, 1 + rnd.nextInt(BIG)}) {
      assertThat(big.root(size))
          .as("size %d", size)
          .isEqualTo(Rfc6962.rootOf(leaves.subList(0, size)));
    }
    assertThat(big.root()).isEqualTo(big.root(BIG));
  }

  @RepeatedTest(20)
  void proofs_atRandomLargeSizes_verify(RepetitionInfo info) throws Exception {
    RandomGenerator rnd = TestTrees.random(1000 + info.getCurrentRepetition());
    long n = 1 + rnd.nextLong(BIG);
    long m = 1 + rnd.nextLong(n);
    Hash rootN = big.root(n);
    Hash rootM = big.root(m);
    for (int k = 0; k < 50; k++) {
      long index = rnd.nextLong(n);
      InclusionProof proof = big.inclusionProof(index, n);
      ProofVerifier.verifyInclusion(proof, leaves.get((int) index), rootN);
      assertThat(proof.path()).hasSize(ProofVerifier.inclusionPathLength(index, n));
    }
    ProofVerifier.verifyConsistency(big.consistencyProof(m, n), rootM, rootN);
    ProofVerifier.verifyConsistency(big.consistencyProof(n, BIG), rootN, big.root());
    // Tiny and power-of-two old sizes are the edge cases of the algorithm.
    long p = Long.highestOneBit(m);
    ProofVerifier.verifyConsistency(big.consistencyProof(p, n), big.root(p), rootN);
    ProofVerifier.verifyConsistency(big.consistencyProof(1, n), leaves.get(0), rootN);
  }

  @RepeatedTest(10)
  void hashReader_atRandomStorageIndexes_returnsTheNodes(RepetitionInfo info) throws Exception {
    RandomGenerator rnd = TestTrees.random(77 + info.getCurrentRepetition());
    long[] indexes = new long[100];
    for (int i = 0; i < indexes.length; i++) {
      indexes[i] = rnd.nextLong(NodeId.storedHashCount(BIG));
    }
    List<Hash> hashes = big.hashReader().readHashes(indexes);
    for (int i = 0; i < indexes.length; i++) {
      NodeId node = NodeId.fromStorageIndex(indexes[i]);
      Hash expected =
          node.level() == 0
              ? leaves.get((int) node.index())
              : Rfc6962.rootOf(leaves.subList((int) node.firstLeaf(), (int) node.endLeaf()));
      assertThat(hashes.get(i)).isEqualTo(expected);
    }
  }
}
