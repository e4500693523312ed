package org.countersign.log.tile;

import java.io.IOException;
import java.util.Optional;

/**
 * Reads tiles a log has already stored, for the log's own sequencer ({@link TileIntegrator}). The
 * log trusts its own storage; clients reading someone else's log use {@link TileClient}, which
 * verifies what it reads.
 */
@FunctionalInterface
public interface TileReader {
  /**
   * The contents of exactly the tile {@code id} (full, or partial of exactly that width), or empty
   * if it is not stored.
   *
   * @throws IOException if storage fails
   */
  Optional<byte[]> read(TileId id) throws IOException;
}
