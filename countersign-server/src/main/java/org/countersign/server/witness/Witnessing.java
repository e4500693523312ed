package org.countersign.server.witness;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.countersign.log.note.VerifierKey;
import org.countersign.server.publish.CheckpointSigner;
import org.countersign.server.publish.PublishedCheckpoint;
import org.countersign.server.publish.PublishedLog;
import org.countersign.server.tiles.ProofSource;
import org.countersign.store.LogStore;
import org.countersign.witness.client.ConsistencyProofSource;
import org.countersign.witness.client.QuorumCollector;
import org.countersign.witness.policy.PolicyLog;

/**
 * The witnessing part of a log server, assembled once at start: the collector, the {@link
 * QuorumPublisher} the sequencer publishes through, the {@link WitnessingStatus} that {@code
 * /health} and {@code /api/v1/log} report, and the meters. {@link #close()} stops the collector's
 * threads.
 */
public final class Witnessing implements AutoCloseable {
  private final WitnessingOptions options;
  private final HttpClient http;
  private final QuorumCollector collector;
  private final QuorumPublisher publisher;
  private final WitnessingStatus status;
  private final ConsistencyProofSource proofs;
  private @org.jspecify.annotations.Nullable QuorumCollector forkCollector;

  private Witnessing(
      WitnessingOptions options,
      HttpClient http,
      QuorumCollector collector,
      QuorumPublisher publisher,
      WitnessingStatus status,
      ConsistencyProofSource proofs) {
    this.options = options;
    this.http = http;
    this.collector = collector;
    this.publisher = publisher;
    this.status = status;
    this.proofs = proofs;
  }

  /**
   * Assembles witnessing for the log with key {@code logKey}.
   *
   * @param served the checkpoint published before this start, if any
   * @param ticker monotonic nanoseconds (backoff, round times)
   * @throws IllegalArgumentException if the policy does not list {@code logKey} among its logs
   */
  public static Witnessing assemble(
      WitnessingOptions options,
      VerifierKey logKey,
      LogStore store,
      ProofSource tiles,
      MeterRegistry registry,
      InstantSource clock,
      Optional<PublishedCheckpoint> served,
      LongSupplier ticker) {
    boolean listed = false;
    for (PolicyLog l : options.policy().logs()) {
      listed |= l.key().equals(logKey);
    }
    if (!listed) {
      throw new IllegalArgumentException(
          "the witness policy does not list this log's key: add the line \"log "
              + logKey.encode()
              + "\" (the witnesses must also know this key)");
    }
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(min(options.timeout(), Duration.ofSeconds(2)))
            .build();
    QuorumCollector collector =
        new QuorumCollector(options.policy(), http, options.timeout(), options.graceAfterQuorum());
    ConsistencyProofSource proofs = (m, n) -> tiles.consistency(m, n).path();
    boolean witnessed = false;
    if (served.isPresent()) {
      try {
        options.policy().satisfiedBy(served.get().note());
        witnessed = true;
      } catch (org.countersign.witness.policy.PolicyException e) {
        witnessed = false;
      }
    }
    long servedSize = served.map(PublishedCheckpoint::size).orElse(0L);
    WitnessingStatus status =
        new WitnessingStatus(
            clock,
            options.policy().quorum().name(),
            options.policy().witnesses().keySet(),
            servedSize,
            witnessed);
    WitnessMetrics metrics =
        new WitnessMetrics(registry, status, options.policy().witnesses().keySet(), clock);
    QuorumPublisher publisher =
        new QuorumPublisher(collector, store, proofs, status, metrics, options, servedSize, ticker);
    return new Witnessing(options, http, collector, publisher, status, proofs);
  }

  /** The sequencer's publisher. */
  public QuorumPublisher publisher() {
    return publisher;
  }

  /** What {@code /health} and {@code /api/v1/log} report. */
  public WitnessingStatus status() {
    return status;
  }

  /**
   * INSECURE, FOR TESTS ONLY: the fork routes (see {@link InsecureForkForTests}), with a collector
   * of their own.
   */
  public synchronized InsecureForkForTests insecureForkForTests(
      CheckpointSigner signer, PublishedLog published) {
    if (forkCollector == null) {
      forkCollector =
          new QuorumCollector(
              options.policy(), http, options.timeout(), options.graceAfterQuorum());
    }
    return new InsecureForkForTests(signer, published, forkCollector, proofs);
  }

  /** Stops the collectors' threads; requests in flight are abandoned. */
  @Override
  public synchronized void close() {
    collector.close();
    if (forkCollector != null) {
      forkCollector.close();
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
