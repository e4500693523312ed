package org.countersign.stability;

/**
 * The closed forms of warhead effectiveness against a point target.
 *
 * <p><b>Lethal radius.</b> The blast overpressure a hardened target withstands falls off with
 * distance; at the high overpressures of silos it scales with energy per volume, so the radius
 * within which a target of hardness {@code H} (psi) fails scales as {@code (Y/H)^(1/3)}. We use the
 * open-literature relation
 *
 * <pre>  LR = 2.62 · (Y / H)^(1/3)  nautical miles,  Y in megatons, H in psi</pre>
 *
 * (the form used in the public arms-control exchange calculations descending from L. Davis and W.
 * Schilling, "All You Ever Wanted to Know about MIRV and ICBM Calculations but Were Not Cleared to
 * Ask", Journal of Conflict Resolution 17(2), 1973, and K. Tsipis, "Offensive Missiles", SIPRI
 * 1974; cube-root scaling of blast distance is from S. Glasstone and P. Dolan, The Effects of
 * Nuclear Weapons, 1977, ch. III).
 *
 * <p><b>Single-shot kill probability.</b> With impact points circular-normal about the aim point,
 * the probability of falling within {@code LR} of a point target is {@code 1 - 0.5^((LR/CEP)^2)},
 * since by definition half the impacts fall within one CEP. Multiplied by the reliability {@code R}
 * (launch, flight, re-entry and detonation):
 *
 * <pre>  SSPK = R · (1 - 0.5^((LR/CEP)^2))</pre>
 *
 * <p><b>Several independent shots.</b> {@code n} independent warheads each killing with {@code p}
 * leave the target standing with probability {@code (1-p)^n}, hence {@code 1-(1-p)^n}.
 */
public final class KillProbability {
  /** Meters in a nautical mile. */
  public static final double METERS_PER_NMI = 1852.0;

  /** The constant of the lethal-radius relation, nautical miles for megatons and psi. */
  public static final double LETHAL_RADIUS_NMI = 2.62;

  private KillProbability() {}

  /**
   * The lethal radius in meters of a {@code yieldKt} warhead against a {@code hardnessPsi} target.
   */
  public static double lethalRadiusMeters(double yieldKt, double hardnessPsi) {
    requirePositive("yield (kt)", yieldKt);
    requirePositive("hardness (psi)", hardnessPsi);
    return LETHAL_RADIUS_NMI * StrictMath.cbrt(yieldKt / 1000.0 / hardnessPsi) * METERS_PER_NMI;
  }

  /**
   * The probability that a reliable warhead lands within {@code radiusM} metres of its aim point.
   */
  public static double withinRadius(double radiusM, double cepM) {
    requirePositive("CEP (m)", cepM);
    double ratio = radiusM / cepM;
    return 1.0 - StrictMath.pow(0.5, ratio * ratio);
  }

  /**
   * The single-shot kill probability.
   *
   * @param reliability probability the warhead arrives and detonates as intended, in [0, 1]
   */
  public static double sspk(double yieldKt, double cepM, double hardnessPsi, double reliability) {
    requireFraction("reliability", reliability);
    return reliability * withinRadius(lethalRadiusMeters(yieldKt, hardnessPsi), cepM);
  }

  /** The probability that at least one of {@code n} independent shots, each {@code p}, kills. */
  public static double cumulative(double p, int n) {
    requireFraction("kill probability", p);
    if (n < 0) {
      throw new IllegalArgumentException("number of shots must be >= 0, got " + n);
    }
    return 1.0 - StrictMath.pow(1.0 - p, n);
  }

  static void requirePositive(String what, double v) {
    if (!(v > 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException(what + " must be > 0, got " + v);
    }
  }

  static void requireFraction(String what, double v) {
    if (!(v >= 0 && v <= 1)) {
      throw new IllegalArgumentException(what + " must lie in [0, 1], got " + v);
    }
  }
}
