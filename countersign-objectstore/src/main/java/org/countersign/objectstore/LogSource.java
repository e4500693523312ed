package org.countersign.objectstore;

import java.io.IOException;
import java.time.Duration;
import org.countersign.log.tile.EntryBundleId;
import org.countersign.log.tile.TileId;

/**
 * What the mirror reads from the log: the published checkpoint and the bytes behind it. The server
 * implements it over its store; the bytes MUST be those its own read path serves.
 */
public interface LogSource {
  /** The checkpoint the log publishes now. */
  Published published();

  /**
   * Waits until the published tree is larger than {@code size} or {@code timeout} passes, then
   * returns the checkpoint published at that moment.
   */
  Published awaitLarger(long size, Duration timeout) throws InterruptedException;

  /** The hash tile {@code id} (of its width), which a published checkpoint justifies. */
  byte[] hashTile(TileId id) throws IOException;

  /** The entry bundle {@code id} (of its width), which a published checkpoint justifies. */
  byte[] entryBundle(EntryBundleId id) throws IOException;
}
