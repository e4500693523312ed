package org.countersign.server.publish;

import org.countersign.store.LogStore;

/**
 * The step between a durable commit and the checkpoint readers see: where witnesses will cosign.
 *
 * <p>The sequencer calls it once per committed batch with the log-signed checkpoint, on its own
 * thread, after the commit has returned and before any submitter is answered. It returns the note
 * to publish (the log-signed note itself, or the same checkpoint with cosignatures added). It MUST
 * persist what it returns ({@link LogStore#putPublishedCheckpoint}) before returning, so that a
 * restart serves nothing smaller. If it throws, the sequencer keeps serving the previous checkpoint
 * and retries publishing while idle; submitters get their receipts only once a published checkpoint
 * covers their entry. {@link PublicationDeferredException} says the publisher already reported why
 * (for instance a witness quorum not met); anything else is logged as an error.
 *
 * <p>The default, {@link #storing(LogStore)}, publishes the log-signed checkpoint unchanged; issue
 * 6 (witness cosigning) replaces it with {@code org.countersign.server.witness.QuorumPublisher},
 * which gathers cosignatures first.
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

  /**
   * Whether the checkpoint served now, of the committed size, should still be published again (for
   * witnesses: it was published before witnessing was configured and lacks the quorum). The
   * sequencer asks while idle and then calls {@link #publish} with the committed checkpoint. The
   * default, false, suits publishers whose every published note is final.
   */
  default boolean needsRepublish(PublishedCheckpoint served) {
    return false;
  }

  /**
   * Whether publishing waits on others (a witness round over the network), so the sequencer should
   * publish on a thread of its own and integrate the next batch meanwhile. Then {@link #publish}
   * and {@link #needsRepublish} are called from that thread, one call at a time, always with the
   * newest committed checkpoint. The default, false, publishes on the sequencer's thread before the
   * batch's submitters are answered.
   */
  default boolean overlapsNextBatch() {
    return false;
  }

  /** Publishes the log-signed checkpoint as is, persisting it in {@code store}. */
  static CheckpointPublisher storing(LogStore store) {
    return committed -> {
      store.putPublishedCheckpoint(committed.note());
      return committed.note();
    };
  }
}
