package org.countersign.store;

import org.countersign.log.tile.TileId;

/** The checks every driver makes on the tile ids it is given. */
final class StoredTiles {
  private StoredTiles() {}

  /**
   * Checks that a store can hold tile {@code id}: its level is at most {@link
   * LogStore#MAX_TILE_LEVEL}.
   *
   * @return {@code id}
   * @throws IllegalArgumentException if it cannot
   */
  static TileId requireStorable(TileId id) {
    if (id.level() > LogStore.MAX_TILE_LEVEL) {
      throw new IllegalArgumentException(
          "tile level must be 0.." + LogStore.MAX_TILE_LEVEL + " in a store, got " + id.level());
    }
    return id;
  }

  /**
   * Checks that {@code id} names a place in the store: a full tile the store can hold.
   *
   * @return {@code id}
   * @throws IllegalArgumentException if it is partial or its level is too high
   */
  static TileId requireFullTile(TileId id) {
    if (id.isPartial()) {
      throw new IllegalArgumentException(
          "a stored tile is read by its full id, got the partial " + id);
    }
    return requireStorable(id);
  }
}
