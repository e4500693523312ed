package org.countersign.server.publish;

import java.util.Objects;
import org.countersign.log.Hash;

/**
 * A checkpoint as the server serves it at {@code /checkpoint}: its size and root, and the note
 * verbatim (log signature plus any cosignatures).
 *
 * @param size the tree size
 * @param root the RFC 6962 root at that size
 * @param note the signed note, ending in a newline
 */
public record PublishedCheckpoint(long size, Hash root, String note) {
  public PublishedCheckpoint {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(note, "note");
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0, got " + size);
    }
  }
}
