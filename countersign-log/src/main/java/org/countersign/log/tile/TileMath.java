package org.countersign.log.tile;

import java.util.ArrayList;
import java.util.List;
import org.countersign.log.Hash;
import org.countersign.log.merkle.NodeId;
import org.countersign.log.merkle.Rfc6962;

/**
 * Where things are in a tiled tree. Tile level {@code L} holds the Merkle tree hashes at height
 * {@code 8L}; a tree of size {@code s} has {@code s >> 8L} of them, grouped 256 to a tile, the last
 * group forming the partial tile of width {@code (s >> 8L) mod 256} when that is not zero (C2SP
 * tlog-tiles, "Partial Tiles"). Example: size 70,000 has 273 full level-0 tiles and a level-0
 * partial of width 112, one full level-1 tile and a level-1 partial of width 17, and a level-2
 * partial of width 1.
 *
 * <p>Any complete subtree (a {@link NodeId}) lies inside exactly one tile: the node at height
 * {@code h} is the root of {@code 2^(h mod 8)} consecutive hashes of tile level {@code h / 8}, and
 * is recomputed from them by hashing. The root of the whole tree depends only on the partial tiles,
 * which is how a client checks them against a signed root ({@link #rootFromPartialTiles}).
 */
public final class TileMath {
  private TileMath() {}

  /** The number of hashes at tile level {@code level} in a tree of {@code treeSize} leaves. */
  public static long hashCount(int level, long treeSize) {
    checkLevelAndSize(level, treeSize);
    int shift = TileId.HEIGHT * level;
    return shift >= Long.SIZE ? 0 : treeSize >>> shift;
  }

  /** The number of full tiles at {@code level} in a tree of {@code treeSize} leaves. */
  public static long fullTileCount(int level, long treeSize) {
    return hashCount(level, treeSize) >>> 8;
  }

  /** The width of the partial tile at {@code level}, or 0 if that level has none. */
  public static int partialWidth(int level, long treeSize) {
    return (int) (hashCount(level, treeSize) & 0xff);
  }

  /** The number of tile levels that hold at least one hash: 0 for the empty tree. */
  public static int levelCount(long treeSize) {
    int levels = 0;
    while (levels <= TileId.MAX_LEVEL && hashCount(levels, treeSize) > 0) {
      levels++;
    }
    return levels;
  }

  /** The partial tiles of a tree of {@code treeSize} leaves, lowest level first. */
  public static List<TileId> partialTiles(long treeSize) {
    List<TileId> out = new ArrayList<>();
    for (int level = 0; level < levelCount(treeSize); level++) {
      int w = partialWidth(level, treeSize);
      if (w > 0) {
        out.add(new TileId(level, fullTileCount(level, treeSize), w));
      }
    }
    return out;
  }

  /**
   * The tile at {@code level} and {@code index} as it exists in a tree of {@code treeSize} leaves:
   * full if the tree fills it, else partial with the width the size implies.
   *
   * @throws IllegalArgumentException if the tree has no such tile
   */
  public static TileId tile(int level, long index, long treeSize) {
    long full = fullTileCount(level, treeSize);
    if (index >= 0 && index < full) {
      return TileId.full(level, index);
    }
    int w = partialWidth(level, treeSize);
    if (index == full && w > 0) {
      return new TileId(level, index, w);
    }
    throw new IllegalArgumentException(
        "a tree of size " + treeSize + " has no tile at level " + level + " index " + index);
  }

  /**
   * The tile of the tree of {@code treeSize} leaves from which {@code node} is computed.
   *
   * @throws IllegalArgumentException if the node is not complete in that tree
   */
  public static TileId tileFor(NodeId node, long treeSize) {
    requireComplete(node, treeSize);
    int level = node.level() / TileId.HEIGHT;
    long first = node.index() << (node.level() % TileId.HEIGHT);
    return tile(level, first >>> 8, treeSize);
  }

