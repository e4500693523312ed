package org.countersign.server.sequence;

import org.countersign.store.LogStore;

/**
 * The step between a durable commit and the checkpoint readers see: where witnesses will cosign.
 *
 * <p>The sequencer calls it once per committed batch with the log-signed checkpoint, on its own
 * thread, after the commit has returned and before any submitter is answered. It returns the note
 * to publish (the log-signed note itself, or the same checkpoint with cosignatures added). It MUST
 * persist what it returns ({@link LogStore#putPublishedCheckpoint}) before returning, so that a
 * restart serves nothing smaller. If it throws, the sequencer keeps serving the previous
 * checkpoint, answers the batch's submitters with the log-signed one, and retries publishing while
 * idle.
 *
 * <p>The default, {@link #storing(LogStore)}, publishes the log-signed checkpoint unchanged; issue
 * 6 (witness cosigning) replaces it with one that gathers cosignatures first.
 */
@FunctionalInterface
public interface CheckpointPublisher {
  /**
   * Publishes the committed checkpoint.
   *
   * @param committed the log-signed checkpoint that was just made durable
   * @return the note to serve, which MUST be the same checkpoint (origin, size, root)
   */
  String publish(PublishedCheckpoint committed) throws Exception;

  /** Publishes the log-signed checkpoint as is, persisting it in {@code store}. */
  static CheckpointPublisher storing(LogStore store) {
    return committed -> {
      store.putPublishedCheckpoint(committed.note());
      return committed.note();
    };
  }
}
