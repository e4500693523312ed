package org.countersign.server.tiles;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.countersign.log.Hash;
import org.countersign.log.merkle.ConsistencyProof;
import org.countersign.log.merkle.HashReader;
import org.countersign.log.merkle.InclusionProof;
import org.countersign.log.merkle.NodeId;
import org.countersign.log.merkle.Proofs;
import org.countersign.log.tile.TileId;
import org.countersign.store.Batch;
import org.countersign.store.StoreException;

/**
 * Inclusion and consistency proofs computed from the stored hash tiles.
 *
 * <p>A tile at tile level {@code T} holds the hashes of tree level {@code 8T}; a node at level
 * {@code 8T + r} (r &lt; 8) is the root of {@code 2^r} consecutive, aligned hashes of one such
 * tile, so every stored node of the tree is one tile read plus at most 127 node hashes. Complete
 * subtrees never change once written, so reading a tile at its longest stored width is correct for
 * any tree size up to the committed one. Callers MUST ask only for sizes the log has committed (the
 * HTTP layer asks only for published sizes).
 *
 * <p>The subtree hashes inside each tile are computed once per tile width and kept ({@link
 * TileSubtrees}): every receipt of a batch needs the same nodes of the same right-edge tiles, so a
 * proof costs a few lookups instead of up to a few hundred SHA-256 calls. Full tiles' subtrees are
 * cached within a byte budget; the right-edge (partial) tiles' are rebuilt when the tile grows.
 * This relies on the lookup returning append-only tiles: a tile's longer version extends its
 * shorter one.
 */
public final class ProofSource {
  /** Budget for the subtrees of full tiles: about 1,000 tiles. */
  private static final long FULL_SUBTREES_BYTES = 16L << 20;

  /** Right-edge tiles kept at once; there is one per tile level, so this is never reached. */
  private static final int MAX_EDGE_SUBTREES = 64;

  private final TileLookup tiles;
  private final ByteCache<TileId, TileSubtrees> fullSubtrees =
      new ByteCache<>(FULL_SUBTREES_BYTES, TileSubtrees::byteSize);
  private final ConcurrentHashMap<TileId, TileSubtrees> edgeSubtrees = new ConcurrentHashMap<>();

  /** Where a proof finds a tile at its longest stored width. */
  @FunctionalInterface
  public interface TileLookup {
    /** The tile whose full id is {@code key}, at its longest stored width; empty if none. */
    Optional<byte[]> tile(TileId key) throws StoreException;
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
    Map<TileId, TileSubtrees> seen = new HashMap<>();
    return indexes -> {
      List<Hash> out = new ArrayList<>(indexes.length);
      for (long storageIndex : indexes) {
        out.add(node(NodeId.fromStorageIndex(storageIndex), seen));
      }
      return out;
    };
  }

  private Hash node(NodeId node, Map<TileId, TileSubtrees> seen) throws IOException {
    int tileLevel = node.level() / 8;
    int r = node.level() % 8;
    long first = node.index() << r; // first hash of the tile level's row under this node
    TileId key = TileId.full(tileLevel, first >>> 8);
    int j = (int) ((first & 0xFF) >>> r);
    TileSubtrees t = seen.get(key);
    if (t == null || !t.covers(r, j)) {
      t = subtrees(key, r, j);
      seen.put(key, t);
    }
    if (!t.covers(r, j)) {
      throw new IOException(
          key + " holds " + t.width() + " hashes, node " + node + " needs " + ((j + 1) << r));
    }
    return t.node(r, j);
  }

  /** The subtrees of the tile at {@code key}, from a cache if they cover node (r, j). */
  private TileSubtrees subtrees(TileId key, int r, int j) throws IOException {
    TileSubtrees full = fullSubtrees.get(key);
    if (full != null) {
      return full;
    }
    TileSubtrees edge = edgeSubtrees.get(key);
    if (edge != null && edge.covers(r, j)) {
      return edge;
    }
    byte[] tile;
    try {
      tile = tiles.tile(key).orElseThrow(() -> new IOException("no stored tile " + key));
    } catch (StoreException e) {
      throw new IOException("cannot read " + key + ": " + e.getMessage(), e);
    }
    if (tile.length == Batch.FULL_TILE_BYTES) {
      TileSubtrees built = TileSubtrees.of(tile);
      fullSubtrees.put(key, built);
      edgeSubtrees.remove(key);
      return built;
    }
    if (edgeSubtrees.size() >= MAX_EDGE_SUBTREES) {
      edgeSubtrees.clear();
    }
    // One thread builds a grown edge tile's subtrees; the others of the batch wait and reuse them.
    int width = tile.length / Hash.SIZE;
    return edgeSubtrees.compute(
        key, (k, old) -> old != null && old.width() >= width ? old : TileSubtrees.of(tile));
  }
}
