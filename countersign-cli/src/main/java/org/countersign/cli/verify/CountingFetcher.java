package org.countersign.cli.verify;

import java.io.IOException;
import org.countersign.log.tile.TileFetcher;

/** Counts what an audit downloads, by kind, for its report. Not thread-safe: audits are serial. */
final class CountingFetcher implements TileFetcher {
  private final TileFetcher inner;
  long hashTiles;
  long partialHashTiles;
  long bundles;
  long bytes;

  CountingFetcher(TileFetcher inner) {
    this.inner = inner;
  }

  @Override
  public byte[] fetch(String path) throws IOException {
    byte[] data = inner.fetch(path);
    bytes += data.length;
    if (path.startsWith("tile/entries/")) {
      bundles++;
    } else {
      hashTiles++;
      if (path.contains(".p/")) {
        partialHashTiles++;
      }
    }
    return data;
  }
}
