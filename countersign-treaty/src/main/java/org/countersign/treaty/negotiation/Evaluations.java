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
   * Evaluates {@code proposal} at {@code day} against the declarations {@code engine} has applied
   * (a log prefix of {@code engine.entries()} entries of the log {@code origin}) and, where a party
   * declared nothing, the estimates of {@code posture}.
   */
  public static ProposalEvaluation fromLog(
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
    return ProposalEvaluation.of(
        proposal, day, basis, ForceSources.choose(proposal, engine.treaty(), declared, estimated));
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
