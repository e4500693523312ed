package org.countersign.stability;

/**
 * The parameters of the exchange that are not properties of a party's forces. Every default is an
 * assumption of Countersign's, stated in docs/stability.md and listed in each assessment.
 *
 * @param warheadsPerTarget warheads aimed at each counterforce target, 1 or 2 (two from different
 *     missiles: cross-targeting, so their failures are independent)
 * @param reserveFraction share of its prompt warheads an attacker withholds from the counterforce
 *     strike
 * @param shotsPerWarhead interceptors fired per engaged warhead per salvo
 * @param shootLookShoot whether defences fire a second salvo at leakers
 * @param valueWarheads warheads arriving on a party that destroy {@code 1 - 1/e} (63 %) of what it
 *     values; the scale of the damage function {@code D = 1 - exp(-W / valueWarheads)}
 * @param damageWeight the weight {@code λ} a party puts on the share of the adversary left
 *     undamaged, in the Kent-Thaler cost {@code C = D_self + λ (1 - D_other)}
 */
public record ModelParameters(
    int warheadsPerTarget,
    double reserveFraction,
    int shotsPerWarhead,
    boolean shootLookShoot,
    double valueWarheads,
    double damageWeight) {
  public ModelParameters {
    if (warheadsPerTarget < 1 || warheadsPerTarget > 2) {
      throw new IllegalArgumentException(
          "warheads per target must be 1 or 2, got " + warheadsPerTarget);
    }
    KillProbability.requireFraction("reserve fraction", reserveFraction);
    if (shotsPerWarhead < 1 || shotsPerWarhead > 8) {
      throw new IllegalArgumentException(
          "shots per warhead must be in 1..8, got " + shotsPerWarhead);
    }
    KillProbability.requirePositive("value warheads", valueWarheads);
    if (!(damageWeight > 0 && damageWeight <= 10)) {
      throw new IllegalArgumentException("damage weight must be in (0, 10], got " + damageWeight);
    }
  }

  /** The defaults (all assumptions; see docs/stability.md). */
  public static ModelParameters defaults() {
    return new ModelParameters(2, 0.25, 2, true, 100, 0.5);
  }

  public ModelParameters withReserveFraction(double r) {
    return new ModelParameters(
        warheadsPerTarget, r, shotsPerWarhead, shootLookShoot, valueWarheads, damageWeight);
  }

  public ModelParameters withValueWarheads(double v) {
    return new ModelParameters(
        warheadsPerTarget, reserveFraction, shotsPerWarhead, shootLookShoot, v, damageWeight);
  }

  public ModelParameters withDamageWeight(double w) {
    return new ModelParameters(
        warheadsPerTarget, reserveFraction, shotsPerWarhead, shootLookShoot, valueWarheads, w);
  }

  public ModelParameters withWarheadsPerTarget(int n) {
    return new ModelParameters(
        n, reserveFraction, shotsPerWarhead, shootLookShoot, valueWarheads, damageWeight);
  }
}
