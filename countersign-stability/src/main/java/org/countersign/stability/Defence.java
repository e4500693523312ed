package org.countersign.stability;

import java.util.SplittableRandom;

/**
 * A missile defence: a finite inventory of interceptors, each shot killing a warhead with {@code
 * killProbability}, fired {@code shotsPerWarhead} at a time at each engaged warhead, and optionally
 * shoot-look-shoot (a second salvo at the warheads that survived the first, if interceptors
 * remain).
 *
 * <p><b>Doctrine.</b> Incoming warheads are engaged in an order the defender cannot choose
 * (uniformly at random), while interceptors last: {@code E = min(W, floor(I/s))} warheads are
 * engaged with {@code s} shots each. An engaged warhead leaks with {@code q^s}, {@code q = 1-p}; an
 * unengaged warhead always arrives. With shoot-look-shoot and interceptors left after the first
 * salvo (only possible when every warhead was engaged), the leaked warheads are engaged again with
 * the rest of the inventory, {@code s} shots each. Decoys, discrimination failures and correlated
 * misses are not modelled (docs/stability.md, limits).
 *
 * @param interceptors interceptors available
 * @param killProbability probability one shot kills the warhead it is aimed at
 * @param shotsPerWarhead interceptors fired at each engaged warhead per salvo
 * @param shootLookShoot whether leaked warheads are engaged again
 */
