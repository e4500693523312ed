package org.countersign.server.tiles;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.countersign.log.Hash;
import org.countersign.log.merkle.MerkleTree;
import org.countersign.log.tile.Integration;
import org.countersign.log.tile.TileId;
import org.countersign.log.tile.TileIntegrator;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Proofs from tiles that grow batch by batch agree with a reference tree, before and after the
 * right-edge tiles grow, so that the cached subtrees of a narrower tile are never served wrong.
 */
class ProofSourceTest {
  @RepeatedTest(4)
  void inclusionAndConsistency_tilesGrowingInBatches_matchReferenceTree(RepetitionInfo info)
      throws Exception {
    SplittableRandom random = new SplittableRandom(1000 + info.getCurrentRepetition());
    Map<TileId, byte[]> stored = new ConcurrentHashMap<>();
    ProofSource proofs = new ProofSource(key -> Optional.ofNullable(stored.get(key)));
    MerkleTree reference = new MerkleTree();
    long size = 0;
    for (int batch = 0; batch < 25; batch++) {
      int n = random.nextInt(1, batch % 5 == 4 ? 700 : 90);
      List<Hash> leaves = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        leaves.add(Hash.of(b));
        reference.append(leaves.get(i));
      }
      Integration grown =
          TileIntegrator.integrate(
              size,
              id -> {
                byte[] t = stored.get(id.fullTile());
                return t == null || t.length < id.byteLength()
                    ? Optional.empty()
                    : Optional.of(java.util.Arrays.copyOf(t, id.byteLength()));
              },
              leaves);
      for (Map.Entry<TileId, byte[]> t : grown.tilesToWrite().entrySet()) {
        stored.put(t.getKey().fullTile(), t.getValue());
      }
      size += n;
      assertThat(proofs.treeHash(size)).isEqualTo(reference.root());
      for (int k = 0; k < 30; k++) {
        long treeSize = random.nextLong(1, size + 1);
        long index = random.nextLong(treeSize);
        assertThat(proofs.inclusion(index, treeSize).path())
            .as("inclusion of %d in %d", index, treeSize)
            .isEqualTo(reference.inclusionProof(index, treeSize).path());
        long oldSize = random.nextLong(1, treeSize + 1);
        assertThat(proofs.consistency(oldSize, treeSize).path())
            .as("consistency %d -> %d", oldSize, treeSize)
            .isEqualTo(reference.consistencyProof(oldSize, treeSize).path());
      }
      // Every receipt of the batch just integrated, as the submission path asks for them.
      for (long i = size - n; i < size; i++) {
        assertThat(proofs.inclusion(i, size).path())
            .isEqualTo(reference.inclusionProof(i, size).path());
      }
    }
  }
}
