package org.countersign.log.tile;

import java.io.IOException;

/**
 * Fetches a resource of a tiled log by its path relative to the log prefix, for example {@code
 * "tile/0/x001/234"} or {@code "tile/entries/005.p/17"}: over HTTP, from a mirror, or from a local
 * copy. What it returns is suspect: {@link TileClient} verifies every byte before using it.
 */
@FunctionalInterface
public interface TileFetcher {
  /**
   * The bytes at {@code path}, decompressed.
   *
   * @throws IOException if the resource cannot be fetched (absent included)
   */
  byte[] fetch(String path) throws IOException;
}
