package org.countersign.cli.verify;

import java.util.Optional;
import org.countersign.log.InconsistencyException;

/**
 * The audit found something wrong with the log: a signature, a proof, a tile, an entry or a
 * statement that does not check out. The message is one line that names what failed and where
 * (entry index, tile path, key id), fit to be published as the finding.
 */
public final class AuditFailure extends Exception {
  private static final long serialVersionUID = 1L;

  public AuditFailure(String message) {
    super(message, null, false, false);
  }

  public AuditFailure(String message, Throwable cause) {
    super(message, cause, false, false);
  }

  /**
   * The two signed checkpoints that cannot both be true, and the proof, when this failure is a fork
   * or a rollback: the evidence to keep and publish.
   */
  public Optional<InconsistencyException> inconsistency() {
    return getCause() instanceof InconsistencyException e ? Optional.of(e) : Optional.empty();
  }
}
