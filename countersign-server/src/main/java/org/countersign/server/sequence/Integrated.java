package org.countersign.server.sequence;

import java.util.Objects;
import org.countersign.log.Hash;
import org.countersign.server.publish.PublishedCheckpoint;

/**
 * Where a sequenced entry landed, once durable (and published, unless the publisher overlaps the
 * next batch: then readers wait for {@code PublishedLog} to cover it).
 *
 * @param index the entry's index in the log
 * @param leafHash its RFC 6962 leaf hash
 * @param checkpoint the checkpoint that first covered it: the published one, or the committed one
 *     when publication was deferred or runs beside the next batch
 */
public record Integrated(long index, Hash leafHash, PublishedCheckpoint checkpoint) {
  public Integrated {
    Objects.requireNonNull(leafHash, "leafHash");
    Objects.requireNonNull(checkpoint, "checkpoint");
    if (index < 0 || index >= checkpoint.size()) {
      throw new IllegalArgumentException(
          "index " + index + " is not covered by a checkpoint of size " + checkpoint.size());
    }
  }
}
