package org.countersign.log.tile;

import org.countersign.log.MalformedInputException;

/**
 * A hash tile of a C2SP tlog-tiles log (tag {@code tlog-tiles/v0.1.0}): up to 256 consecutive
 * hashes at tile level {@code level}, which are the Merkle tree hashes at tree height {@code 8 *
 * level}. Tile {@code index} holds hashes {@code [index * 256, index * 256 + width)} of its level.
 *
 * <p>A tile of width 256 is full and never changes; a narrower one is partial and exists only for
 * tree sizes that end inside it. Served at {@link #path()}, e.g. {@code tile/0/x001/x234/067} or
 * {@code tile/2/005.p/17}.
 *
 * @param level tile level, 0..63 (0 holds leaf hashes)
 * @param index position of the tile within its level
 * @param width number of hashes, 1..256; 256 means full
 */
public record TileId(int level, long index, int width) implements TileResource {
  /** Hashes per full tile. */
  public static final int FULL_WIDTH = 256;

  /** Tree levels spanned by one tile: each hash of level L+1 is the root of a full tile of L. */
  public static final int HEIGHT = 8;

  /** The highest level a tile path may name. */
  public static final int MAX_LEVEL = 63;

  private static final String PREFIX = "tile/";

  /**
   * @throws IllegalArgumentException if a component is out of range
   */
  public TileId {
    if (level < 0 || level > MAX_LEVEL) {
      throw new IllegalArgumentException("tile level must be 0..63, got " + level);
    }
    if (index < 0) {
      throw new IllegalArgumentException("tile index must not be negative, got " + index);
    }
    if (width < 1 || width > FULL_WIDTH) {
      throw new IllegalArgumentException("tile width must be 1..256, got " + width);
    }
  }

  /** The full tile at {@code level} and {@code index}. */
  public static TileId full(int level, long index) {
    return new TileId(level, index, FULL_WIDTH);
  }

  /**
   * The full tile at this tile's level and index: every partial tile is a prefix of it, so it also
   * names the place where all of this tile's versions are kept.
   */
  public TileId fullTile() {
    return width == FULL_WIDTH ? this : full(level, index);
  }

  /** Whether this tile holds fewer than 256 hashes. */
  @Override
  public boolean isPartial() {
    return width < FULL_WIDTH;
  }

  /** The tile's size in bytes: 32 per hash. */
  public int byteLength() {
    return width * 32;
  }

  @Override
  public long requiredTreeSize() {
    if (level >= 8) {
      return Long.MAX_VALUE; // a level-8 tile spans 2^64 leaves
    }
    long unit = 1L << (8 * level);
    long base;
    if (index == 0) {
      base = 0;
    } else if (level == 7) {
      base = Long.MAX_VALUE; // the second level-7 tile starts at 2^64
    } else {
      base = saturatedMultiply(index, unit << 8);
    }
    return saturatedAdd(base, saturatedMultiply(width, unit));
  }

  private static long saturatedMultiply(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    return (hi != 0 || lo < 0) ? Long.MAX_VALUE : lo;
  }

  private static long saturatedAdd(long a, long b) {
    long r = a + b;
    return r < 0 ? Long.MAX_VALUE : r;
  }

  /** The path relative to the log prefix: {@code tile/<L>/<N>[.p/<W>]}. */
  @Override
  public String path() {
    return PREFIX + level + "/" + TilePaths.encodeIndexAndWidth(index, width);
  }

  /**
   * Parses a hash tile path strictly; {@code format(parse(p)).equals(p)} for every accepted path.
   *
   * @throws MalformedInputException naming the offending part, for anything that is not the one
   *     canonical spelling of a hash tile (entry bundle paths included)
   */
  public static TileId parse(String path) throws MalformedInputException {
    TilePaths.checkLength(path);
    if (!path.startsWith(PREFIX)) {
      throw new MalformedInputException(
          "tile path must start with \"tile/\": " + TilePaths.quote(path));
    }
    int slash = path.indexOf('/', PREFIX.length());
    if (slash < 0) {
      throw new MalformedInputException("tile path has no index: " + TilePaths.quote(path));
    }
    String levelText = path.substring(PREFIX.length(), slash);
    if (levelText.equals("entries")) {
      throw new MalformedInputException(
          "an entry bundle path is not a hash tile path: " + TilePaths.quote(path));
    }
    int level = TilePaths.parseDecimal(levelText, MAX_LEVEL, "tile level", path);
    TilePaths.IndexAndWidth iw = TilePaths.parseIndexAndWidth(path.substring(slash + 1), path);
    return new TileId(level, iw.index(), iw.width());
  }

  @Override
  public String toString() {
    return path();
  }
}
