package org.countersign.witness.policy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import org.countersign.log.checkpoint.Checkpoint;
import org.countersign.log.checkpoint.Cosignature;

/**
 * A checkpoint that a {@link WitnessPolicy} accepted: signed by one of its logs, cosigned by
 * witnesses that hold its quorum.
 *
 * <p>Security guarantee: instances exist only through {@link WitnessPolicy#satisfiedBy}, so code
 * that takes a {@code CosignedCheckpoint} cannot be handed an unwitnessed one. It does not carry
 * the policy; a holder that needs to know <em>which</em> policy held should keep the two together.
 */
public final class CosignedCheckpoint {
  private final Checkpoint checkpoint;
  private final String signedNote;
  private final PolicyLog log;
  private final SequencedMap<String, Cosignature> cosignatures;

  CosignedCheckpoint(
      Checkpoint checkpoint,
      String signedNote,
      PolicyLog log,
      SequencedMap<String, Cosignature> cosignatures) {
    this.checkpoint = Objects.requireNonNull(checkpoint);
    this.signedNote = Objects.requireNonNull(signedNote);
    this.log = Objects.requireNonNull(log);
    this.cosignatures = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(cosignatures));
  }

  /** The checkpoint. */
  public Checkpoint checkpoint() {
    return checkpoint;
  }

  /**
   * The note that was verified, verbatim: checkpoint text, the log's signature and every
   * cosignature; what a log publishes at {@code /checkpoint}.
   */
  public String signedNote() {
    return signedNote;
  }

  /** The policy log whose signature verified. */
  public PolicyLog log() {
    return log;
  }

  /** The verified cosignatures by policy witness name, in policy order (quorum members or not). */
  public Map<String, Cosignature> cosignatures() {
    return cosignatures;
  }

  @Override
  public String toString() {
    return "CosignedCheckpoint["
        + checkpoint.origin()
        + " size "
        + checkpoint.size()
        + ", "
        + cosignatures.size()
        + " cosignatures "
        + cosignatures.keySet()
        + "]";
  }
}
