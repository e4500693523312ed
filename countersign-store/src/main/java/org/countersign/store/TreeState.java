package org.countersign.store;

/**
 * The integrated tree as last committed: its size and the checkpoint the log signed for it.
 *
 * @param size the number of integrated entries, {@code >= 0}
 * @param checkpointNote the log-signed checkpoint note for {@code size}, verbatim; the empty string
 *     only for a new log that has not yet signed its empty tree
 */
public record TreeState(long size, String checkpointNote) {
  /** The state of a log that has never committed anything. */
  public static final TreeState EMPTY = new TreeState(0, "");

  /** Validates that a non-empty tree always has a checkpoint. */
  public TreeState {
    if (size < 0) {
      throw new IllegalArgumentException("tree size must be >= 0, got " + size);
    }
    if (size > 0 && checkpointNote.isEmpty()) {
      throw new IllegalArgumentException("a tree of size " + size + " must have a checkpoint");
    }
  }

  /** Whether the log has signed a checkpoint yet. */
  public boolean hasCheckpoint() {
    return !checkpointNote.isEmpty();
  }
}
