package org.countersign.server.witness;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.countersign.server.publish.PublicationStatus;
import org.countersign.witness.client.WitnessException;
import org.jspecify.annotations.Nullable;

/**
 * What the log knows about its witnesses, for {@code /health}, {@code /api/v1/log} and the metrics:
 * the sizes committed and published, when a checkpoint was last published, whether the last round
 * missed the quorum, and each witness's last outcome.
 *
 * <p>Publication is <em>degraded</em> while the newest committed checkpoint cannot be published
 * because the quorum was not met, or while the checkpoint served was published without a quorum
 * (before witnessing was configured). It is never degraded silently: {@link #degradation()} names
 * the checkpoint and every witness that failed, with why. Thread-safe.
 */
public final class WitnessingStatus implements PublicationStatus {
  private final InstantSource clock;
  private final String quorumName;
  private final Map<String, WitnessState> witnesses = new LinkedHashMap<>();
  private long committedSize;
  private long publishedSize;
  private boolean publishedWitnessed;
  private @Nullable Instant lastPublishedAt;
  private @Nullable String quorumFailure;
  private @Nullable Instant failingSince;
  private long consecutiveQuorumFailures;
  private @Nullable Instant nextAttemptAt;

  /** One witness's last outcome. */
  private static final class WitnessState {
    boolean ok = true;
    boolean asked;
    @Nullable String lastError;
    @Nullable String lastErrorKind;
    @Nullable Instant lastCosignedAt;
    long failures;
    long consecutiveFailures;
  }

  /**
   * A status for the witnesses named, starting from the checkpoint served at start.
   *
   * @param publishedSize the size served at {@code /checkpoint} at start
   * @param publishedWitnessed whether that checkpoint meets the policy
   */
  public WitnessingStatus(
      InstantSource clock,
      String quorumName,
      Collection<String> witnessNames,
      long publishedSize,
      boolean publishedWitnessed) {
    this.clock = clock;
    this.quorumName = quorumName;
    witnessNames.forEach(n -> witnesses.put(n, new WitnessState()));
    this.committedSize = publishedSize;
    this.publishedSize = publishedSize;
    this.publishedWitnessed = publishedWitnessed;
  }

  /** The log committed a checkpoint of {@code size} and is about to ask for its cosignatures. */
  synchronized void committed(long size) {
    committedSize = Math.max(committedSize, size);
  }

  /**
   * A round met the quorum and the checkpoint was published.
   *
   * @param cosigned the policy names of the witnesses that cosigned
   * @param failures why each other witness did not
   */
  synchronized void published(
      long size, Collection<String> cosigned, Map<String, WitnessException> failures) {
    Instant now = clock.instant();
    publishedSize = size;
    publishedWitnessed = true;
    lastPublishedAt = now;
    quorumFailure = null;
    failingSince = null;
    consecutiveQuorumFailures = 0;
    nextAttemptAt = null;
    for (String name : cosigned) {
      WitnessState w = witnesses.get(name);
      if (w != null) {
        w.ok = true;
        w.asked = true;
        w.lastCosignedAt = now;
        w.consecutiveFailures = 0;
      }
    }
    failures.forEach(this::witnessFailed);
  }

  /** A round missed the quorum; the next one runs after {@code retryIn}. */
  synchronized void quorumMissed(
      long size,
      Collection<String> cosigned,
      Map<String, WitnessException> failures,
      Duration retryIn) {
    Instant now = clock.instant();
    if (failingSince == null) {
      failingSince = now;
    }
    consecutiveQuorumFailures++;
    nextAttemptAt = now.plus(retryIn);
    List<String> failing = new ArrayList<>();
    failures.forEach(
        (name, e) -> failing.add(name + " (" + e.kind() + ": " + oneLine(e.getMessage()) + ")"));
    quorumFailure =
        "degraded: quorum not met: checkpoint size "
            + size
            + " is not published (published size "
            + publishedSize
            + ") since "
            + failingSince
            + "; quorum \""
            + quorumName
            + "\" cosigned by "
            + cosigned
            + "; failing witnesses: "
            + String.join(", ", failing);
    for (String name : cosigned) {
      WitnessState w = witnesses.get(name);
      if (w != null) {
        w.ok = true;
        w.asked = true;
        w.consecutiveFailures = 0;
      }
    }
    failures.forEach(this::witnessFailed);
  }

  private void witnessFailed(String name, WitnessException e) {
    WitnessState w = witnesses.get(name);
    if (w == null) {
      return;
    }
    w.ok = false;
    w.asked = true;
    w.lastError = oneLine(e.getMessage());
    w.lastErrorKind = e.kind().name();
    w.failures++;
    w.consecutiveFailures++;
  }

  /** The committed (integrated) size as last reported. */
  public synchronized long committedSize() {
    return committedSize;
  }

  /** The size of the checkpoint served at {@code /checkpoint}. */
  public synchronized long publishedSize() {
    return publishedSize;
  }

  /** When a checkpoint was last published with a quorum, if since this start. */
  public synchronized Optional<Instant> lastPublishedAt() {
    return Optional.ofNullable(lastPublishedAt);
  }

  /** The policy names of the witnesses whose last round failed. */
  public synchronized List<String> failingWitnesses() {
    List<String> out = new ArrayList<>();
    witnesses.forEach(
        (n, w) -> {
          if (!w.ok) {
            out.add(n);
          }
        });
    return out;
  }

  /** Whether the witness's last round succeeded (true before it was first asked). */
  public synchronized boolean witnessUp(String name) {
    WitnessState w = witnesses.get(name);
    return w != null && w.ok;
  }

  @Override
  public synchronized Optional<String> degradation() {
    if (quorumFailure != null) {
      return Optional.of(quorumFailure);
    }
    if (!publishedWitnessed) {
      return Optional.of(
          "degraded: quorum not met: the checkpoint served (size "
              + publishedSize
              + ") is not cosigned by quorum \""
              + quorumName
              + "\" yet");
    }
    return Optional.empty();
  }

  @Override
  public synchronized Map<String, Object> details() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("configured", true);
    out.put("quorum", quorumName);
    out.put("quorumMet", quorumFailure == null && publishedWitnessed);
    out.put("integratedSize", committedSize);
    out.put("publishedSize", publishedSize);
    if (lastPublishedAt != null) {
      out.put("lastPublishedAt", lastPublishedAt.toString());
      out.put(
          "secondsSincePublished",
          Duration.between(lastPublishedAt, clock.instant()).toMillis() / 1000.0);
    }
    if (quorumFailure != null) {
      out.put("consecutiveQuorumFailures", consecutiveQuorumFailures);
      out.put("failingSince", String.valueOf(failingSince));
      out.put("nextAttemptAt", String.valueOf(nextAttemptAt));
    }
    Map<String, Object> each = new LinkedHashMap<>();
    witnesses.forEach(
        (name, w) -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("ok", w.ok);
          m.put("asked", w.asked);
          if (w.lastCosignedAt != null) {
            m.put("lastCosignedAt", w.lastCosignedAt.toString());
          }
          m.put("failures", w.failures);
          if (!w.ok) {
            m.put("consecutiveFailures", w.consecutiveFailures);
            m.put("lastErrorKind", String.valueOf(w.lastErrorKind));
            m.put("lastError", String.valueOf(w.lastError));
          }
          each.put(name, m);
        });
    out.put("witnesses", each);
    return out;
  }

  private static String oneLine(@Nullable String s) {
    if (s == null) {
      return "";
    }
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() <= 300 ? one : one.substring(0, 297) + "...";
  }
}
