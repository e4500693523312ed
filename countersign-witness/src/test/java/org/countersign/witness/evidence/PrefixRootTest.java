package org.countersign.witness.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.countersign.log.Hash;
import org.countersign.log.ProofException;
import org.countersign.log.merkle.NodeId;
import org.countersign.testing.TestLog;
import org.junit.jupiter.api.Test;

class PrefixRootTest {
  /**
   * For every pair of sizes up to 70, a real (seeded where needed) proof yields the real prefix.
   */
  @Test
  void compute_everyPairUpTo70_givesTheTreesPrefixRoot() throws Exception {
    TestLog log = TestLog.main().growTo(70);
    for (long n = 2; n <= 70; n++) {
      for (long m = 1; m < n; m++) {
        List<Hash> proof = seeded(log, m, n);
        assertThat(PrefixRoot.compute(m, n, proof, log.root(n)))
            .as("m=%d n=%d", m, n)
            .isEqualTo(log.root(m));
      }
    }
  }

  @Test
  void compute_proofOfAForkedTree_givesTheForksPrefixNotTheOriginal() throws Exception {
    TestLog log = TestLog.main().growTo(40);
    TestLog fork = TestLog.forkAfter(10).growTo(40);
    Hash prefix = PrefixRoot.compute(13, 40, seeded(fork, 13, 40), fork.root(40));
    assertThat(prefix).isEqualTo(fork.root(13)).isNotEqualTo(log.root(13));
  }

  @Test
  void compute_flippedHash_doesNotReproduceNewRoot() {
    TestLog log = TestLog.main().growTo(40);
    List<Hash> proof = new ArrayList<>(seeded(log, 13, 40));
    for (int i = 0; i < proof.size(); i++) {
      List<Hash> t = new ArrayList<>(proof);
      byte[] b = t.get(i).bytes();
      b[7] ^= 0x40;
      t.set(i, Hash.of(b));
      assertThatThrownBy(() -> PrefixRoot.compute(13, 40, t, log.root(40)))
          .isInstanceOf(ProofException.class);
    }
  }

  @Test
  void compute_wrongLengthOrSizes_throws() {
    TestLog log = TestLog.main().growTo(40);
    List<Hash> proof = seeded(log, 13, 40);
    assertThatThrownBy(
            () -> PrefixRoot.compute(13, 40, proof.subList(0, proof.size() - 1), log.root(40)))
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("too short");
    List<Hash> longer = new ArrayList<>(proof);
    longer.add(Hash.EMPTY);
    assertThatThrownBy(() -> PrefixRoot.compute(13, 40, longer, log.root(40)))
        .isInstanceOf(ProofException.class)
        .hasMessageContaining("too long");
    assertThatThrownBy(() -> PrefixRoot.compute(0, 40, proof, log.root(40)))
        .isInstanceOf(ProofException.class);
    assertThatThrownBy(() -> PrefixRoot.compute(40, 40, proof, log.root(40)))
        .isInstanceOf(ProofException.class);
  }

  private static List<Hash> seeded(TestLog log, long m, long n) {
    List<Hash> proof = new ArrayList<>();
    if (PrefixRoot.seeded(m)) {
      proof.add(log.tree().node(new NodeId(Long.numberOfTrailingZeros(m), 0)));
    }
    proof.addAll(log.proof(m, n));
    return proof;
  }
}
