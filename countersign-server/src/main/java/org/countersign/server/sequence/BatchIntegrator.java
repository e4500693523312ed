package org.countersign.server.sequence;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.countersign.log.Hash;
import org.countersign.log.tile.TileId;

/**
 * The Merkle arithmetic of one batch: which hash tiles change and what the new root is when {@code
 * leafHashes} are appended to a tree of {@code oldSize} entries.
 *
 * <p>A seam rather than a direct call so that the sequencer's durability rules can be tested with
 * an integrator that fails on demand; the production implementation is {@link TileBatchIntegrator}.
 */
@FunctionalInterface
public interface BatchIntegrator {
  /**
   * Computes the tiles and root after appending.
   *
   * @throws Exception if the tiles of the old tree cannot be read or do not add up; the batch is
   *     then failed and nothing is written
   */
  Grown integrate(long oldSize, List<Hash> leafHashes) throws Exception;

  /**
   * The result: every tile the batch changed (full or partial, at its new width) and the root.
   *
   * @param tiles changed tiles, each under its id at its new width
   * @param root the RFC 6962 root of the grown tree
   */
  record Grown(Map<TileId, byte[]> tiles, Hash root) {
    public Grown {
      Objects.requireNonNull(root, "root");
      tiles = Map.copyOf(tiles);
    }
  }
}