public record Defence(
    int interceptors, double killProbability, int shotsPerWarhead, boolean shootLookShoot) {
  public Defence {
    if (interceptors < 0) {
      throw new IllegalArgumentException("interceptors must be >= 0, got " + interceptors);
    }
    KillProbability.requireFraction("interceptor kill probability", killProbability);
    if (shotsPerWarhead < 1 || shotsPerWarhead > 8) {
      throw new IllegalArgumentException(
          "shots per warhead must be in 1..8, got " + shotsPerWarhead);
    }
  }

  /** No defence at all. */
  public static Defence none() {
    return new Defence(0, 0, 1, false);
  }

  /** This defence with {@code n} interceptors. */
  public Defence withInterceptors(int n) {
    return new Defence(n, killProbability, shotsPerWarhead, shootLookShoot);
  }

  /** Expected outcome of an engagement: warheads arriving and interceptors used. */
  public record Expected(double arriving, double interceptorsUsed) {}

  /** One simulated engagement. */
  // A per-draw result read once by the simulation; never compared or hashed.
  @SuppressWarnings("ArrayRecordComponent")
  public record Drawn(int arriving, int interceptorsUsed, boolean[] arrived) {}

  /** The probability an engaged warhead survives one salvo. */
  public double leakPerSalvo() {
    return StrictMath.pow(1.0 - killProbability, shotsPerWarhead);
  }

  /** The exact expected arrivals and interceptor use against {@code incoming} warheads. */
  public Expected expect(int incoming) {
    if (incoming < 0) {
      throw new IllegalArgumentException("incoming must be >= 0, got " + incoming);
    }
    int s = shotsPerWarhead;
    int engaged = Math.min(incoming, interceptors / s);
    double leak = leakPerSalvo();
    double leaked = engaged * leak;
    double used = (double) engaged * s;
    int left = interceptors - engaged * s;
    int secondSlots = left / s;
    if (!shootLookShoot || engaged < incoming || secondSlots == 0 || engaged == 0) {
      return new Expected(incoming - engaged + leaked, used);
    }
    // Second salvo: L ~ Binomial(engaged, leak) leaked; min(L, slots) of them engaged again.
    double expectedReEngaged = expectedMin(engaged, leak, secondSlots);
    double arriving = leaked - expectedReEngaged * (1 - leak);
    return new Expected(arriving, used + expectedReEngaged * s);
  }

  /** E[min(L, m)] for L ~ Binomial(n, r), summed in log space so large n cannot underflow. */
  static double expectedMin(int n, double r, int m) {
    if (r <= 0.0 || m <= 0) {
      return 0;
    }
    if (r >= 1.0) {
      return Math.min(n, m);
    }
    double[] logFactorial = new double[n + 1];
    for (int i = 2; i <= n; i++) {
      logFactorial[i] = logFactorial[i - 1] + StrictMath.log(i);
    }
    double logR = StrictMath.log(r);
    double logQ = StrictMath.log1p(-r);
    double below = 0; // P(L < m)
    double sum = 0; // sum over l < m of l P(L = l)
    for (int l = 0; l < m && l <= n; l++) {
      double p =
          StrictMath.exp(
              logFactorial[n] - logFactorial[l] - logFactorial[n - l] + l * logR + (n - l) * logQ);
      below += p;
      sum += l * p;
    }
    return sum + m * Math.max(0.0, 1.0 - below);
  }

  /**
   * One random engagement of {@code incoming} warheads; {@code arrived[i]} says whether the i-th
   * arrived. Which warheads are engaged is a uniform random subset (sequential sampling).
   */
  public Drawn draw(int incoming, SplittableRandom random) {
    int s = shotsPerWarhead;
    boolean[] arrived = new boolean[incoming];
    int slots = Math.min(incoming, interceptors / s);
    int used = 0;
    int leakedCount = 0;
    boolean[] engagedLeaked = new boolean[incoming];
    int remaining = incoming;
    int slotsLeft = slots;
    for (int i = 0; i < incoming; i++, remaining--) {
      boolean engage = slotsLeft > 0 && random.nextInt(remaining) < slotsLeft;
      if (!engage) {
        arrived[i] = true;
        continue;
      }
      slotsLeft--;
      used += s;
      boolean survives = salvoLeaks(random);
      arrived[i] = survives;
      if (survives) {
        engagedLeaked[i] = true;
        leakedCount++;
      }
    }
    int secondSlots = (interceptors - used) / s;
    if (shootLookShoot && slots == incoming && secondSlots > 0 && leakedCount > 0) {
      int left = leakedCount;
      int slots2 = Math.min(secondSlots, leakedCount);
      for (int i = 0; i < incoming && left > 0; i++) {
        if (!engagedLeaked[i]) {
          continue;
        }
        boolean engage = slots2 > 0 && random.nextInt(left) < slots2;
        left--;
        if (engage) {
          slots2--;
          used += s;
          arrived[i] = salvoLeaks(random);
        }
      }
    }
    int count = 0;
    for (boolean a : arrived) {
      count += a ? 1 : 0;
    }
    return new Drawn(count, used, arrived);
  }

  /**
   * One random engagement when only the number arriving matters (retaliation, follow-up): which
   * warheads are engaged does not change the count, so only the {@code E} engaged ones are drawn.
   */
  public Drawn drawCount(int incoming, SplittableRandom random) {
    int s = shotsPerWarhead;
    int engaged = Math.min(incoming, interceptors / s);
    int leaked = 0;
    for (int i = 0; i < engaged; i++) {
      leaked += salvoLeaks(random) ? 1 : 0;
    }
    int used = engaged * s;
    int secondSlots = (interceptors - used) / s;
    if (shootLookShoot && engaged == incoming && secondSlots > 0 && leaked > 0) {
      int again = Math.min(leaked, secondSlots);
      int stillLeaking = 0;
      for (int i = 0; i < again; i++) {
        stillLeaking += salvoLeaks(random) ? 1 : 0;
      }
      used += again * s;
      leaked = leaked - again + stillLeaking;
    }
    return new Drawn(incoming - engaged + leaked, used, new boolean[0]);
  }

  private boolean salvoLeaks(SplittableRandom random) {
    for (int k = 0; k < shotsPerWarhead; k++) {
      if (random.nextDouble() < killProbability) {
        return false;
      }
    }
    return true;
  }
}
