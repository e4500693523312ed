package org.countersign.witness.server;

import java.util.Objects;
import org.countersign.log.Hash;

/**
 * What a witness remembers about one log: the latest checkpoint it cosigned.
 *
 * @param origin the log's origin line
 * @param size the tree size of that checkpoint
 * @param root its root hash
 * @param signedNote the checkpoint note verbatim, with the log's signatures and this witness's
 *     cosignature, as served on the monitoring endpoint
 */
public record StoredCheckpoint(String origin, long size, Hash root, String signedNote) {
  public StoredCheckpoint {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(signedNote, "signedNote");
    if (origin.isEmpty()) {
      throw new IllegalArgumentException("origin must not be empty");
    }
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0, got " + size);
    }
  }
}
