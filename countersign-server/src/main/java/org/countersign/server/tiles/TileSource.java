package org.countersign.server.tiles;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.countersign.log.tile.EntryBundle;
import org.countersign.log.tile.TileId;
import org.countersign.store.Batch;
import org.countersign.store.LogStore;
import org.countersign.store.StoreException;

/**
 * Hash tiles and entry bundles as the read path and the sequencer need them, with the caching that
 * makes the read path cheap.
 *
 * <ul>
 *   <li><b>Full tiles and full entry bundles</b> are immutable (C2SP tlog-tiles), so they are kept
 *       in a bounded in-memory cache and served from it without copying.
 *   <li><b>Right-edge partial tiles</b>, one per level, are kept as the sequencer last committed
 *       them: every partial tile any published checkpoint needs is a prefix of the longest version
 *       (the store's prefix rule), so a partial tile of width W is the first W hashes.
 *   <li>Anything else is read from the store and truncated.
 * </ul>
 *
 * <p>This class does not know the published size: callers MUST check that a tile or bundle is
 * justified by a published checkpoint before serving it (see {@code TileRoutes}). The sequencer
 * calls {@link #committed} after each durable commit so that the edge is current before the new
 * checkpoint is published.
 */
public final class TileSource {

  private final LogStore store;
  private final ByteCache<TileId, byte[]> fullTiles;
  private final ByteCache<Long, byte[]> fullBundles;
  private final Map<Integer, EdgeTile> edge = new ConcurrentHashMap<>();

  // Private cache entry: the bytes are never compared and never leave this class unwrapped;
  // place: the full id of the tile whose longest committed version this is.
  @SuppressWarnings("ArrayRecordComponent")
  private record EdgeTile(TileId place, byte[] bytes) {}

  /**
   * Reads through {@code store}, caching at most {@code tileCacheBytes} of full hash tiles and
   * {@code bundleCacheBytes} of full entry bundles.
   */
  public TileSource(LogStore store, long tileCacheBytes, long bundleCacheBytes) {
    this.store = store;
    this.fullTiles = new ByteCache<>(tileCacheBytes, b -> b.length);
    this.fullBundles = new ByteCache<>(bundleCacheBytes, b -> b.length);
  }

  /**
   * The hash tile {@code id}: the first {@code id.width()} hashes of the tile at its level and
   * index, or empty if the store holds fewer. The returned array MUST NOT be modified (it may be
   * shared with the cache).
   *
   * @throws IllegalArgumentException if the level is above {@link LogStore#MAX_TILE_LEVEL}
   */
  public Optional<byte[]> hashTile(TileId id) throws StoreException {
    TileId key = id.fullTile();
    int want = id.byteLength();
    if (!id.isPartial()) {
      byte[] cached = fullTiles.get(key);
      if (cached != null) {
        return Optional.of(cached);
      }
    } else {
      EdgeTile e = edge.get(key.level());
      if (e != null && e.place().equals(key) && e.bytes().length >= want) {
        return Optional.of(e.bytes().length == want ? e.bytes() : Arrays.copyOf(e.bytes(), want));
      }
    }
    Optional<byte[]> stored = store.readTile(key);
    if (stored.isEmpty() || stored.get().length < want) {
      return Optional.empty();
    }
    byte[] bytes = stored.get();
    if (bytes.length == Batch.FULL_TILE_BYTES) {
      fullTiles.put(key, bytes);
    }
    return Optional.of(bytes.length == want ? bytes : Arrays.copyOf(bytes, want));
  }

  /**
   * The entry bundle {@code tile/entries/<n>} holding its first {@code width} entries, each as a
   * big-endian uint16 length and the entry bytes; empty if the store holds fewer entries.
   */
  public Optional<byte[]> entryBundle(long n, int width) throws StoreException {
    if (width < 1 || width > TileId.FULL_WIDTH) {
      throw new IllegalArgumentException("bundle width must be 1..256, got " + width);
    }
    if (n < 0 || n > Long.MAX_VALUE / TileId.FULL_WIDTH) {
      throw new IllegalArgumentException("bundle index out of range: " + n);
    }
    if (width == TileId.FULL_WIDTH) {
      byte[] cached = fullBundles.get(n);
      if (cached != null) {
        return Optional.of(cached);
      }
    }
    List<byte[]> entries = store.readEntries(n * TileId.FULL_WIDTH, width);
    if (entries.size() < width) {
      return Optional.empty();
    }
    byte[] bundle = EntryBundle.encode(entries);
    if (width == TileId.FULL_WIDTH) {
      fullBundles.put(n, bundle);
    }
    return Optional.of(bundle);
  }

  /**
   * The tile whose full id is {@code key} at its longest committed width, from the cache, the edge
   * or the store.
   *
   * @throws IllegalArgumentException if {@code key} is partial or its level is above {@link
   *     LogStore#MAX_TILE_LEVEL}
   */
  public Optional<byte[]> storedTile(TileId key) throws StoreException {
    byte[] cached = fullTiles.get(key);
    if (cached != null) {
      return Optional.of(cached);
    }
    EdgeTile e = edge.get(key.level());
    if (e != null && e.place().equals(key)) {
      return Optional.of(e.bytes());
    }
    return store.readTile(key);
  }

  /**
   * Takes note of the tiles a durable commit wrote. Only the sequencer calls this, after {@link
   * LogStore#commit} returned and before it publishes the checkpoint.
   */
  public void committed(Map<TileId, byte[]> tiles) {
    for (Map.Entry<TileId, byte[]> t : tiles.entrySet()) {
      TileId key = t.getKey().fullTile();
      byte[] bytes = t.getValue();
      if (bytes.length == Batch.FULL_TILE_BYTES) {
        fullTiles.put(key, bytes);
        edge.computeIfPresent(key.level(), (l, e) -> e.place().equals(key) ? null : e);
      } else {
        edge.merge(
            key.level(),
            new EdgeTile(key, bytes),
            (old, neu) -> neu.place().index() >= old.place().index() ? neu : old);
      }
    }
  }

  /** Full tiles and bundles currently cached, for metrics and tests. */
  public int cachedCount() {
    return fullTiles.size() + fullBundles.size();
  }
}
