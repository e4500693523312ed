package org.countersign.stability;

import java.util.SplittableRandom;

/**
 * One side striking first and the other retaliating, with the costs each side bears, in the form of
 * Kent and Thaler's calculus of first-strike stability.
 *
 * <p>Sequence: (1) the attacker's counterforce {@link Strike} on the victim, through the victim's
 * defences; (2) the victim retaliates with all its surviving warheads on the attacker's value
 * targets, through the attacker's full defences; (3) the attacker's remaining warheads (all it did
 * not expend) strike the victim's value targets, through the interceptors the victim has left.
 *
 * <p>Damage to a party receiving {@code W} warheads is {@code D = 1 - exp(-W / V)}, with {@code V}
 * the {@linkplain ModelParameters#valueWarheads() value scale}. The cost to a party is {@code C =
 * D_self + λ (1 - D_other)}: the damage it suffers plus, weighted, the damage it fails to inflict
 * (G. Kent and D. Thaler, First-Strike Stability: A Methodology for Evaluating Strategic Forces,
 * RAND R-3765-AF, 1989; G. Kent, R. DeValk and D. Thaler, A Calculus of First-Strike Stability,
 * RAND N-2526-AF, 1988). Our damage function is a simplification of theirs (docs/stability.md).
 */
public final class Exchange {
  private Exchange() {}

  /**
   * The result of {@code attacker} striking first.
   *
   * @param expended attacker warheads spent on the counterforce strike
   * @param victimSurviving victim warheads surviving it
   * @param victimInterceptorsUsed victim interceptors spent against it
   * @param retaliationArriving victim warheads arriving on the attacker
   * @param attackerRemaining attacker warheads not expended
   * @param followUpArriving attacker warheads arriving on the victim afterwards
   * @param damageToAttacker damage fraction the attacker suffers
   * @param damageToVictim damage fraction the victim suffers
   * @param attackerCost the attacker's cost
   * @param victimCost the victim's cost
   */
  public record Result(
      int expended,
      double victimSurviving,
      double victimInterceptorsUsed,
      double retaliationArriving,
      double attackerRemaining,
      double followUpArriving,
      double damageToAttacker,
      double damageToVictim,
      double attackerCost,
      double victimCost) {}

  /** The exact expected exchange (costs evaluated at expected arrivals). */
  public static Result expected(Arsenal attacker, Arsenal victim, ModelParameters p) {
    Strike strike = Strike.plan(attacker, victim, p);
    Strike.Outcome o = strike.expected();
    int retaliating = (int) Math.round(o.survivingWarheads());
    double retaliationArriving = attacker.defence(p).expect(retaliating).arriving();
    double remaining = attacker.warheads() - strike.expended();
    int leftInterceptors =
        Math.max(0, victim.interceptors() - (int) Math.round(o.interceptorsUsed()));
    double followUp =
        victim.defence(p).withInterceptors(leftInterceptors).expect(round(remaining)).arriving();
    return result(strike.expended(), o, retaliationArriving, remaining, followUp, p);
  }

  /** One random exchange. */
  public static Result draw(
      Arsenal attacker, Arsenal victim, ModelParameters p, Strike strike, SplittableRandom r) {
    Strike.Outcome o = strike.draw(r);
    int retaliating = (int) Math.round(o.survivingWarheads());
    double retaliationArriving = attacker.defence(p).drawCount(retaliating, r).arriving();
    double remaining = attacker.warheads() - strike.expended();
    int leftInterceptors =
        Math.max(0, victim.interceptors() - (int) Math.round(o.interceptorsUsed()));
    double followUp =
        victim
            .defence(p)
            .withInterceptors(leftInterceptors)
            .drawCount(round(remaining), r)
            .arriving();
    return result(strike.expended(), o, retaliationArriving, remaining, followUp, p);
  }

  private static int round(double v) {
    return (int) Math.round(Math.max(0, v));
  }

  private static Result result(
      int expended,
      Strike.Outcome o,
      double retaliationArriving,
      double remaining,
      double followUp,
      ModelParameters p) {
    double dAttacker = damage(retaliationArriving, p);
    double dVictim = damage(followUp, p);
    double cAttacker = dAttacker + p.damageWeight() * (1 - dVictim);
    double cVictim = dVictim + p.damageWeight() * (1 - dAttacker);
    return new Result(
        expended,
        o.survivingWarheads(),
        o.interceptorsUsed(),
        retaliationArriving,
        remaining,
        followUp,
        dAttacker,
        dVictim,
        cAttacker,
        cVictim);
  }

  /** {@code 1 - exp(-W / V)}. */
  public static double damage(double arriving, ModelParameters p) {
    return 1 - StrictMath.exp(-arriving / p.valueWarheads());
  }

  /**
   * First-strike stability of a pair: for each side, the ratio of its cost when it strikes first to
   * its cost when the other does; the pair's index is their product (Kent and Thaler). An index of
   * 1 means striking first gains nothing; the lower below 1, the stronger the incentive to strike
   * first.
   */
  public record Stability(double indexA, double indexB, double pair) {}

  /** The index from the two exchanges (A first, B first). */
  public static Stability stability(Result aFirst, Result bFirst) {
    double a = aFirst.attackerCost() / bFirst.victimCost();
    double b = bFirst.attackerCost() / aFirst.victimCost();
    return new Stability(a, b, a * b);
  }
}
