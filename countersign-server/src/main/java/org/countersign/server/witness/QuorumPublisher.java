package org.countersign.server.witness;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.countersign.server.publish.CheckpointPublisher;
import org.countersign.server.publish.PublicationDeferredException;
import org.countersign.server.publish.PublishedCheckpoint;
import org.countersign.store.LogStore;
import org.countersign.witness.client.ConsistencyProofSource;
import org.countersign.witness.client.QuorumCollector;
import org.countersign.witness.client.QuorumException;
import org.countersign.witness.client.WitnessException;
import org.countersign.witness.policy.CosignedCheckpoint;
import org.countersign.witness.policy.PolicyException;
import org.countersign.witness.policy.WitnessPolicy;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a committed checkpoint only once a quorum of witnesses has cosigned it.
 *
 * <h2>Contract</h2>
 *
 * <p>For each committed checkpoint the sequencer hands it, {@link #publish} sends the log-signed
 * note to every witness of the policy in parallel ({@link QuorumCollector}), with the size of the
 * last published checkpoint as each witness's assumed state and consistency proofs from the log's
 * own tiles (a witness that answers 409 with its size gets the proof from there). If the merged
 * note satisfies the policy, it is persisted ({@link LogStore#putPublishedCheckpoint}) with every
 * cosignature gathered and returned; the sequencer then serves it at {@code /checkpoint}.
 *
 * <p>If the quorum is not met, nothing is published: it throws {@link
 * PublicationDeferredException}, so the previous checkpoint stays at {@code /checkpoint} and no
 * submitter gets a receipt for the new one. The failure is recorded in {@link WitnessingStatus}
 * ({@code /health} reports "degraded: quorum not met" naming each failing witness and why) and in
 * {@link WitnessMetrics}, and logged once per round. The next round runs after a backoff (doubling
 * from {@link WitnessingOptions#retryMin()} to {@link WitnessingOptions#retryMax()}): on the next
 * batch, or when the idle sequencer retries its newest unpublished checkpoint. Calls during the
 * backoff return at once without asking the witnesses. There is no fallback to an unwitnessed
 * checkpoint.
 *
 * <p>Thread-safe; rounds run one at a time (the sequencer calls from its publication thread, which
 * overlaps the next batch's integration: {@link #overlapsNextBatch()}).
 */
public final class QuorumPublisher implements CheckpointPublisher {
  private static final Logger log = LoggerFactory.getLogger(QuorumPublisher.class);

  private final QuorumCollector collector;
  private final LogStore store;
  private final ConsistencyProofSource proofs;
  private final WitnessingStatus status;
  private final WitnessMetrics metrics;
  private final RetryBackoff backoff;
  private final LongSupplier ticker;
  private final ReentrantLock lock = new ReentrantLock();
  private long lastPublishedSize;
  private @Nullable String lastPublishedNote;
  private @Nullable String lastCheckedNote;
  private boolean lastCheckedWitnessed;

  /**
   * A publisher for the collector's policy.
   *
   * @param proofs consistency proofs over the log's committed tiles
   * @param publishedSize the size served at start (the first guess of the witnesses' state)
   * @param ticker monotonic nanoseconds, for the backoff and round times
   */
  public QuorumPublisher(
      QuorumCollector collector,
      LogStore store,
      ConsistencyProofSource proofs,
      WitnessingStatus status,
      WitnessMetrics metrics,
      WitnessingOptions options,
      long publishedSize,
      LongSupplier ticker) {
    this.collector = Objects.requireNonNull(collector, "collector");
    this.store = Objects.requireNonNull(store, "store");
    this.proofs = Objects.requireNonNull(proofs, "proofs");
    this.status = Objects.requireNonNull(status, "status");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
    this.backoff = new RetryBackoff(options.retryMin(), options.retryMax(), ticker);
    this.lastPublishedSize = publishedSize;
  }

  /**
   * True: a round waits on the witnesses, so the sequencer runs it beside the next batch's
   * integration (issue 14).
   */
  @Override
  public boolean overlapsNextBatch() {
    return true;
  }

  /** The policy whose quorum every published checkpoint meets. */
  public WitnessPolicy policy() {
    return collector.policy();
  }

  /**
   * Gathers cosignatures on {@code committed} and publishes it once the quorum holds.
   *
   * @throws PublicationDeferredException if the quorum was not met (or a retry is not due yet):
   *     nothing was published
   * @throws InterruptedException if interrupted while waiting for the witnesses
   * @throws Exception if the store cannot persist the cosigned checkpoint
   */
  @Override
  public String publish(PublishedCheckpoint committed) throws Exception {
    lock.lock();
    try {
      status.committed(committed.size());
      if (!backoff.ready()) {
        throw new PublicationDeferredException(
            "quorum not met; next round in " + backoff.remaining().toMillis() + " ms");
      }
      long started = ticker.getAsLong();
      QuorumCollector.Collected got;
      try {
        got = collector.collectReporting(committed.note(), lastPublishedSize, proofs);
      } catch (QuorumException e) {
        metrics.round(Duration.ofNanos(ticker.getAsLong() - started));
        missed(committed, e);
        throw new PublicationDeferredException(
            Objects.requireNonNullElse(e.getMessage(), e.toString()));
      }
      metrics.round(Duration.ofNanos(ticker.getAsLong() - started));
      CosignedCheckpoint cosigned = got.checkpoint();
      if (cosigned.checkpoint().size() != committed.size()
          || !cosigned.checkpoint().root().equals(committed.root())) {
        throw new IllegalStateException(
            "the cosigned checkpoint is not the committed one: " + cosigned);
      }
      String note = cosigned.signedNote();
      store.putPublishedCheckpoint(note);
      lastPublishedSize = committed.size();
      lastPublishedNote = note;
      backoff.succeeded();
      status.published(committed.size(), cosigned.cosignatures().keySet(), got.failures());
      cosigned.cosignatures().keySet().forEach(metrics::cosigned);
      got.failures().forEach((name, e) -> metrics.witnessFailure(name, e.kind().name()));
      if (!got.failures().isEmpty()) {
        log.warn(
            "event=checkpoint_cosigned_without size={} cosigned={} failed=\"{}\"",
            committed.size(),
            cosigned.cosignatures().keySet(),
            summary(got.failures()));
      }
      log.info(
          "event=checkpoint_cosigned size={} cosigned={} round_ms={}",
          committed.size(),
          cosigned.cosignatures().keySet(),
          Duration.ofNanos(ticker.getAsLong() - started).toMillis());
      return note;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw e;
    } finally {
      lock.unlock();
    }
  }

  private void missed(PublishedCheckpoint committed, QuorumException e) {
    Duration retryIn = backoff.failed();
    metrics.quorumFailure();
    e.failures().forEach((name, f) -> metrics.witnessFailure(name, f.kind().name()));
    e.cosigned().forEach(metrics::cosigned);
    status.quorumMissed(committed.size(), e.cosigned(), e.failures(), retryIn);
    log.warn(
        "event=quorum_not_met size={} published_size={} cosigned={} failed=\"{}\" retry_ms={}",
        committed.size(),
        lastPublishedSize,
        e.cosigned(),
        summary(e.failures()),
        retryIn.toMillis());
  }

  /**
   * True if the checkpoint served does not meet the policy (it was published before witnesses were
   * configured), so the sequencer should have it cosigned. Memoised per note: the idle sequencer
   * asks four times a second.
   */
  @Override
  public boolean needsRepublish(PublishedCheckpoint served) {
    lock.lock();
    try {
      if (served.note().equals(lastPublishedNote)) {
        return false;
      }
      if (!served.note().equals(lastCheckedNote)) {
        lastCheckedNote = served.note();
        lastCheckedWitnessed = meetsPolicy(served.note());
      }
      return !lastCheckedWitnessed;
    } finally {
      lock.unlock();
    }
  }

  /** Whether {@code note} satisfies the policy. */
  boolean meetsPolicy(String note) {
    try {
      collector.policy().satisfiedBy(note);
      return true;
    } catch (PolicyException e) {
      return false;
    }
  }

  private static String summary(Map<String, WitnessException> failures) {
    StringBuilder b = new StringBuilder();
    failures.forEach(
        (n, e) -> {
          if (b.length() > 0) {
            b.append("; ");
          }
          b.append(n).append(' ').append(e.kind()).append(": ").append(e.getMessage());
        });
    return b.toString().replace('"', '\'');
  }
}
