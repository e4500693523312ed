package org.countersign.objectstore;

import java.util.Objects;
import org.countersign.log.Hash;

/**
 * A checkpoint the log has published: its tree size and root and the signed note readers get.
 *
 * @param note the checkpoint note exactly as the log serves it (with any cosignatures)
 */
public record Published(long size, Hash root, String note) {
  /** Validates the size and the non-null fields. */
  public Published {
    if (size < 0) {
      throw new IllegalArgumentException("negative tree size " + size);
    }
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(note, "note");
  }
}
