package org.countersign.server.sequence;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.countersign.log.Hash;
import org.countersign.log.tile.Integration;
import org.countersign.log.tile.TileId;
import org.countersign.log.tile.TileIntegrator;
import org.countersign.server.tiles.TileSource;
import org.countersign.store.LogStore;
import org.countersign.store.StoreException;

/**
 * The production {@link BatchIntegrator}: the log core's {@link TileIntegrator} reading the
 * committed tiles through {@link TileSource}, with its tile ids mapped to the store's keys.
 */
public final class TileBatchIntegrator implements BatchIntegrator {
  private final TileSource tiles;

  public TileBatchIntegrator(TileSource tiles) {
    this.tiles = Objects.requireNonNull(tiles, "tiles");
  }

  @Override
  public BatchIntegrator.Grown integrate(long oldSize, List<Hash> leafHashes) throws IOException {
    Integration grown = TileIntegrator.integrate(oldSize, this::read, leafHashes);
    if (grown.newSize() != oldSize + leafHashes.size()) {
      throw new IllegalStateException("integration grew the tree to " + grown.newSize());
    }
    return new BatchIntegrator.Grown(grown.tilesToWrite(), grown.newRoot());
  }

  private Optional<byte[]> read(TileId id) throws IOException {
    if (id.level() > LogStore.MAX_TILE_LEVEL) {
      return Optional.empty();
    }
    try {
      return tiles.hashTile(id);
    } catch (StoreException e) {
      throw new IOException("cannot read " + id + ": " + e.getMessage(), e);
    }
  }
}
