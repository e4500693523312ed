package org.countersign.server.witness;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The witnessing meters, registered with the server's other metrics and scraped at {@code
 * /metrics}. Their names are part of the operator's interface:
 *
 * <ul>
 *   <li>{@code countersign_witness_quorum_failures_total}: rounds that missed the quorum (the
 *       checkpoint was not published);
 *   <li>{@code countersign_witness_failures_total{witness,kind}}: per witness, rounds in which it
 *       did not cosign, by {@code kind} (UNREACHABLE, TIMEOUT, CONFLICT, REFUSED, BAD_RESPONSE,
 *       NO_URL), whether or not the quorum held;
 *   <li>{@code countersign_witness_cosignatures_total{witness}}: cosignatures received;
 *   <li>{@code countersign_witness_up{witness}}: 1 if the witness's last round succeeded, else 0;
 *   <li>{@code countersign_witness_round_seconds}: time to gather a round's cosignatures;
 *   <li>{@code countersign_seconds_since_published}: seconds since a checkpoint was last published
 *       with a quorum (since this start; -1 before the first), which grows while the quorum is not
 *       met and also while no entries arrive;
 *   <li>{@code countersign_unpublished_entries}: entries integrated but not yet in a published
 *       checkpoint; alert when it stays above zero.
 * </ul>
 */
public final class WitnessMetrics {
  private final MeterRegistry registry;
  private final Counter quorumFailures;
  private final Timer round;
  private final Map<String, Counter> failures = new ConcurrentHashMap<>();
  private final Map<String, Counter> cosignatures = new ConcurrentHashMap<>();

  /** Registers the meters for the witnesses named in {@code status}'s policy. */
  public WitnessMetrics(
      MeterRegistry registry,
      WitnessingStatus status,
      Iterable<String> witnessNames,
      InstantSource clock) {
    this.registry = registry;
    quorumFailures =
        Counter.builder("countersign_witness_quorum_failures")
            .description("witness rounds that missed the quorum; the checkpoint was not published")
            .register(registry);
    round =
        Timer.builder("countersign_witness_round")
            .description("time to gather one round of cosignatures")
            .serviceLevelObjectives(
                Duration.ofMillis(10),
                Duration.ofMillis(50),
                Duration.ofMillis(100),
                Duration.ofMillis(250),
                Duration.ofSeconds(1),
                Duration.ofSeconds(5))
            .register(registry);
    Gauge.builder(
            "countersign_seconds_since_published",
            status,
            s ->
                s.lastPublishedAt()
                    .map(t -> Duration.between(t, clock.instant()).toMillis() / 1000.0)
                    .orElse(-1.0))
        .description("seconds since a checkpoint was last published with a witness quorum")
        .register(registry);
    Gauge.builder(
            "countersign_unpublished_entries",
            status,
            s -> (double) Math.max(0, s.committedSize() - s.publishedSize()))
        .description("entries integrated but not yet covered by a published checkpoint")
        .register(registry);
    for (String name : witnessNames) {
      Gauge.builder("countersign_witness_up", status, s -> s.witnessUp(name) ? 1.0 : 0.0)
          .description("1 if the witness cosigned in its last round, else 0")
          .tag("witness", name)
          .register(registry);
      cosignatures.put(
          name,
          Counter.builder("countersign_witness_cosignatures")
              .description("cosignatures received, per witness")
              .tag("witness", name)
              .register(registry));
    }
  }

  void quorumFailure() {
    quorumFailures.increment();
  }

  void witnessFailure(String witness, String kind) {
    failures
        .computeIfAbsent(
            witness + "\u0000" + kind,
            k ->
                Counter.builder("countersign_witness_failures")
                    .description("rounds in which a witness did not cosign, by kind")
                    .tag("witness", witness)
                    .tag("kind", kind)
                    .register(registry))
        .increment();
  }

  void cosigned(String witness) {
    Counter c = cosignatures.get(witness);
    if (c != null) {
      c.increment();
    }
  }

  void round(Duration time) {
    round.record(time);
  }
}
