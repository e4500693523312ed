package org.countersign.server.tiles;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.countersign.log.Hash;
import org.countersign.log.merkle.ConsistencyProof;
import org.countersign.log.merkle.HashReader;
import org.countersign.log.merkle.InclusionProof;
import org.countersign.log.merkle.NodeId;
import org.countersign.log.merkle.Proofs;
import org.countersign.log.merkle.Rfc6962;
import org.countersign.store.StoreException;
import org.countersign.store.TileKey;

/**
 * Inclusion and consistency proofs computed from the stored hash tiles.
 *
 * <p>A tile at tile level {@code T} holds the hashes of tree level {@code 8T}; a node at level
 * {@code 8T + r} (r &lt; 8) is the root of {@code 2^r} consecutive, aligned hashes of one such
 * tile, so every stored node of the tree is one tile read plus at most 127 node hashes. Complete
 * subtrees never change once written, so reading a tile at its longest stored width is correct for
 * any tree size up to the committed one. Callers MUST ask only for sizes the log has committed (the
 * HTTP layer asks only for published sizes).
 */
public final class ProofSource {
  private final TileLookup tiles;

  /** Where a proof finds a tile at its longest stored width. */
  @FunctionalInterface
  public interface TileLookup {
    /** The tile at {@code key}, or empty if none is stored. */
    Optional<byte[]> tile(TileKey key) throws StoreException;
  }

  /** Proofs over the committed tiles. */
  public ProofSource(TileSource tiles) {
    Objects.requireNonNull(tiles, "tiles");
    this.tiles = tiles::storedTile;
  }

  /** Proofs over any tile lookup (the sequencer's: the batch's new tiles over the stored ones). */
  public ProofSource(TileLookup tiles) {
    this.tiles = Objects.requireNonNull(tiles, "tiles");
  }

  /** The RFC 6962 inclusion proof of leaf {@code index} in the tree of {@code size} leaves. */
  public InclusionProof inclusion(long index, long size) throws IOException {
    return Proofs.inclusion(index, size, reader());
  }

  /** The RFC 6962 consistency proof from {@code oldSize} to {@code newSize} (0 < old <= new). */
  public ConsistencyProof consistency(long oldSize, long newSize) throws IOException {
    return Proofs.consistency(oldSize, newSize, reader());
  }

  /** The root of the tree of {@code size} leaves, recomputed from the tiles. */
  public Hash treeHash(long size) throws IOException {
    return Proofs.treeHash(size, reader());
  }

  /** A reader over the tiles, memoising the tiles it reads for the duration of one proof. */
  public HashReader reader() {
    Map<TileKey, byte[]> seen = new HashMap<>();
    return indexes -> {
      List<Hash> out = new ArrayList<>(indexes.length);
      for (long storageIndex : indexes) {
        out.add(node(NodeId.fromStorageIndex(storageIndex), seen));
      }
      return out;
    };
  }

  private Hash node(NodeId node, Map<TileKey, byte[]> seen) throws IOException {
    int tileLevel = node.level() / 8;
    int r = node.level() % 8;
    long first = node.index() << r; // first hash of the tile level's row under this node
    TileKey key = new TileKey(tileLevel, first >>> 8);
    byte[] tile = seen.get(key);
    if (tile == null) {
      try {
        tile = tiles.tile(key).orElseThrow(() -> new IOException("no stored tile " + key));
      } catch (StoreException e) {
        throw new IOException("cannot read " + key + ": " + e.getMessage(), e);
      }
      seen.put(key, tile);
    }
    int offset = (int) (first & 0xFF);
    int count = 1 << r;
    if ((offset + count) * Hash.SIZE > tile.length) {
      throw new IOException(
          key
              + " holds "
              + tile.length / Hash.SIZE
              + " hashes, node "
              + node
              + " needs "
              + (offset + count));
    }
    return count == 1
        ? Hash.of(tile, offset * Hash.SIZE)
        : Rfc6962.rootOf(tile, offset * Hash.SIZE, count);
  }
}
