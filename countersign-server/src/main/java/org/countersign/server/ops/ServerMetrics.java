package org.countersign.server.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The server's Prometheus metrics, scraped at {@code GET /metrics}.
 *
 * <p>Names and labels are part of the operator's interface (dashboards and alerts are built on
 * them), so they are fixed here in one place:
 *
 * <ul>
 *   <li>{@code countersign_submissions_total{outcome}}: every answered submission, by outcome
 *       ({@code integrated}, {@code duplicate}, {@code accepted} (queued, answered 202), {@code
 *       pushback}, {@code error}, or the refusal code such as {@code bad-signature});
 *   <li>{@code countersign_batch_entries}: entries per integrated batch;
 *   <li>{@code countersign_integration_seconds}: from enqueue to published checkpoint, per entry;
 *   <li>{@code countersign_commit_seconds}: the store's durable commit, per batch;
 *   <li>{@code countersign_tree_size}, {@code countersign_published_size}: committed and published
 *       tree sizes;
 *   <li>{@code countersign_pending_entries}: submissions waiting for the sequencer.
 * </ul>
 *
 * <p>With witnesses, {@code org.countersign.server.witness.WitnessMetrics} adds its meters here.
 */
public final class ServerMetrics {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, Counter> submissions = new ConcurrentHashMap<>();
  private final DistributionSummary batchEntries;
  private final Timer integration;
  private final Timer commit;
  private final Timer receipt;
  private final Timer publicationWait;
  private final AtomicLong treeSize = new AtomicLong();
  private final AtomicLong publishedSize = new AtomicLong();

  private volatile LongSupplier pending = () -> 0;

  /**
   * Registers the meters. The pending-entries gauge reads 0 until {@link #pendingFrom} names the
   * queue: the sequencer that owns the queue needs these metrics to be built.
   */
  public ServerMetrics() {
    batchEntries =
        DistributionSummary.builder("countersign_batch_entries")
            .description("entries integrated per batch")
            .serviceLevelObjectives(1, 8, 64, 256, 1024, 4096)
            .register(registry);
    integration =
        Timer.builder("countersign_integration")
            .description("time from enqueue to published checkpoint, per entry")
            .serviceLevelObjectives(latencyBuckets())
            .register(registry);
    commit =
        Timer.builder("countersign_commit")
            .description("durable store commit, per batch")
            .serviceLevelObjectives(
                Duration.ofMillis(1),
                Duration.ofMillis(10),
                Duration.ofMillis(100),
                Duration.ofSeconds(1))
            .register(registry);
    receipt =
        Timer.builder("countersign_receipt")
            .description(
                "time from a validated submission to its receipt, covered by the published"
                    + " checkpoint (the server's share of what a submitter waits)")
            .serviceLevelObjectives(latencyBuckets())
            .register(registry);
    publicationWait =
        Timer.builder("countersign_publication_wait")
            .description(
                "time from an entry's durable commit to a published checkpoint covering it"
                    + " (the witness rounds it waits for)")
            .serviceLevelObjectives(latencyBuckets())
            .register(registry);
    Gauge.builder("countersign_tree_size", treeSize, AtomicLong::doubleValue)
        .description("entries committed to the store")
        .register(registry);
    Gauge.builder("countersign_published_size", publishedSize, AtomicLong::doubleValue)
        .description("size of the published checkpoint")
        .register(registry);
    Gauge.builder("countersign_pending_entries", this, m -> (double) m.pending.getAsLong())
        .strongReference(true)
        .description("submissions waiting for the sequencer")
        .register(registry);
  }

  /** Samples {@code pending} (entries waiting for the sequencer) at each scrape from now on. */
  public void pendingFrom(LongSupplier pending) {
    this.pending = pending;
  }

  private record StoreFailure(String what, long atNanos) {}

  private volatile @org.jspecify.annotations.Nullable StoreFailure storeFailure;

  /** Notes that a read from the store failed (answered 503); {@code /health} shows it a while. */
  public void storeFailed(String what) {
    storeFailure = new StoreFailure(what, System.nanoTime());
  }

  /** The last store failure if it happened within {@code window}. */
  public java.util.Optional<String> recentStoreFailure(Duration window) {
    StoreFailure f = storeFailure;
    if (f == null || System.nanoTime() - f.atNanos() > window.toNanos()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(f.what());
  }

  /** Counts one answered submission by its outcome label. */
  public void submission(String outcome) {
    submissions
        .computeIfAbsent(
            outcome,
            o ->
                Counter.builder("countersign_submissions")
                    .description("answered submissions by outcome")
                    .tag("outcome", o)
                    .register(registry))
        .increment();
  }

  /** Records one integrated batch. */
  public void batch(int entries, Duration commitTime) {
    batchEntries.record(entries);
    commit.record(commitTime);
  }

  /** Records the enqueue-to-publish latency of one entry. */
  public void integrated(Duration latency) {
    integration.record(latency);
  }

  /**
   * Records one receipt's wait in the server: {@code total} from the validated submission to the
   * receipt, of which {@code published} from its durable commit to a published checkpoint covering
   * it. With the generator's own timings this splits a submitter's wait into client, server and
   * publication (issue 14, item 2).
   */
  public void receipt(Duration total, Duration published) {
    receipt.record(total);
    publicationWait.record(published);
  }

  private static Duration[] latencyBuckets() {
    return new Duration[] {
      Duration.ofMillis(10),
      Duration.ofMillis(50),
      Duration.ofMillis(100),
      Duration.ofMillis(250),
      Duration.ofMillis(500),
      Duration.ofSeconds(1),
      Duration.ofSeconds(2),
      Duration.ofSeconds(5)
    };
  }

  /** Updates the committed tree size. */
  public void treeSize(long size) {
    treeSize.set(size);
  }

  /** Updates the published size. */
  public void publishedSize(long size) {
    publishedSize.set(size);
  }

  /** The registry, for the meters of optional parts (witnessing) that scrape with these. */
  public io.micrometer.core.instrument.MeterRegistry registry() {
    return registry;
  }

  /** The Prometheus text exposition of every meter. */
  public String scrape() {
    return registry.scrape();
  }
}
