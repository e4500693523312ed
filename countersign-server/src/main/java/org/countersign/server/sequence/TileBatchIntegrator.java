package org.countersign.server.sequence;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import java.util.Objects;
import org.countersign.log.Hash;
import org.countersign.log.merkle.Rfc6962;
import org.countersign.server.tiles.ProofSource;
import org.countersign.server.tiles.TileSource;
import org.countersign.store.Batch;
import org.countersign.store.StoreException;
import org.countersign.store.TileKey;

/**
 * Appends a batch's leaf hashes to the tiles of the committed tree (C2SP tlog-tiles, height 8).
 *
 * <p>At tile level {@code k} the tree has {@code oldSize >> 8k} complete level-{@code 8k} nodes,
 * so its right-edge tile is number {@code count >> 8}, holding {@code count & 255} hashes. New
 * hashes are appended to it; each time a tile fills, its root (the level-{@code 8(k+1)} node) is
 * appended at level {@code k + 1}. Every tile touched is returned at its new width. The new root is
 * then folded from the tiles (new ones over the stored ones) with RFC 6962's recursion, the same
 * code that serves proofs, so a root and its proofs cannot disagree.
 */
public final class TileBatchIntegrator implements BatchIntegrator {
  private final TileSource tiles;

  public TileBatchIntegrator(TileSource tiles) {
    this.tiles = Objects.requireNonNull(tiles, "tiles");
  }

  @Override
  public Integration integrate(long oldSize, List<Hash> leafHashes) throws Exception {
    if (oldSize < 0) {
      throw new IllegalArgumentException("tree size must be >= 0, got " + oldSize);
    }
    Map<TileKey, byte[]> changed = new LinkedHashMap<>();
    List<Hash> append = leafHashes;
    for (int level = 0; !append.isEmpty(); level++) {
      if (level > TileKey.MAX_LEVEL) {
        throw new IllegalStateException("tree too large for tiles: " + oldSize);
      }
      long count = oldSize >>> (8 * level);
      long index = count >>> 8;
      int width = (int) (count & 0xFF);
      byte[] buf = new byte[Batch.FULL_TILE_BYTES];
      if (width > 0) {
        TileKey key = new TileKey(level, index);
        byte[] stored = tiles.storedTile(key).orElseThrow(() -> new StoreException("no stored " + key));
        if (stored.length < width * Hash.SIZE) {
          throw new StoreException(key + " holds " + stored.length / Hash.SIZE + " hashes, the tree needs " + width);
        }
        System.arraycopy(stored, 0, buf, 0, width * Hash.SIZE);
      }
      List<Hash> up = new ArrayList<>(append.size() / 256 + 1);
      for (Hash h : append) {
        h.copyTo(buf, width * Hash.SIZE);
        width++;
        if (width == 256) {
          changed.put(new TileKey(level, index), buf.clone());
          up.add(Rfc6962.rootOf(buf, 0, 256));
          index++;
          width = 0;
        }
      }
      if (width > 0) {
        changed.put(new TileKey(level, index), Arrays.copyOf(buf, width * Hash.SIZE));
      }
      append = up;
    }
    long newSize = oldSize + leafHashes.size();
    ProofSource grown =
        new ProofSource(
            key -> {
              byte[] fresh = changed.get(key);
              return fresh != null ? java.util.Optional.of(fresh) : tiles.storedTile(key);
            });
    return new Integration(changed, grown.treeHash(newSize));
  }
}
