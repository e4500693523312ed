package org.countersign.log.tile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.countersign.log.Hash;

/**
 * The result of integrating a batch of leaves: the new tree size and root, and every tile that
 * changed (new full tiles and the new partial tiles, lowest level first). A log stores the tiles,
 * then signs a checkpoint for {@code newSize} and {@code newRoot}, in that order, so that every
 * signed size has its tiles.
 *
 * @param newSize the tree size after the batch
 * @param newRoot the RFC 6962 root of that tree
 * @param tilesToWrite tile contents by id, unmodifiable, in level then index order; the arrays are
 *     fresh and not copied, so a caller that changes one changes what it writes
 */
public record Integration(long newSize, Hash newRoot, Map<TileId, byte[]> tilesToWrite) {
  /**
   * @throws IllegalArgumentException if the size is negative or a tile's length does not match its
   *     width
   */
  public Integration {
    if (newSize < 0) {
      throw new IllegalArgumentException("tree size must not be negative, got " + newSize);
    }
    Map<TileId, byte[]> copy = new LinkedHashMap<>(tilesToWrite);
    copy.forEach(TileMath::checkContents);
    tilesToWrite = Collections.unmodifiableMap(copy);
  }
}
