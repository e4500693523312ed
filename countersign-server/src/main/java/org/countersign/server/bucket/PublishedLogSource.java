package org.countersign.server.bucket;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.countersign.log.tile.EntryBundleId;
import org.countersign.log.tile.TileId;
import org.countersign.log.tile.TileResource;
import org.countersign.objectstore.LogSource;
import org.countersign.objectstore.Published;
import org.countersign.server.publish.PublishedCheckpoint;
import org.countersign.server.publish.PublishedLog;
import org.countersign.server.tiles.TileSource;
import org.countersign.store.StoreException;

/**
 * The published log as the bucket mirror reads it: the checkpoint {@code /checkpoint} serves and
 * the bytes {@code /tile/...} serves, from the same {@link TileSource}. Like the HTTP read path, it
 * refuses any tile the published checkpoint does not justify.
 */
public final class PublishedLogSource implements LogSource {
  private final PublishedLog published;
  private final TileSource tiles;

  /** Reads {@code published} and {@code tiles}. */
  public PublishedLogSource(PublishedLog published, TileSource tiles) {
    this.published = published;
    this.tiles = tiles;
  }

  private static Published of(PublishedCheckpoint c) {
    return new Published(c.size(), c.root(), c.note());
  }

  @Override
  public Published published() {
    return of(published.current());
  }

  @Override
  public Published awaitLarger(long size, Duration timeout) throws InterruptedException {
    try {
      return of(published.awaitSize(size + 1, timeout));
    } catch (TimeoutException e) {
      return of(published.current());
    }
  }

  @Override
  public byte[] hashTile(TileId id) throws IOException {
    requirePublished(id);
    try {
      return tiles
          .hashTile(id)
          .orElseThrow(() -> new IOException("the store lacks the published tile " + id.path()));
    } catch (StoreException e) {
      throw new IOException("cannot read " + id.path() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] entryBundle(EntryBundleId id) throws IOException {
    requirePublished(id);
    try {
      return tiles
          .entryBundle(id.index(), id.width())
          .orElseThrow(() -> new IOException("the store lacks the published bundle " + id.path()));
    } catch (StoreException e) {
      throw new IOException("cannot read " + id.path() + ": " + e.getMessage(), e);
    }
  }

  private void requirePublished(TileResource resource) throws IOException {
    if (resource.requiredTreeSize() > published.current().size()) {
      throw new IOException(resource.path() + " lies beyond the published tree");
    }
  }
}
