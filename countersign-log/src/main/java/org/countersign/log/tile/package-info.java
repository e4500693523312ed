/**
 * C2SP tlog-tiles (tag {@code tlog-tiles/v0.1.0}): tile and entry-bundle paths ({@link
 * org.countersign.log.tile.TileId}, {@link org.countersign.log.tile.EntryBundleId}), the arithmetic
 * of which tiles a tree has ({@link org.countersign.log.tile.TileMath}), entry bundles ({@link
 * org.countersign.log.tile.EntryBundle}), the log side that turns a batch of leaves into tiles
 * ({@link org.countersign.log.tile.TileIntegrator}) and the client side that reads a log it does
 * not trust and verifies every tile against a signed root ({@link
 * org.countersign.log.tile.TileClient}).
 *
 * <p>Tile height is fixed at 8 (256 hashes per full tile), as the spec requires. Go's checksum
 * database uses the same tile contents under different paths ({@code tile/8/<L>/<N>} and {@code
 * tile/8/data/<N>}); only the C2SP paths are implemented here.
 */
@NullMarked
package org.countersign.log.tile;

import org.jspecify.annotations.NullMarked;