  /** The level-0 tile of the tree of {@code treeSize} leaves that holds leaf {@code index}. */
  public static TileId tileForLeaf(long index, long treeSize) {
    return tileFor(new NodeId(0, index), treeSize);
  }

  /**
   * The hash of {@code node} computed from the contents of {@code tile}, which must be the tile
   * {@link #tileFor} names (or a wider version of it).
   *
   * @throws IllegalArgumentException if the tile does not hold the node or has the wrong length
   */
  public static Hash nodeHash(TileId tile, byte[] contents, NodeId node) {
    checkContents(tile, contents);
    int inner = node.level() % TileId.HEIGHT;
    long first = node.index() << inner;
    if (node.level() / TileId.HEIGHT != tile.level()
        || (first >>> 8) != tile.index()
        || (first & 0xff) + (1L << inner) > tile.width()) {
      throw new IllegalArgumentException(tile + " does not hold " + node);
    }
    return Rfc6962.rootOf(contents, (int) (first & 0xff) * Hash.SIZE, 1 << inner);
  }

  /**
   * The hash a full tile contributes to the level above: the Merkle tree hash of its 256 hashes.
   *
   * @throws IllegalArgumentException if {@code contents} is not 8,192 bytes
   */
  public static Hash tileRoot(byte[] contents) {
    if (contents.length != TileId.FULL_WIDTH * Hash.SIZE) {
      throw new IllegalArgumentException("a full tile has 8192 bytes, got " + contents.length);
    }
    return Rfc6962.rootOf(contents, 0, TileId.FULL_WIDTH);
  }

  /**
   * The root of the tree of {@code treeSize} leaves, computed from its partial tiles (in the order
   * of {@link #partialTiles}, lowest level first). Every hash of every partial tile enters the
   * root, so a root that matches a signed one authenticates them all.
   *
   * @throws IllegalArgumentException if the number or lengths of the tiles do not fit the size
   */
  public static Hash rootFromPartialTiles(long treeSize, List<byte[]> partialContents) {
    List<TileId> ids = partialTiles(treeSize);
    if (ids.size() != partialContents.size()) {
      throw new IllegalArgumentException(
          "a tree of size "
              + treeSize
              + " has "
              + ids.size()
              + " partial tiles, got "
              + partialContents.size());
    }
    if (ids.isEmpty()) {
      return Hash.EMPTY;
    }
    // Left to right, the tree's complete subtrees are: at the highest level first, one per set bit
    // of that level's partial width, from the largest; then the same one level down, and so on.
    List<Hash> subtrees = new ArrayList<>(64);
    for (int t = ids.size() - 1; t >= 0; t--) {
      TileId id = ids.get(t);
      byte[] contents = partialContents.get(t);
      checkContents(id, contents);
      int offset = 0;
      for (int bit = TileId.HEIGHT - 1; bit >= 0; bit--) {
        if ((id.width() & (1 << bit)) != 0) {
          subtrees.add(Rfc6962.rootOf(contents, offset * Hash.SIZE, 1 << bit));
          offset += 1 << bit;
        }
      }
    }
    Hash acc = subtrees.get(subtrees.size() - 1);
    for (int i = subtrees.size() - 2; i >= 0; i--) {
      acc = Rfc6962.nodeHash(subtrees.get(i), acc);
    }
    return acc;
  }

  static void checkContents(TileId id, byte[] contents) {
    if (contents.length != id.byteLength()) {
      throw new IllegalArgumentException(
          id + " must have " + id.byteLength() + " bytes, got " + contents.length);
    }
  }

  private static void requireComplete(NodeId node, long treeSize) {
    if (node.endLeaf() > treeSize) {
      throw new IllegalArgumentException(node + " is not complete in a tree of size " + treeSize);
    }
  }

  private static void checkLevelAndSize(int level, long treeSize) {
    if (level < 0 || level > TileId.MAX_LEVEL) {
      throw new IllegalArgumentException("tile level must be 0..63, got " + level);
    }
    if (treeSize < 0) {
      throw new IllegalArgumentException("tree size must not be negative, got " + treeSize);
    }
  }
}
