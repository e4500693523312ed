package org.countersign.cli.verify;

import java.util.Objects;
import org.countersign.log.Hash;
import org.countersign.log.checkpoint.Checkpoint;

/**
 * A checkpoint whose log signature {@link LogKey#openCheckpoint} checked.
 *
 * @param checkpoint the parsed checkpoint
 * @param note the signed note verbatim, as evidence (with any witness cosignatures)
 * @param otherSignatures how many signatures besides the log's the note carries (witness
 *     cosignatures; not checked here)
 */
public record VerifiedCheckpoint(Checkpoint checkpoint, String note, int otherSignatures) {
  public VerifiedCheckpoint {
    Objects.requireNonNull(checkpoint, "checkpoint");
    Objects.requireNonNull(note, "note");
  }

  /** The tree size. */
  public long size() {
    return checkpoint.size();
  }

  /** The root hash. */
  public Hash root() {
    return checkpoint.root();
  }
}
