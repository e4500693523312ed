package org.countersign.treaty.escrow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.countersign.log.Hash;
import org.countersign.log.merkle.InclusionProof;
import org.countersign.log.merkle.ProofVerifier;
import org.countersign.log.merkle.Rfc6962;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The flat escrow tree against the log module's RFC 6962 root and proof verifier. */
class CommitmentTreeTest {

  static Stream<Integer> sizes() {
    return Stream.concat(
        IntStream.rangeClosed(1, 70).boxed(), Stream.of(127, 128, 129, 255, 256, 257, 1000));
  }

  @ParameterizedTest
  @MethodSource("sizes")
  void build_everySize_rootAndEveryProofMatchRfc6962(int n) throws Exception {
    List<Hash> leaves = new ArrayList<>();
    byte[] flat = new byte[n * Hash.SIZE];
    for (int i = 0; i < n; i++) {
      Hash leaf = Rfc6962.leafHash(new byte[] {(byte) i, (byte) (i >>> 8)});
      leaves.add(leaf);
      leaf.copyTo(flat, i * Hash.SIZE);
    }
    CommitmentTree tree = CommitmentTree.build(flat, n);
    assertThat(tree.root()).isEqualTo(Rfc6962.rootOf(leaves));
    for (int i = 0; i < n; i++) {
      var proof = new InclusionProof(i, n, tree.inclusionPath(i));
      Hash leaf = leaves.get(i);
      assertThatCode(() -> ProofVerifier.verifyInclusion(proof, leaf, tree.root()))
          .doesNotThrowAnyException();
    }
  }
}
