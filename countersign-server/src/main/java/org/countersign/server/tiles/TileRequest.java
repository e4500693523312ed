package org.countersign.server.tiles;

import java.util.Optional;
import org.countersign.log.MalformedInputException;
import org.countersign.log.tile.EntryBundleId;
import org.countersign.log.tile.TileId;

/**
 * A requested C2SP tlog-tiles resource: a hash tile {@code tile/<L>/<N>[.p/<W>]} or an entry bundle
 * {@code tile/entries/<N>[.p/<W>]}, parsed strictly by the log core ({@link TileId#parse}, {@link
 * EntryBundleId#parse}) so that every resource has exactly one URL and one cache key.
 *
 * @param level the tile level, or {@link #ENTRIES} for an entry bundle
 * @param index the tile index {@code N}
 * @param width hashes or entries: 256 for a full tile, else 1..255
 */
public record TileRequest(int level, long index, int width) {
  /** Level value that marks an entry bundle. */
  public static final int ENTRIES = -1;

  /** The width of a full tile or bundle. */
  public static final int FULL = 256;

  /** Whether this is an entry bundle rather than a hash tile. */
  public boolean isEntries() {
    return level == ENTRIES;
  }

  /** Whether this names a full (immutable) tile or bundle. */
  public boolean isFull() {
    return width == FULL;
  }

  /**
   * The smallest tree size whose tiles include this resource: {@code N * 256^(L+1) + W * 256^L}
   * (level 0 for a bundle). Saturates at {@link Long#MAX_VALUE} for addresses beyond any tree.
   */
  public long requiredTreeSize() {
    int l = Math.max(level, 0);
    if (l >= 8) {
      return Long.MAX_VALUE; // a level-8 tile spans 2^64 leaves
    }
    long unit = 1L << (8 * l);
    long base;
    if (index == 0) {
      base = 0;
    } else if (l == 7) {
      base = Long.MAX_VALUE; // the second level-7 tile starts at 2^64
    } else {
      base = satMul(index, unit << 8);
    }
    return satAdd(base, satMul(width, unit));
  }

  /**
   * Parses a path relative to the log prefix ({@code tile/...}); empty if it is not the canonical
   * path of a tile or bundle.
   */
  public static Optional<TileRequest> parse(String path) {
    try {
      if (path.startsWith("tile/entries/")) {
        EntryBundleId b = EntryBundleId.parse(path);
        return Optional.of(new TileRequest(ENTRIES, b.index(), b.width()));
      }
      TileId t = TileId.parse(path);
      return Optional.of(new TileRequest(t.level(), t.index(), t.width()));
    } catch (MalformedInputException e) {
      return Optional.empty();
    }
  }

  private static long satMul(long a, long b) {
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    return (hi != 0 || lo < 0) ? Long.MAX_VALUE : lo;
  }

  private static long satAdd(long a, long b) {
    long r = a + b;
    return r < 0 ? Long.MAX_VALUE : r;
  }
}
