package org.countersign.witness.monitor;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.countersign.log.checkpoint.Checkpoint;

/**
 * The outcome of one monitoring round.
 *
 * @param status what was found
 * @param checkpoint the checkpoint the log served, if one could be read
 * @param message one line for the log and the webhook
 * @param evidence the evidence file written, for {@link Status#SPLIT_VIEW} and {@link
 *     Status#ROLLED_BACK}
 */
public record MonitorResult(
    Status status, Optional<Checkpoint> checkpoint, String message, Optional<Path> evidence) {

  /** What a round found; all but the first two are alerts. */
  public enum Status {
    /** The same checkpoint as last time. */
    UNCHANGED,
    /** A new checkpoint, cosigned per the policy, consistent with the last, entries verified. */
    ADVANCED,
    /** The log could not be read, or served tiles or entries that do not verify. */
    UNREADABLE,
    /** The checkpoint is not signed by the log key, or does not meet the witness policy. */
    NOT_WITNESSED,
    /**
     * A smaller checkpoint than the last one seen, its prefix or with the larger tree no longer
     * served: stale or rolled back; both signed notes are kept as evidence.
     */
    ROLLED_BACK,
    /** Two signed checkpoints that cannot both be true: evidence written. */
    SPLIT_VIEW
  }

  public MonitorResult {
    Objects.requireNonNull(status);
    Objects.requireNonNull(checkpoint);
    Objects.requireNonNull(message);
    Objects.requireNonNull(evidence);
  }

  /** Whether this round needs a human. */
  public boolean isAlert() {
    return status != Status.UNCHANGED && status != Status.ADVANCED;
  }
}
