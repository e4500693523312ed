package org.countersign.server.witness;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.countersign.witness.policy.PolicyWitness;
import org.countersign.witness.policy.WitnessPolicy;

/**
 * How the log server gathers cosignatures: the witness policy (who, how many, where) and the
 * timings.
 *
 * <p>Validated at construction, with the offending value in the message: a policy whose quorum
 * cannot hold even if every witness with a URL cosigns is refused, since such a log could never
 * publish a checkpoint.
 *
 * @param policy the C2SP tlog-policy: the log's own key among its {@code log} lines, the witnesses
 *     with their submission URLs, the quorum
 * @param timeout how long one round waits for the witnesses in all (each request included)
 * @param graceAfterQuorum how long a round keeps waiting for the other witnesses once the quorum
 *     holds, so that slow witnesses still add their cosignatures without delaying every checkpoint
 * @param retryMin the first wait before retrying after a missed quorum
 * @param retryMax the longest wait between retries; the wait doubles from {@code retryMin} up to it
 */
public record WitnessingOptions(
    WitnessPolicy policy,
    Duration timeout,
    Duration graceAfterQuorum,
    Duration retryMin,
    Duration retryMax) {

  /** The default round timeout. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /** Checks every field; see the class comment. */
  public WitnessingOptions {
    Objects.requireNonNull(policy, "policy");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(graceAfterQuorum, "graceAfterQuorum");
    Objects.requireNonNull(retryMin, "retryMin");
    Objects.requireNonNull(retryMax, "retryMax");
    require(
        timeout.compareTo(Duration.ofMillis(100)) >= 0
            && timeout.compareTo(Duration.ofMinutes(5)) <= 0,
        "witness timeout must be in 100 ms..5 min, got " + timeout.toMillis() + " ms");
    require(
        !graceAfterQuorum.isNegative() && graceAfterQuorum.compareTo(timeout) <= 0,
        "grace after quorum must be in 0..timeout, got " + graceAfterQuorum.toMillis() + " ms");
    require(
        retryMin.compareTo(Duration.ofMillis(10)) >= 0,
        "witness retry minimum must be >= 10 ms, got " + retryMin.toMillis() + " ms");
    require(
        retryMax.compareTo(retryMin) >= 0 && retryMax.compareTo(Duration.ofMinutes(10)) <= 0,
        "witness retry maximum must be in retryMin..10 min, got " + retryMax.toMillis() + " ms");
    require(!policy.logs().isEmpty(), "the witness policy lists no log");
    Set<String> reachable = new LinkedHashSet<>();
    for (PolicyWitness w : policy.witnesses().values()) {
      if (w.url().isPresent()) {
        reachable.add(w.name());
      }
    }
    require(
        policy.quorumHeldBy(reachable),
        "the witness policy's quorum \""
            + policy.quorum().name()
            + "\" cannot hold even if every witness with a URL cosigns (witnesses with a URL: "
            + reachable
            + "); give each witness its submission URL");
  }

  /**
   * The defaults for {@code policy}: a 5 s round, 250 ms grace after the quorum, retries from 500
   * ms doubling up to 10 s.
   */
  public static WitnessingOptions of(WitnessPolicy policy) {
    return new WitnessingOptions(
        policy,
        DEFAULT_TIMEOUT,
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(10));
  }

  /** A copy with another round timeout (the grace is capped at it). */
  public WitnessingOptions withTimeout(Duration newTimeout) {
    Duration grace = graceAfterQuorum.compareTo(newTimeout) <= 0 ? graceAfterQuorum : newTimeout;
    return new WitnessingOptions(policy, newTimeout, grace, retryMin, retryMax);
  }

  /** A copy with other retry waits. */
  public WitnessingOptions withRetry(Duration min, Duration max) {
    return new WitnessingOptions(policy, timeout, graceAfterQuorum, min, max);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
