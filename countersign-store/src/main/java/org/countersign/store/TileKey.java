package org.countersign.store;

/**
 * The address of a hash tile, {@code tile/<level>/<index>} in C2SP tlog-tiles.
 *
 * <p>Levels run from 0 to 7: tiles are 256 hashes wide, so a level-8 tile would span 2^64 entries,
 * more than a {@code long} tree size can hold.
 *
 * @param level the tile level, 0 (leaf hashes) to {@link #MAX_LEVEL}
 * @param index the tile's position within its level, {@code >= 0}
 */
public record TileKey(int level, long index) {
  /** The highest level a tile of a tree with a {@code long} size can have. */
  public static final int MAX_LEVEL = 7;

  /** Validates the address. */
  public TileKey {
    if (level < 0 || level > MAX_LEVEL) {
      throw new IllegalArgumentException("tile level must be 0.." + MAX_LEVEL + ", got " + level);
    }
    if (index < 0) {
      throw new IllegalArgumentException("tile index must be >= 0, got " + index);
    }
  }

  @Override
  public String toString() {
    return "tile/" + level + "/" + index;
  }
}
