package org.countersign.log.tile;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.countersign.log.Hash;
import org.countersign.log.merkle.MerkleTree;
import org.countersign.log.merkle.NodeId;
import org.countersign.log.merkle.Rfc6962;

/** Expected tiles computed straight from the definition over an in-memory tree. */
final class TestTiles {
  private TestTiles() {}

  static RandomGenerator random(long seed) {
    return RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
  }

  static byte[] entry(long i) {
    return ("tile test entry " + i + "/" + "y".repeat((int) (i % 17)))
        .getBytes(StandardCharsets.UTF_8);
  }

  /** A tree over {@link #entry}. */
  static MerkleTree tree(long n) {
    MerkleTree t = new MerkleTree();
    for (long i = 0; i < n; i++) {
      t.append(Rfc6962.leafHash(entry(i)));
    }
    return t;
  }

  /**
   * Every tile of the tree of {@code size} leaves, by the spec's definition: tile n of level l
   * holds MTH of the ranges of 256^l leaves starting at (n * 256 + i) * 256^l, i.e. the tree's node
   * hashes at height 8l.
   */
  static Map<TileId, byte[]> tilesOf(MerkleTree tree, long size) {
    Map<TileId, byte[]> tiles = new LinkedHashMap<>();
    for (int level = 0; (size >>> (8 * level)) > 0; level++) {
      long count = size >>> (8 * level);
      for (long t = 0; t * 256 < count; t++) {
        int width = (int) Math.min(256, count - t * 256);
        byte[] contents = new byte[width * Hash.SIZE];
        for (int i = 0; i < width; i++) {
          tree.node(new NodeId(8 * level, t * 256 + i)).copyTo(contents, i * Hash.SIZE);
        }
        tiles.put(new TileId(level, t, width), contents);
      }
    }
    return tiles;
  }

  /** One tile of the tree, by the same definition. */
  static byte[] tileOf(MerkleTree tree, TileId id) {
    byte[] contents = new byte[id.width() * Hash.SIZE];
    for (int i = 0; i < id.width(); i++) {
      tree.node(new NodeId(8 * id.level(), id.index() * 256 + i)).copyTo(contents, i * Hash.SIZE);
    }
    return contents;
  }

  /** Tiles and entry bundles of the tree of {@code size} leaves, by path, as a log serves them. */
  static Map<String, byte[]> servedLog(MerkleTree tree, long size) {
    Map<String, byte[]> served = new LinkedHashMap<>();
    tilesOf(tree, size).forEach((id, contents) -> served.put(id.path(), contents));
    for (long b = 0; b * 256 < size; b++) {
      int width = (int) Math.min(256, size - b * 256);
      java.util.List<byte[]> entries = new java.util.ArrayList<>();
      for (int i = 0; i < width; i++) {
        entries.add(entry(b * 256 + i));
      }
      served.put(new EntryBundleId(b, width).path(), EntryBundle.encode(entries));
    }
    return served;
  }
}
