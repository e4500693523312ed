package org.countersign.stability;

import java.util.List;
import java.util.Optional;

/**
 * The result of one assessment: inputs, every assumption used, and the figures. Plain immutable
 * data; {@link StabilityReport} renders it as JSON, text or HTML.
 *
 * @param forcesAsOf the date of the force-posture estimates
 * @param parties the parties assessed, in order
 * @param parameters the model parameters
 * @param runs Monte Carlo runs (0 for closed form only)
 * @param seed the Monte Carlo seed
 * @param forces each party's forces as modelled
 * @param pairs each pair's exchanges and stability index
 * @param trilateral each ordered pair's strike with the third party's position afterwards
 * @param sensitivity one-at-a-time sweep on the first pair's index (empty if not asked)
 * @param proposal the before/after comparison for a proposal, if one was given
 * @param assumptions every assumption the figures rest on, one line each
 */
public record Assessment(
    String forcesAsOf,
    List<String> parties,
    ModelParameters parameters,
    int runs,
    long seed,
    List<PartySummary> forces,
    List<Pair> pairs,
    List<Trilateral> trilateral,
    List<Sensitivity> sensitivity,
    Optional<ProposalComparison> proposal,
    List<String> assumptions) {
  public Assessment {
    parties = List.copyOf(parties);
    forces = List.copyOf(forces);
    pairs = List.copyOf(pairs);
    trilateral = List.copyOf(trilateral);
    sensitivity = List.copyOf(sensitivity);
    assumptions = List.copyOf(assumptions);
  }

  /** A party's modelled forces in brief. */
  public record PartySummary(
      String party, double warheads, int promptWarheads, int interceptors, double interceptorPk) {
    static PartySummary of(Arsenal a) {
      return new PartySummary(
          a.party(),
          a.warheads(),
          a.promptWarheads(),
          a.interceptors(),
          a.interceptorKillProbability());
    }
  }

  /** A distribution from the Monte Carlo. */
  public record Distribution(String name, double mean, double p05, double p50, double p95) {}

  /**
   * Two parties: the exchange with each striking first (closed form), the index, and the Monte
   * Carlo distributions (empty list when no runs were asked).
   */
  public record Pair(
      String a,
      String b,
      Exchange.Result aFirst,
      Exchange.Result bFirst,
      Exchange.Stability stability,
      List<Distribution> monteCarlo) {
    public Pair {
      monteCarlo = List.copyOf(monteCarlo);
    }
  }

  /** {@code attacker} strikes {@code victim} while {@code bystander} stands by. */
  public record Trilateral(
      String attacker,
      String victim,
      String bystander,
      double attackerRemaining,
      double victimSurviving,
      double bystanderWarheads,
      double bystanderToAttacker,
      double bystanderToVictim) {}

  /** One point of a sweep. */
  public record Point(double x, double index) {}

  /** One parameter swept: its series and the swing it causes in the pair index. */
  public record Sensitivity(
      String parameter, String description, double baseline, List<Point> series, double swing) {
    public Sensitivity {
      series = List.copyOf(series);
    }
  }

  /** Forces and indexes under today's forces and under a proposal. */
  public record ProposalComparison(
      String proposalId,
      String proposalDigest,
      List<String> reductionSteps,
      List<PartySummary> forcesAfter,
      List<Pair> pairsAfter) {
    public ProposalComparison {
      reductionSteps = List.copyOf(reductionSteps);
      forcesAfter = List.copyOf(forcesAfter);
      pairsAfter = List.copyOf(pairsAfter);
    }
  }
}
