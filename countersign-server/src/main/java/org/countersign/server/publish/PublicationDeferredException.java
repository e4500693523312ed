package org.countersign.server.publish;

/**
 * A {@link CheckpointPublisher} cannot publish the committed checkpoint yet, for a reason it has
 * already reported (for witnesses: the quorum was not met, or it is waiting out a retry backoff).
 *
 * <p>Nothing is wrong with the sequencer or the store: the checkpoint stays committed and
 * unpublished, submitters are not given a receipt for it, and the sequencer retries while idle. The
 * sequencer therefore logs it quietly; the publisher MUST make the condition visible itself
 * (metrics, {@code /health}).
 */
public final class PublicationDeferredException extends Exception {
  /** Says why publication is deferred and, if known, when it will be retried. */
  public PublicationDeferredException(String message) {
    super(message);
  }
}
