package org.countersign.log.tile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.random.RandomGenerator;
import org.countersign.log.Hash;
import org.countersign.log.merkle.MerkleTree;
import org.countersign.log.merkle.NodeId;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TileMathTest {
  private static final int N = 70_000;
  private static MerkleTree tree;

  @BeforeAll
  static void build() {
    tree = TestTiles.tree(N);
  }

  @Test
  void widths_specExample70000_match() {
    assertThat(TileMath.fullTileCount(0, 70_000)).isEqualTo(273);
    assertThat(TileMath.partialWidth(0, 70_000)).isEqualTo(112);
    assertThat(TileMath.fullTileCount(1, 70_000)).isEqualTo(1);
    assertThat(TileMath.partialWidth(1, 70_000)).isEqualTo(17);
    assertThat(TileMath.fullTileCount(2, 70_000)).isZero();
    assertThat(TileMath.partialWidth(2, 70_000)).isEqualTo(1);
    assertThat(TileMath.levelCount(70_000)).isEqualTo(3);
    assertThat(TileMath.partialTiles(70_000))
        .containsExactly(new TileId(0, 273, 112), new TileId(1, 1, 17), new TileId(2, 0, 1));
  }

  @Test
  void widths_specExample256_oneFullTileAndLevelOnePartial() {
    assertThat(TileMath.fullTileCount(0, 256)).isEqualTo(1);
    assertThat(TileMath.partialWidth(0, 256)).isZero();
    assertThat(TileMath.partialTiles(256)).containsExactly(new TileId(1, 0, 1));
    assertThat(TileMath.levelCount(0)).isZero();
    assertThat(TileMath.partialTiles(0)).isEmpty();
    assertThat(TileMath.levelCount(Long.MAX_VALUE)).isEqualTo(8);
    assertThat(TileMath.hashCount(8, Long.MAX_VALUE)).isZero();
    assertThat(TileMath.hashCount(63, Long.MAX_VALUE)).isZero();
  }

  @Test
  void tile_existingAndMissing() {
    assertThat(TileMath.tile(0, 272, 70_000)).isEqualTo(TileId.full(0, 272));
    assertThat(TileMath.tile(0, 273, 70_000)).isEqualTo(new TileId(0, 273, 112));
    assertThatThrownBy(() -> TileMath.tile(0, 274, 70_000)).hasMessageContaining("no tile");
    assertThatThrownBy(() -> TileMath.tile(3, 0, 70_000)).hasMessageContaining("no tile");
    assertThatThrownBy(() -> TileMath.tile(0, 1, 256)).hasMessageContaining("no tile");
  }

  @Test
  void tileFor_nodes_nameTheTileHoldingThem() {
    assertThat(TileMath.tileFor(new NodeId(0, 1234), 70_000)).isEqualTo(TileId.full(0, 4));
    assertThat(TileMath.tileFor(new NodeId(7, 3), 70_000)).isEqualTo(TileId.full(0, 1));
    assertThat(TileMath.tileFor(new NodeId(8, 3), 70_000)).isEqualTo(TileId.full(1, 0));
    assertThat(TileMath.tileFor(new NodeId(9, 130), 70_000)).isEqualTo(new TileId(1, 1, 17));
    assertThat(TileMath.tileFor(new NodeId(16, 0), 70_000)).isEqualTo(new TileId(2, 0, 1));
    assertThat(TileMath.tileForLeaf(69_999, 70_000)).isEqualTo(new TileId(0, 273, 112));
    assertThatThrownBy(() -> TileMath.tileFor(new NodeId(1, 34_999), 69_999))
        .hasMessageContaining("not complete");
  }

  @Test
  void nodeHash_everyNodeOfSmallTreesAndSampledLarge_matchesTree() {
    Map<TileId, byte[]> tiles = TestTiles.tilesOf(tree, N);
    RandomGenerator rnd = TestTiles.random(4);
    for (int k = 0; k < 20_000; k++) {
      int level = rnd.nextInt(17);
      long count = (long) N >>> level;
      if (count == 0) {
        continue;
      }
      NodeId node = new NodeId(level, rnd.nextLong(count));
      TileId id = TileMath.tileFor(node, N);
      assertThat(TileMath.nodeHash(id, Objects.requireNonNull(tiles.get(id)), node))
          .isEqualTo(tree.node(node));
    }
    TileId t = TileId.full(0, 0);
    assertThatThrownBy(
            () -> TileMath.nodeHash(t, Objects.requireNonNull(tiles.get(t)), new NodeId(0, 256)))
        .hasMessageContaining("does not hold");
    assertThatThrownBy(() -> TileMath.nodeHash(t, new byte[31], new NodeId(0, 0)))
        .hasMessageContaining("must have 8192 bytes");
  }

  @Test
  void rootFromPartialTiles_everySizeTo1100AndSampledTo70000_matchesTreeRoot() {
    RandomGenerator rnd = TestTiles.random(5);
    List<Long> sizes = new ArrayList<>();
    for (long s = 0; s <= 1100; s++) {
      sizes.add(s);
    }
    for (int i = 0; i < 200; i++) {
      sizes.add(rnd.nextLong(N + 1));
    }
    sizes.addAll(List.of(65_535L, 65_536L, 65_537L, 70_000L));
    for (long size : sizes) {
      Map<TileId, byte[]> tiles = TestTiles.tilesOf(tree, size);
      List<byte[]> partials = new ArrayList<>();
      for (TileId id : TileMath.partialTiles(size)) {
        assertThat(tiles).containsKey(id);
        partials.add(tiles.get(id));
      }
      assertThat(TileMath.rootFromPartialTiles(size, partials))
          .as("size %d", size)
          .isEqualTo(tree.root(size));
    }
  }

  @Test
  void tileRoot_fullTile_isTheHashOneLevelUp() {
    Map<TileId, byte[]> tiles = TestTiles.tilesOf(tree, N);
    for (long t = 0; t < 273; t++) {
      assertThat(TileMath.tileRoot(Objects.requireNonNull(tiles.get(TileId.full(0, t)))))
          .isEqualTo(tree.node(new NodeId(8, t)));
    }
    assertThatThrownBy(() -> TileMath.tileRoot(new byte[8191])).hasMessageContaining("8192");
    assertThat(TileMath.rootFromPartialTiles(0, List.of())).isEqualTo(Hash.EMPTY);
    assertThatThrownBy(() -> TileMath.rootFromPartialTiles(5, List.of()))
        .hasMessageContaining("has 1 partial tiles, got 0");
  }
}
