package org.countersign.log.tile;

import org.countersign.log.MalformedInputException;

/**
 * An entry bundle of a C2SP tlog-tiles log: entries {@code [index * 256, index * 256 + width)},
 * served at {@code tile/entries/<N>[.p/<W>]}. Its entries hash (RFC 6962 leaf hash) to the hashes
 * of level-0 tile {@code index} of the same width.
 *
 * @param index position of the bundle
 * @param width number of entries, 1..256; 256 means full
 */
public record EntryBundleId(long index, int width) implements TileResource {
  private static final String PREFIX = "tile/entries/";

  /**
   * @throws IllegalArgumentException if a component is out of range
   */
  public EntryBundleId {
    if (index < 0) {
      throw new IllegalArgumentException("bundle index must not be negative, got " + index);
    }
    if (width < 1 || width > TileId.FULL_WIDTH) {
      throw new IllegalArgumentException("bundle width must be 1..256, got " + width);
    }
  }

  /** Whether this bundle holds fewer than 256 entries. */
  @Override
  public boolean isPartial() {
    return width < TileId.FULL_WIDTH;
  }

  /** The level-0 hash tile whose hashes are this bundle's leaf hashes. */
  public TileId leafTile() {
    return new TileId(0, index, width);
  }

  /** The same tree size as the level-0 tile of its leaf hashes. */
  @Override
  public long requiredTreeSize() {
    return leafTile().requiredTreeSize();
  }

  /** The path relative to the log prefix: {@code tile/entries/<N>[.p/<W>]}. */
  @Override
  public String path() {
    return PREFIX + TilePaths.encodeIndexAndWidth(index, width);
  }

  /**
   * Parses an entry bundle path strictly; {@code parse(p).path().equals(p)} for every accepted
   * path.
   *
   * @throws MalformedInputException naming the offending part
   */
  public static EntryBundleId parse(String path) throws MalformedInputException {
    TilePaths.checkLength(path);
    if (!path.startsWith(PREFIX)) {
      throw new MalformedInputException(
          "entry bundle path must start with \"tile/entries/\": " + TilePaths.quote(path));
    }
    TilePaths.IndexAndWidth iw =
        TilePaths.parseIndexAndWidth(path.substring(PREFIX.length()), path);
    return new EntryBundleId(iw.index(), iw.width());
  }

  @Override
  public String toString() {
    return path();
  }
}
