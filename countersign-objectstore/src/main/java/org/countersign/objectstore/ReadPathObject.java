package org.countersign.objectstore;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.countersign.log.Hash;
import org.countersign.log.tile.EntryBundleId;
import org.countersign.log.tile.TileId;
import org.countersign.log.tile.TileMath;

/**
 * One immutable object of the C2SP tlog-tiles read path: a hash tile or an entry bundle, full or
 * partial. Which objects a tree size needs is pure arithmetic on sizes ({@link #needed}, {@link
 * #added}).
 */
public sealed interface ReadPathObject {
  /** The path relative to the log's prefix, e.g. {@code tile/0/x001/234.p/7}. */
  String path();

  /** Whether it is a partial tile or bundle. */
  boolean isPartial();

  /** The object's size in bytes when it follows from the path alone (hash tiles). */
  OptionalLong knownLength();

  /** A hash tile. */
  record HashTile(TileId id) implements ReadPathObject {
    @Override
    public String path() {
      return id.path();
    }

    @Override
    public boolean isPartial() {
      return id.isPartial();
    }

    @Override
    public OptionalLong knownLength() {
      return OptionalLong.of((long) id.width() * Hash.SIZE);
    }
  }

  /** An entry bundle. */
  record Bundle(EntryBundleId id) implements ReadPathObject {
    @Override
    public String path() {
      return id.path();
    }

    @Override
    public boolean isPartial() {
      return id.isPartial();
    }

    @Override
    public OptionalLong knownLength() {
      return OptionalLong.empty();
    }
  }

  /** Every object a reader of a tree of {@code size} leaves may fetch: {@code added(0, size)}. */
  static List<ReadPathObject> needed(long size) {
    return added(0, size);
  }

  /**
   * The objects a tree of {@code to} leaves needs that one of {@code from} leaves did not: the full
   * tiles and bundles completed in between, and {@code to}'s partial tiles and bundle where they
   * differ from {@code from}'s. Lowest level first, bundles last.
   *
   * @throws IllegalArgumentException unless {@code 0 <= from <= to}
   */
  static List<ReadPathObject> added(long from, long to) {
    if (from < 0 || from > to) {
      throw new IllegalArgumentException("not a growing tree: " + from + " -> " + to);
    }
    List<ReadPathObject> out = new ArrayList<>();
    for (int level = 0; level < TileMath.levelCount(to); level++) {
      long fullFrom = TileMath.fullTileCount(level, from);
      long fullTo = TileMath.fullTileCount(level, to);
      for (long n = fullFrom; n < fullTo; n++) {
        out.add(new HashTile(TileId.full(level, n)));
      }
      int width = TileMath.partialWidth(level, to);
      if (width > 0 && !(fullFrom == fullTo && TileMath.partialWidth(level, from) == width)) {
        out.add(new HashTile(new TileId(level, fullTo, width)));
      }
    }
    for (long n = from / TileId.FULL_WIDTH; n < to / TileId.FULL_WIDTH; n++) {
      out.add(new Bundle(new EntryBundleId(n, TileId.FULL_WIDTH)));
    }
    int width = (int) (to % TileId.FULL_WIDTH);
    if (width > 0 && from != to) {
      out.add(new Bundle(new EntryBundleId(to / TileId.FULL_WIDTH, width)));
    }
    return out;
  }
}
