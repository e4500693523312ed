package org.countersign.server.tiles;

import java.util.Objects;
import org.countersign.log.Hash;
import org.countersign.log.merkle.Rfc6962;

/**
 * Every complete, aligned subtree hash inside one hash tile: the tile's own hashes (height 0),
 * their pairs (height 1), and so on up to the tile's root (height 8, for a full tile).
 *
 * <p>A proof step that lands inside a tile needs the root of {@code 2^r} consecutive, aligned
 * hashes of that tile; computing it on demand costs up to 255 SHA-256 calls, and every receipt of a
 * batch asks for the same few nodes of the same right-edge tiles. Building all of them once, in
 * about {@code width} SHA-256 calls, makes each later node a lookup.
 *
 * <p>Valid for any tree size the tile's bytes cover: a complete subtree never changes once its
 * leaves exist, and a wider version of a tile extends a narrower one (the store's prefix rule).
 * Immutable and thread-safe once built.
 */
final class TileSubtrees {
  /** Height of a full tile's root: 2^8 = 256 hashes. */
  static final int HEIGHT = 8;

  private final int width;
  // levels[r] holds floor(width / 2^r) hashes, each the root of an aligned run of 2^r tile hashes.
  private final byte[][] levels;

  private TileSubtrees(int width, byte[][] levels) {
    this.width = width;
    this.levels = levels;
  }

  /**
   * Builds the subtrees of {@code tile} (1 to 256 hashes). The tile array is kept, not copied: the
   * caller MUST NOT modify it (tile arrays are shared read-only throughout the read path).
   *
   * @throws IllegalArgumentException if the tile is empty, over 256 hashes or not whole hashes
   */
  static TileSubtrees of(byte[] tile) {
    Objects.requireNonNull(tile, "tile");
    if (tile.length == 0 || tile.length % Hash.SIZE != 0 || tile.length > 256 * Hash.SIZE) {
      throw new IllegalArgumentException(
          "a hash tile holds 1..256 hashes, got " + tile.length + " bytes");
    }
    int width = tile.length / Hash.SIZE;
    byte[][] levels = new byte[HEIGHT + 1][];
    levels[0] = tile;
    for (int r = 1; r <= HEIGHT; r++) {
      int n = width >>> r;
      byte[] below = levels[r - 1];
      byte[] level = new byte[n * Hash.SIZE];
      for (int j = 0; j < n; j++) {
        Rfc6962.nodeHash(
            below, 2 * j * Hash.SIZE, below, (2 * j + 1) * Hash.SIZE, level, j * Hash.SIZE);
      }
      levels[r] = level;
    }
    return new TileSubtrees(width, levels);
  }

  /** The number of hashes in the tile these subtrees were built from. */
  int width() {
    return width;
  }

  /** Whether the subtree of height {@code r} at position {@code j} lies within this width. */
  boolean covers(int r, int j) {
    return r >= 0 && r <= HEIGHT && j >= 0 && ((long) j + 1) << r <= width;
  }

  /**
   * The root of the {@code j}-th aligned run of {@code 2^r} tile hashes.
   *
   * @throws IllegalArgumentException unless {@link #covers(int, int)}
   */
  Hash node(int r, int j) {
    if (!covers(r, j)) {
      throw new IllegalArgumentException(
          "subtree (" + r + ", " + j + ") is not complete in a tile of " + width + " hashes");
    }
    return Hash.of(levels[r], j * Hash.SIZE);
  }

  /** Approximate memory held, for the cache budget: about twice the tile. */
  int byteSize() {
    int total = 0;
    for (byte[] l : levels) {
      total += l.length;
    }
    return total + 64;
  }
}
