package org.countersign.log.tile;

import org.countersign.log.MalformedInputException;

/**
 * Anything a C2SP tlog-tiles log serves under {@code tile/}: a hash tile ({@link TileId}) or an
 * entry bundle ({@link EntryBundleId}). The one type a read path parses a request path into.
 */
public sealed interface TileResource permits TileId, EntryBundleId {
  /** The path relative to the log prefix, its one canonical spelling. */
  String path();

  /** Whether this holds fewer than 256 hashes or entries (and so may still grow). */
  boolean isPartial();

  /**
   * The smallest tree size whose tiles include this resource: {@code N * 256^(L+1) + W * 256^L}
   * (level 0 for a bundle). Saturates at {@link Long#MAX_VALUE} for addresses beyond any tree.
   */
  long requiredTreeSize();

  /**
   * Parses a path relative to the log prefix strictly, as {@link TileId#parse} or {@link
   * EntryBundleId#parse}.
   *
   * @throws MalformedInputException if it is not the canonical path of a tile or bundle
   */
  static TileResource parse(String path) throws MalformedInputException {
    return path.startsWith("tile/entries/") ? EntryBundleId.parse(path) : TileId.parse(path);
  }
}
