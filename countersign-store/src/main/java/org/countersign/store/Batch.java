package org.countersign.store;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.countersign.log.Hash;
import org.countersign.log.tile.TileId;

/**
 * Everything one sequencer batch writes, committed by {@link LogStore#commit(Batch)} as a unit.
 *
 * <p>The entries take the indexes {@code expectedSize, expectedSize + 1, ...} in list order. The
 * tiles are the hash tiles the batch changed, each under its id (level, index and the width the
 * batch grew it to; one version per level and index), and the checkpoint note is the log-signed
 * checkpoint for {@link #newSize()}. The store does not check that these agree with each other
 * (that is Merkle arithmetic, the sequencer's job); it checks only what it can check without it, at
 * construction: sizes and shapes, and that no identity appears twice.
 *
 * <p>An empty batch (no entries) is allowed only at size 0, to sign the empty tree of a new log; it
 * then carries no tiles.
 */
public final class Batch {
  /** A full tile: 256 hashes of 32 bytes. */
  public static final int FULL_TILE_BYTES = TileId.FULL_WIDTH * Hash.SIZE;

  private final long expectedSize;
  private final List<NewEntry> entries;
  private final Map<TileId, byte[]> tiles;
  private final String checkpointNote;

  /**
   * A batch sequenced against a tree of {@code expectedSize} entries.
   *
   * @param expectedSize the tree size the entries were sequenced against; the commit fails with
   *     {@link ConflictException} if the store holds another size
   * @param entries the new entries, in index order
   * @param tiles the changed tiles, each holding exactly its id's width of 32-byte hashes, at most
   *     one per level and index, at levels up to {@link LogStore#MAX_TILE_LEVEL}
   * @param checkpointNote the log-signed checkpoint note for {@code expectedSize + entries.size()}
   * @throws IllegalArgumentException if a size or shape is impossible or an identity repeats
   */
  public Batch(
      long expectedSize, List<NewEntry> entries, Map<TileId, byte[]> tiles, String checkpointNote) {
    if (expectedSize < 0) {
      throw new IllegalArgumentException("expected size must be >= 0, got " + expectedSize);
    }
    if (entries.isEmpty() && (expectedSize != 0 || !tiles.isEmpty())) {
      throw new IllegalArgumentException(
          "a batch without entries only signs the empty tree: expected size must be 0 (got "
              + expectedSize
              + ") and there must be no tiles (got "
              + tiles.size()
              + ")");
    }
    if (Long.MAX_VALUE - expectedSize < entries.size()) {
      throw new IllegalArgumentException("tree size would overflow: " + expectedSize);
    }
    this.expectedSize = expectedSize;
    this.entries = List.copyOf(entries);
    Set<Hash> seen = new HashSet<>();
    for (int i = 0; i < this.entries.size(); i++) {
      if (!seen.add(this.entries.get(i).identity())) {
        throw new IllegalArgumentException(
            "entry " + i + " repeats identity " + this.entries.get(i).identity().hex());
      }
    }
    Map<TileId, byte[]> copy = new LinkedHashMap<>();
    Set<TileId> places = new HashSet<>();
    tiles.forEach(
        (id, data) -> {
          StoredTiles.requireStorable(id);
          if (!places.add(id.fullTile())) {
            throw new IllegalArgumentException(
                "two versions of the tile at level "
                    + id.level()
                    + ", index "
                    + id.index()
                    + " in one batch");
          }
          copy.put(id, requireTile(id, data).clone());
        });
    this.tiles = Collections.unmodifiableMap(copy);
    this.checkpointNote = StoredText.requireNote(checkpointNote, "checkpoint note");
  }

  private static byte[] requireTile(TileId id, byte[] data) {
    if (data.length != id.byteLength()) {
      throw new IllegalArgumentException(
          id
              + " must hold "
              + id.width()
              + " hashes of 32 bytes ("
              + id.byteLength()
              + " bytes), got "
              + data.length
              + " bytes");
    }
    return data;
  }

  /** The tree size the batch was sequenced against: the index of its first entry. */
  public long expectedSize() {
    return expectedSize;
  }

  /** The tree size after the batch: {@code expectedSize() + entries().size()}. */
  public long newSize() {
    return expectedSize + entries.size();
  }

  /** The entries, in index order (immutable). */
  public List<NewEntry> entries() {
    return entries;
  }

  /** A copy of the changed tiles. */
  public Map<TileId, byte[]> tiles() {
    Map<TileId, byte[]> copy = new LinkedHashMap<>();
    tiles.forEach((key, data) -> copy.put(key, data.clone()));
    return copy;
  }

  /** The tiles without copying the bytes, for drivers in this package that only read them. */
  Map<TileId, byte[]> tilesUnsafe() {
    return tiles;
  }

  /** The log-signed checkpoint note for {@link #newSize()}. */
  public String checkpointNote() {
    return checkpointNote;
  }

  @Override
  public String toString() {
    return "Batch[expectedSize="
        + expectedSize
        + ", entries="
        + entries.size()
        + ", tiles="
        + tiles.keySet()
        + "]";
  }
}
