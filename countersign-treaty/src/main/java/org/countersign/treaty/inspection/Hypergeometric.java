package org.countersign.treaty.inspection;

/**
 * The hypergeometric distribution: the number {@code X} of marked items in a sample of {@code
 * draws} taken without replacement from {@code population} items of which {@code marked} are marked
 * (in inspections: violating items caught by a sample).
 *
 * <pre>
 *   P(X = j) = C(K, j) C(N-K, n-j) / C(N, n),   max(0, n-(N-K)) <= j <= min(n, K)
 * </pre>
 *
 * <h2>Numerics</h2>
 *
 * <p>Everything is computed in log space, so {@code N} may be in the millions (or billions) without
 * overflow or underflow:
 *
 * <ul>
 *   <li>the lowest-support probability is a product of at most {@code min(n, K)} ratios, summed as
 *       logarithms with Neumaier's compensated summation ({@link DetectionProbability#logMissed});
 *   <li>the others follow by the exact ratio {@code P(j+1)/P(j) = (K-j)(n-j) / ((j+1)(N-K-n+j+1))},
 *       each factor's logarithm accurate to about one ulp;
 *   <li>tails are summed from whichever end is smaller, with a running log-sum-exp, so that a
 *       probability near 1 does not swallow its complement.
 * </ul>
 *
 * <p>The relative error grows with the number of recurrence steps {@code s} as about {@code s·4ε}
 * (ε = 2<sup>-53</sup>): under 10<sup>-12</sup> for up to about 10<sup>3</sup> steps, and still
 * about 10<sup>-9</sup> at a million steps. {@link DetectionProbability} does not use the
 * recurrence and stays near machine precision for any size.
 *
 * @param population N, at least 1
 * @param marked K, 0..N
 * @param draws n, 0..N
 */
public record Hypergeometric(long population, long marked, long draws) {
  public Hypergeometric {
    if (population < 1) {
      throw new IllegalArgumentException("population must be at least 1, got " + population);
    }
    if (marked < 0 || marked > population) {
      throw new IllegalArgumentException(
          "marked items must be 0.." + population + ", got " + marked);
    }
    if (draws < 0 || draws > population) {
      throw new IllegalArgumentException("sample size must be 0.." + population + ", got " + draws);
    }
  }

  /** The smallest possible value of X. */
  public long min() {
    return Math.max(0, draws - (population - marked));
  }

  /** The largest possible value of X. */
  public long max() {
    return Math.min(draws, marked);
  }

  /** P(X = j). */
  public double pmf(long j) {
    if (j < min() || j > max()) {
      return 0.0;
    }
    return Math.exp(logPmf(j));
  }

  /** P(X &lt;= x): SAS's {@code PROBHYPR(N, K, n, x)}. */
  public double cdf(long x) {
    if (x < min()) {
      return 0.0;
    }
    if (x >= max()) {
      return 1.0;
    }
    return below(x) ? sumLog(min(), x) : -Math.expm1(sumLogAsLog(x + 1, max()));
  }

  /** P(X &gt; x), computed directly rather than as {@code 1 - cdf(x)}. */
  public double survival(long x) {
    if (x < min()) {
      return 1.0;
    }
    if (x >= max()) {
      return 0.0;
    }
    return below(x) ? -Math.expm1(sumLogAsLog(min(), x)) : sumLog(x + 1, max());
  }

  /** The mean n·K/N. */
  public double mean() {
    return (double) draws * marked / population;
  }

  /** Whether the lower tail through x is the smaller one (x left of the mean). */
  private boolean below(long x) {
    return x < mean();
  }

  /** ln P(X = j), for j in the support. */
  double logPmf(long j) {
    long lo = min();
    double lp = logPmfAtMin();
    for (long i = lo; i < j; i++) {
      lp += logRatio(i);
    }
    return lp;
  }

  /** ln P(X = min), via the product form of a "none caught" probability. */
  private double logPmfAtMin() {
    long lo = min();
    if (lo == 0) {
      // P(X = 0) = C(N-K, n) / C(N, n)
      return DetectionProbability.logMissed(population, marked, draws);
    }
    // X = lo means every unmarked item is in the sample, i.e. none of the N-K unmarked items is
    // among the N-n items left out: the "none caught" probability with roles exchanged.
    return DetectionProbability.logMissed(population, population - marked, population - draws);
  }

  /** ln(P(j+1) / P(j)). */
  private double logRatio(long j) {
    double a = (double) (marked - j) / (j + 1);
    double b = (double) (draws - j) / (population - marked - draws + j + 1);
    return Math.log(a) + Math.log(b);
  }

  /** Sum of P(j) for j in [from, to], as a probability. */
  private double sumLog(long from, long to) {
    return Math.exp(sumLogAsLog(from, to));
  }

  /** ln of the sum of P(j) for j in [from, to], by a running log-sum-exp. */
  private double sumLogAsLog(long from, long to) {
    long lo = min();
    double lp = logPmfAtMin();
    for (long i = lo; i < from; i++) {
      lp += logRatio(i);
    }
    double max = lp;
    double scaled = 1.0; // sum of exp(lp_j - max)
    for (long j = from; j < to; j++) {
      lp += logRatio(j);
      if (lp > max) {
        scaled = scaled * Math.exp(max - lp) + 1.0;
        max = lp;
      } else {
        scaled += Math.exp(lp - max);
      }
    }
    return max + Math.log(scaled);
  }
}
