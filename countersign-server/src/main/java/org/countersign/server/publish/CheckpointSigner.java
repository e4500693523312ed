package org.countersign.server.publish;

import org.countersign.log.Hash;

/**
 * Signs the log's checkpoint for a tree size and root with the log key (C2SP tlog-checkpoint). A
 * seam for the same reason as {@link BatchIntegrator}; production code uses {@link
 * LogCheckpointSigner}.
 */
@FunctionalInterface
public interface CheckpointSigner {
  /** The signed checkpoint note for {@code size} and {@code root}, ending in a newline. */
  String sign(long size, Hash root);
}
