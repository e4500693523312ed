package org.countersign.server.publish;

import java.util.Objects;
import org.countersign.log.Hash;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.note.SignerKey;

/**
 * Signs checkpoints with the log's own key, whose name is the log's origin (C2SP tlog-checkpoint:
 * the key name SHOULD equal the origin). No extension lines: monitors cannot audit them.
 */
public final class LogCheckpointSigner implements CheckpointSigner {
  private final SignerKey key;

  /** Signs with {@code key}; the checkpoints' origin is the key's name. */
  public LogCheckpointSigner(SignerKey key) {
    this.key = Objects.requireNonNull(key, "key");
  }

  /** The origin line of every checkpoint this signer makes. */
  public String origin() {
    return key.name();
  }

  @Override
  public String sign(long size, Hash root) {
    return new Checkpoint(key.name(), size, root).sign(key);
  }
}
