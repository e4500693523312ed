package org.countersign.treaty.negotiation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.countersign.treaty.compliance.ComplianceEngine;
import org.countersign.treaty.compliance.DeclaredForces;
import org.countersign.treaty.forces.ForcePosture;
import org.countersign.treaty.model.Treaty;
import org.jspecify.annotations.Nullable;

/**
 * The one way an evaluation is assembled from a log and the force-posture file, shared by the
 * server's endpoint and the CLI's offline replay so that both print the same bytes for the same log
 * prefix: same forces, same basis line.
 */
public final class Evaluations {
  private Evaluations() {}

  /** The instant whose forces a date means: its last second, UTC, as in compliance reports. */
  public static Instant endOf(LocalDate day) {
    return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusSeconds(1);
  }

  /**
   * An evaluation over a log prefix, and that prefix's length: the server names it in its {@code
   * Countersign-Log-Size} header so that an offline replay of the same prefix can be compared.
   *
   * @param evaluation the evaluation
   * @param logSize the number of log entries whose declarations it counted
   * @param declared the declared forces counted, by party (for analyses that join in, such as the
   *     stability columns, so that they count the same prefix)
   */
  public record FromLog(
      ProposalEvaluation evaluation, long logSize, Map<String, DeclaredForces> declared) {
    public FromLog {
      declared = Map.copyOf(declared);
      if (logSize < 0) {
        throw new IllegalArgumentException("logSize must be >= 0, got " + logSize);
      }
    }
  }

  /**
   * Evaluates {@code proposal} at {@code day} against the declarations {@code engine} has applied
   * (a log prefix of {@code engine.entries()} entries of the log {@code origin}, read once with the
   * forces so that both describe the same prefix) and, where a party declared nothing, the
   * estimates of {@code posture}.
   */
  public static FromLog fromLog(
      Treaty proposal,
      LocalDate day,
      String origin,
      ComplianceEngine engine,
      @Nullable ForcePosture posture) {
    Map<String, DeclaredForces> declared;
    long entries;
    synchronized (engine) {
      declared = engine.declaredForcesAt(endOf(day));
      entries = engine.entries();
    }
    Map<String, PartyForces> estimated =
        posture == null ? Map.of() : EstimatedForces.of(posture, proposal);
    String basis =
        "declarations from log "
            + origin
            + " (first "
            + entries
            + " entries, under "
            + engine.treaty().id()
            + ")"
            + (posture == null
                ? ""
                : "; estimates from the force-posture file as of " + posture.asOf());
    return new FromLog(
        ProposalEvaluation.of(
            proposal,
            day,
            basis,
            ForceSources.choose(proposal, engine.treaty(), declared, estimated)),
        entries,
        declared);
  }

  /** Evaluates {@code proposal} against published estimates alone. */
  public static ProposalEvaluation fromEstimates(
      Treaty proposal, LocalDate day, ForcePosture posture) {
    return ProposalEvaluation.of(
        proposal,
        day,
        "estimates from the force-posture file as of " + posture.asOf() + " (no log)",
        ForceSources.choose(proposal, null, Map.of(), EstimatedForces.of(posture, proposal)));
  }
}
