package org.countersign.log.tile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;
import org.countersign.log.Hash;
import org.countersign.log.merkle.MerkleTree;
import org.countersign.log.merkle.Rfc6962;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * The integrator against an in-memory tree: after every batch the root equals the tree's, the
 * written tiles are exactly the spec's tiles of the new size, and reads stay within one per level.
 */
class TileIntegratorTest {
  /** A log's tile storage in memory, counting reads. */
  private static final class Store implements TileReader {
    final Map<TileId, byte[]> tiles = new HashMap<>();
    final AtomicInteger reads = new AtomicInteger();

    @Override
    public Optional<byte[]> read(TileId id) {
      reads.incrementAndGet();
      byte[] t = tiles.get(id);
      return Optional.ofNullable(t == null ? null : t.clone());
    }
  }

  private static List<Hash> leaves(long from, int count) {
    List<Hash> out = new ArrayList<>(count);
    for (long i = from; i < from + count; i++) {
      out.add(Rfc6962.leafHash(TestTiles.entry(i)));
    }
    return out;
  }

  /** Integrates one batch and checks everything against the reference tree. */
  private static void step(Store store, MerkleTree tree, int batch) throws IOException {
    long oldSize = tree.size();
    List<Hash> hashes = leaves(oldSize, batch);
    hashes.forEach(tree::append);
    store.reads.set(0);
    Integration result = TileIntegrator.integrate(oldSize, store, hashes);
    long newSize = tree.size();
    assertThat(result.newSize()).isEqualTo(newSize);
    assertThat(result.newRoot()).as("root at size %d", newSize).isEqualTo(tree.root());
    assertThat(store.reads.get()).isLessThanOrEqualTo(Math.max(1, TileMath.levelCount(newSize)));
    for (Map.Entry<TileId, byte[]> e : result.tilesToWrite().entrySet()) {
      TileId id = e.getKey();
      assertThat(TileMath.tile(id.level(), id.index(), newSize))
          .as("written tile exists")
          .isEqualTo(id);
      assertThat(e.getValue()).as("tile %s", id).isEqualTo(TestTiles.tileOf(tree, id));
    }
    // A non-empty batch always rewrites the level-0 edge; higher levels change only when a tile
    // below them fills.
    if (batch > 0) {
      assertThat(result.tilesToWrite()).containsKey(TileMath.tileForLeaf(newSize - 1, newSize));
    } else {
      assertThat(result.tilesToWrite()).isEmpty();
    }
    store.tiles.putAll(result.tilesToWrite());
    for (TileId id : TileMath.partialTiles(newSize)) {
      assertThat(store.tiles.get(id)).as("stored %s", id).isEqualTo(TestTiles.tileOf(tree, id));
    }
  }

  /** Afterwards the store holds exactly the spec's tiles of the final size, full ones included. */
  private static void checkAllTiles(Store store, MerkleTree tree) {
    for (Map.Entry<TileId, byte[]> e : TestTiles.tilesOf(tree, tree.size()).entrySet()) {
      assertThat(store.tiles.get(e.getKey())).as("stored %s", e.getKey()).isEqualTo(e.getValue());
    }
  }

  @Test
  void integrate_oneLeafAtATimeTo600_everySizeMatches() throws IOException {
    Store store = new Store();
    MerkleTree tree = new MerkleTree();
    for (int i = 0; i < 600; i++) {
      step(store, tree, 1);
    }
    checkAllTiles(store, tree);
  }

  @RepeatedTest(6)
  void integrate_randomBatches_matchTree(RepetitionInfo info) throws IOException {
    RandomGenerator rnd = TestTiles.random(300 + info.getCurrentRepetition());
    Store store = new Store();
    MerkleTree tree = new MerkleTree();
    while (tree.size() < 75_000) {
      int batch =
          switch (rnd.nextInt(6)) {
            case 0 -> 0;
            case 1 -> 1 + rnd.nextInt(3);
            case 2 -> 256 * (1 + rnd.nextInt(3)) - rnd.nextInt(2);
            case 3 -> 1 + rnd.nextInt(300);
            default -> 1 + rnd.nextInt(5000);
          };
      step(store, tree, batch);
    }
    checkAllTiles(store, tree);
  }

  @Test
  void integrate_crossesLevelTwoInOneBatch() throws IOException {
    Store store = new Store();
    MerkleTree tree = new MerkleTree();
    step(store, tree, 65_535);
    step(store, tree, 1);
    step(store, tree, 65_537);
    checkAllTiles(store, tree);
    assertThat(TileMath.levelCount(tree.size())).isEqualTo(3);
  }

  @Test
  void integrate_emptyBatch_changesNothing() throws IOException {
    Store store = new Store();
    Integration empty = TileIntegrator.integrate(0, store, List.of());
    assertThat(empty.newSize()).isZero();
    assertThat(empty.newRoot()).isEqualTo(Hash.EMPTY);
    assertThat(empty.tilesToWrite()).isEmpty();
    MerkleTree tree = new MerkleTree();
    step(store, tree, 1000);
    Integration again = TileIntegrator.integrate(1000, store, List.of());
    assertThat(again.newRoot()).isEqualTo(tree.root());
    assertThat(again.tilesToWrite()).isEmpty();
  }

  @Test
  void integrate_missingPartialTile_throwsNamingIt() {
    Store store = new Store();
    assertThatThrownBy(() -> TileIntegrator.integrate(300, store, leaves(300, 5)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("tile/0/001.p/44");
  }

  @Test
  void integrate_wrongLengthTile_throws() {
    Store store = new Store();
    store.tiles.put(new TileId(0, 0, 3), new byte[95]);
    assertThatThrownBy(() -> TileIntegrator.integrate(3, store, leaves(3, 1)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("has 95 bytes, expected 96");
  }

  @Test
  void integrate_badArguments_throw() {
    Store store = new Store();
    assertThatThrownBy(() -> TileIntegrator.integrate(-1, store, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TileIntegrator.integrate(Long.MAX_VALUE, store, leaves(0, 1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
