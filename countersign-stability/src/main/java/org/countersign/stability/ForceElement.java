package org.countersign.stability;

import org.countersign.treaty.forces.Basing;

/**
 * One system of a party as the exchange model sees it: its warheads, how many targets it presents,
 * what share of it cannot be reached by a counterforce strike, what share can strike promptly, and
 * its weapon and target parameters. Built from the force-posture file by {@link Arsenals}; every
 * value not in the file comes from a documented default that the assessment lists.
 *
 * @param system the system id in the force-posture file
 * @param category treaty category of the items ({@code icbm}, {@code slbm}, {@code heavy-bomber})
 * @param launcherCategory treaty category of its launchers, or empty
 * @param warheads deployed warheads
 * @param items deployed items (missiles or bombers)
 * @param launchers deployed launchers (silos, mobile launchers, launch tubes), loaded or not
 * @param boats operational submarines (submarine basing only)
 * @param bases garrisons, ports or airfields that hold the rest when not dispersed
 * @param survivableFraction share out of reach of a counterforce strike: dispersed (mobile), at sea
 *     (submarine), on alert (bomber); 0 for silos
 * @param promptFraction share that can join a first strike at once (alert ICBMs, SLBMs at sea)
 * @param yieldKt warhead yield, kilotons
 * @param cepM circular error probable, meters
 * @param reliability probability a launched warhead detonates as intended
 * @param hardnessPsi hardness of the targets this system presents
 */
public record ForceElement(
    String system,
    String category,
    String launcherCategory,
    Basing basing,
    double warheads,
    double items,
    double launchers,
    int boats,
    int bases,
    double survivableFraction,
    double promptFraction,
    double yieldKt,
    double cepM,
    double reliability,
    double hardnessPsi) {
  public ForceElement {
    for (double v : new double[] {warheads, items, launchers}) {
      if (!(v >= 0) || !Double.isFinite(v)) {
        throw new IllegalArgumentException(system + ": counts must be >= 0, got " + v);
      }
    }
    if (boats < 0 || bases < 0) {
      throw new IllegalArgumentException(system + ": boats and bases must be >= 0");
    }
    KillProbability.requireFraction(system + " survivable fraction", survivableFraction);
    KillProbability.requireFraction(system + " prompt fraction", promptFraction);
    KillProbability.requireFraction(system + " reliability", reliability);
    KillProbability.requirePositive(system + " yield", yieldKt);
    KillProbability.requirePositive(system + " CEP", cepM);
    KillProbability.requirePositive(system + " hardness", hardnessPsi);
  }

  /** Whether this system's warheads can take part in a counterforce strike (ballistic missiles). */
  public boolean counterforceCapable() {
    return basing == Basing.SILO || basing == Basing.ROAD_MOBILE || basing == Basing.SUBMARINE;
  }

  /** Warheads available for a prompt first strike. */
  public int promptWarheads() {
    return counterforceCapable() ? (int) Math.floor(warheads * promptFraction + 1e-9) : 0;
  }

  /** Single-shot kill probability of this system's warheads against a target of {@code psi}. */
  public double sspkAgainst(double psi) {
    return KillProbability.sspk(yieldKt, cepM, psi, reliability);
  }

  /** A copy with counts multiplied by {@code f} (warheads, items, launchers), for reductions. */
  public ForceElement scaled(double f) {
    return new ForceElement(
        system,
        category,
        launcherCategory,
        basing,
        Math.floor(warheads * f + 1e-9),
        Math.floor(items * f + 1e-9),
        Math.floor(launchers * f + 1e-9),
        boats,
        bases,
        survivableFraction,
        promptFraction,
        yieldKt,
        cepM,
        reliability,
        hardnessPsi);
  }

  /** A copy with other weapon and posture parameters, for sensitivity sweeps. */
  public ForceElement with(
      double survivable, double prompt, double yield, double cep, double rel, double psi) {
    return new ForceElement(
        system,
        category,
        launcherCategory,
        basing,
        warheads,
        items,
        launchers,
        boats,
        bases,
        survivable,
        prompt,
        yield,
        cep,
        rel,
        psi);
  }
}
