package org.countersign.log.tile;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.countersign.log.Hash;

/**
 * The sequencer's Merkle step for a tiled log (compare Tessera's {@code integrate}): append a batch
 * of leaf hashes to a tree stored as C2SP tlog-tiles and return the new size, root and changed
 * tiles.
 *
 * <h2>Algorithm</h2>
 *
 * <p>Level by level from 0: the new hashes of a level continue its last partial tile (read from
 * storage if the old size left one) and fill as many tiles as they reach. Each tile that this batch
 * completes contributes its root ({@link TileMath#tileRoot}) as one new hash of the level above;
 * partial tiles never do (the spec forbids hashing them upwards). The new root is computed from the
 * new partial tiles ({@link TileMath#rootFromPartialTiles}), reading the unchanged ones.
 *
 * <p>Cost: O(batch) hashing and at most one tile read per level (the old partial tile where the
 * level grows, the unchanged partial tile where it does not), i.e. O(log n) reads whatever the tree
 * size. The integrator trusts its reader (it is the log's own storage) but checks that each tile it
 * reads has the length its width implies.
 */
public final class TileIntegrator {
  /** The largest batch (its hashes are held in one array). */
  public static final int MAX_BATCH = Integer.MAX_VALUE / Hash.SIZE;

  private TileIntegrator() {}

  /**
   * Appends {@code leafHashes} to the tree of {@code treeSize} leaves whose tiles {@code reader}
   * serves.
   *
   * @throws IOException if a tile the integration needs is missing, has the wrong length, or cannot
   *     be read
   * @throws IllegalArgumentException if the size is negative, the batch exceeds {@link #MAX_BATCH}
   *     or the new size would overflow
   */
  public static Integration integrate(long treeSize, TileReader reader, List<Hash> leafHashes)
      throws IOException {
    if (treeSize < 0) {
      throw new IllegalArgumentException("tree size must not be negative, got " + treeSize);
    }
    if (leafHashes.size() > MAX_BATCH) {
      throw new IllegalArgumentException(
          "a batch holds at most " + MAX_BATCH + " leaves, got " + leafHashes.size());
    }
    if (leafHashes.size() > Long.MAX_VALUE - treeSize) {
      throw new IllegalArgumentException("tree size would overflow");
    }
    long newSize = treeSize + leafHashes.size();
    Map<TileId, byte[]> written = new LinkedHashMap<>();
    // The hashes being appended at the current level, as a flat array.
    byte[] incoming = new byte[leafHashes.size() * Hash.SIZE];
    for (int i = 0; i < leafHashes.size(); i++) {
      leafHashes.get(i).copyTo(incoming, i * Hash.SIZE);
    }
    int incomingCount = leafHashes.size();
    for (int level = 0; incomingCount > 0; level++) {
      incoming = integrateLevel(level, treeSize, newSize, reader, incoming, incomingCount, written);
      incomingCount = incoming.length / Hash.SIZE;
    }
    // The root depends only on the new partial tiles: take them from this batch or from storage.
    List<byte[]> partials = new ArrayList<>();
    for (TileId id : TileMath.partialTiles(newSize)) {
      byte[] contents = written.get(id);
      partials.add(contents != null ? contents : readExact(reader, id));
    }
    Hash root = TileMath.rootFromPartialTiles(newSize, partials);
    return new Integration(newSize, root, written);
  }

  /**
   * Appends {@code count} hashes to one level, records the changed tiles, and returns the roots of
   * the tiles completed here: the hashes to append to the level above.
   */
  private static byte[] integrateLevel(
      int level,
      long oldSize,
      long newSize,
      TileReader reader,
      byte[] incoming,
      int count,
      Map<TileId, byte[]> written)
      throws IOException {
    long start = TileMath.hashCount(level, oldSize); // index of the first new hash of this level
    long end = start + count;
    if (end != TileMath.hashCount(level, newSize)) {
      throw new IllegalStateException("level " + level + " hash count does not add up");
    }
    int keep = (int) (start & 0xff); // hashes of the old partial tile that the first tile keeps
    byte[] oldPartial =
        keep == 0 ? new byte[0] : readExact(reader, new TileId(level, start >>> 8, keep));
    byte[] parents = new byte[(int) ((end >>> 8) - (start >>> 8)) * Hash.SIZE];
    int parentCount = 0;
    int consumed = 0;
    for (long t = start >>> 8; t <= (end - 1) >>> 8; t++) {
      int width = (int) Math.min(TileId.FULL_WIDTH, end - t * TileId.FULL_WIDTH);
      byte[] contents = new byte[width * Hash.SIZE];
      int prefix = t == start >>> 8 ? keep : 0;
      System.arraycopy(oldPartial, 0, contents, 0, prefix * Hash.SIZE);
      int fresh = width - prefix;
      System.arraycopy(
          incoming, consumed * Hash.SIZE, contents, prefix * Hash.SIZE, fresh * Hash.SIZE);
      consumed += fresh;
      written.put(new TileId(level, t, width), contents);
      if (width == TileId.FULL_WIDTH) {
        TileMath.tileRoot(contents).copyTo(parents, parentCount++ * Hash.SIZE);
      }
    }
    // Exactly the tiles [start / 256, end / 256) are full now, and each was completed here.
    return parents;
  }

  private static byte[] readExact(TileReader reader, TileId id) throws IOException {
    Optional<byte[]> contents = reader.read(id);
    if (contents.isEmpty()) {
      throw new IOException("tile " + id + " is needed to extend the tree but is not stored");
    }
    byte[] bytes = contents.get();
    if (bytes.length != id.byteLength()) {
      throw new IOException(
          "stored tile " + id + " has " + bytes.length + " bytes, expected " + id.byteLength());
    }
    return bytes;
  }
}
