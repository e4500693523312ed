package org.countersign.log;

import java.util.List;

/**
 * Two signed checkpoints of one log that cannot both be true: the same size with different roots,
 * or a consistency proof that fails. It holds both signed notes verbatim and the proof, so that
 * whoever catches it can publish it as evidence that anyone can check offline.
 */
public final class InconsistencyException extends LogException {
  private final String olderNote;
  private final String newerNote;
  private final List<Hash> proof;

  public InconsistencyException(
      String message, String olderNote, String newerNote, List<Hash> proof) {
    super(message);
    this.olderNote = olderNote;
    this.newerNote = newerNote;
    this.proof = List.copyOf(proof);
  }

  /** The signed note of the older (smaller or first-seen) checkpoint, verbatim. */
  public String olderNote() {
    return olderNote;
  }

  /** The signed note of the newer checkpoint, verbatim. */
  public String newerNote() {
    return newerNote;
  }

  /** The consistency proof that failed, empty where none applies (same size, different roots). */
  public List<Hash> proof() {
    return proof;
  }
}
