package org.countersign.treaty.inspection;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The probability that an inspection plan catches at least one of {@code k} violating items among
 * {@code N}, when it inspects {@code n} items drawn uniformly without replacement (and an inspected
 * violating item is always recognised):
 *
 * <pre>
 *   P(caught) = 1 - C(N-k, n) / C(N, n) = 1 - prod_{i=0}^{n-1} (N-k-i) / (N-i)
 * </pre>
 *
 * <h2>Numerics: exact to about 10<sup>-13</sup> relative, for any N below 2<sup>53</sup></h2>
 *
 * <p>By the symmetry {@code C(N-k,n)/C(N,n) = C(N-n,k)/C(N,k)} the product needs only {@code m =
 * min(n, k)} factors. Each factor {@code r = (N-k-i)/(N-i)} is a ratio of exact integers, so its
 * logarithm is taken as {@code log1p(-k/(N-i))} when {@code r >= 1/2} (no cancellation) and as
 * {@code log(r)} otherwise, both within about one ulp. The m logarithms, all negative, are added
 * with Neumaier's compensated summation, so the sum {@code S} is accurate to a few ulps; then
 * {@code P(missed) = exp(S)} (relative error about |S|·3ε, under 3·10<sup>-13</sup> while the
 * probability is above 10<sup>-300</sup>) and {@code P(caught) = -expm1(S)} (relative error a few
 * ε, including when P(caught) is tiny). The tests compare against exact {@code BigInteger}
 * products.
 *
 * <p>That loop is bounded: when {@code m} exceeds {@link #EXACT_TERMS} (4,096) the same sum comes
 * from Stirling's series for the four log-gamma values it equals, regrouped so that only {@code
 * log1p} of exact ratios appear (see {@code stirling}); the tests hold it to the factor-by-factor
 * sum within 10<sup>-12</sup> relative over every regime, up to N = 2<sup>53</sup>-1. So {@link
 * #caught}, {@link #missed} and {@link #logMissed} cost at most 4,096 logarithms, and {@link
 * #smallestSample} (a bisection of at most 53 steps) at most 53 times that, for any N.
 *
 * <p>The elementary functions are {@link StrictMath}'s (fdlibm), not {@link Math}'s, whose
 * intrinsics may differ by an ulp between processors: the compliance report prints these
 * probabilities, and its bytes must be the same on every machine that replays the log.
 *
 * <h2>Several inspections and several years</h2>
 *
 * <p>Within one treaty year, {@code q} inspections of {@code s} items each are modelled as one
 * sample of {@code n = q·s} distinct items (no item is inspected twice in a year). Across years the
 * caller chooses a {@link YearModel}: independent fresh samples each year (the violation persists
 * and the inspector forgets nothing but may re-draw an item), or sampling without replacement
 * across all years.
 */
public final class DetectionProbability {
  /**
   * Above this many factors ({@code min(n, k)}) the product is evaluated from Stirling's series in
   * constant time instead of factor by factor: every figure then costs at most this many
   * logarithms, whatever N (so a request can never make the server loop for N steps).
   */
  public static final long EXACT_TERMS = 4096;

  private DetectionProbability() {}

  /** How samples of successive years relate. */
  public enum YearModel {
    /** Each year draws a fresh sample, independent of earlier years: 1 - (1 - p)^years. */
    INDEPENDENT_YEARS,
    /** No item is inspected twice over all the years: one sample of n·years items. */
    WITHOUT_REPLACEMENT
  }

  /**
   * P(at least one of the k violating items is in a sample of n among N).
   *
   * @throws IllegalArgumentException unless {@code 0 <= k <= N}, {@code 0 <= n <= N}, {@code N >=
   *     1}
   */
  public static double caught(long N, long k, long n) {
    return -StrictMath.expm1(logMissed(N, k, n));
  }

  /** P(none of the k violating items is in the sample) = C(N-k, n) / C(N, n). */
  public static double missed(long N, long k, long n) {
    return StrictMath.exp(logMissed(N, k, n));
  }

  /**
   * ln(C(N-k, n) / C(N, n)), {@code -Infinity} when the sample cannot miss every violation (n >
   * N-k).
   */
  public static double logMissed(long N, long k, long n) {
    check(N, k, n);
    if (k == 0 || n == 0) {
      return 0.0;
    }
    if (n > N - k) {
      return Double.NEGATIVE_INFINITY;
    }
    long m = Math.min(n, k);
    long other = Math.max(n, k);
    return m <= EXACT_TERMS ? productOfRatios(N, other, m) : stirling(N, other, m);
  }

  /** The sum of the m logarithms of the exact ratios (N-c-i)/(N-i), compensated. */
  static double productOfRatios(long N, long other, long m) {
    double sum = 0.0;
    double compensation = 0.0;
    for (long i = 0; i < m; i++) {
      long den = N - i;
      long num = den - other;
      double term =
          2 * num >= den
              ? StrictMath.log1p(-(double) other / den)
              : StrictMath.log((double) num / den);
      // Neumaier: keep the low-order bits that the running sum drops.
      double t = sum + term;
      compensation += Math.abs(sum) >= Math.abs(term) ? (sum - t) + term : (term - t) + sum;
      sum = t;
    }
    return sum + compensation;
  }

  /**
   * The same sum in constant time, from Stirling's series. With {@code a = N - c} the sum is {@code
   * lnΓ(a+1) - lnΓ(a-m+1) - lnΓ(N+1) + lnΓ(N-m+1)}. Writing {@code lnΓ(y) = (y-1/2)ln y - y +
   * ln(2π)/2 + δ(y)}, the linear and constant parts cancel exactly, and the logarithms regroup into
   * three {@code log1p} terms of exact ratios (so no huge lnΓ values are subtracted):
   *
   * <pre>
   *   (a + 1/2) log1p(m c / ((N+1)(a-m+1))) + m ln((a-m+1) / (N-m+1)) + c log1p(-m / (N+1))
   *     + δ(a+1) - δ(a-m+1) - δ(N+1) + δ(N-m+1)
   * </pre>
   */
  static double stirling(long N, long c, long m) {
    long a = N - c;
    double y2 = a - m + 1;
    double y3 = N + 1.0;
    double y4 = N - m + 1;
    double main =
        (a + 0.5) * StrictMath.log1p(((double) m / y3) * ((double) c / y2))
            + m * logRatio(y2, y4)
            + c * StrictMath.log1p(-(double) m / y3);
    double corrections = (delta(a + 1) - delta(a - m + 1)) - (delta(N + 1) - delta(N - m + 1));
    return main + corrections;
  }

  /** ln(num/den) for integers 0 < num < den, within about one ulp either side of 1/2. */
  private static double logRatio(double num, double den) {
    return 2 * num >= den ? StrictMath.log1p(-(den - num) / den) : StrictMath.log(num / den);
  }

  /** Stirling's remainder δ(y) = lnΓ(y) - (y-1/2)ln y + y - ln(2π)/2, for an integer y >= 1. */
  private static double delta(long y) {
    if (y < SMALL_DELTA.length) {
      return SMALL_DELTA[(int) y];
    }
    double r = 1.0 / y;
    double r2 = r * r;
    // Truncation error below 1/(1188 y^9), under 10^-16 for y >= 32.
    return r * (1.0 / 12 - r2 * (1.0 / 360 - r2 * (1.0 / 1260 - r2 * (1.0 / 1680))));
  }

  private static final double HALF_LN_TWO_PI = 0.5 * StrictMath.log(2 * Math.PI);

  /** δ(y) for y < 32 from lnΓ(y) = ln((y-1)!), summed exactly enough (a few ulps). */
  private static final double[] SMALL_DELTA = smallDelta();

  private static double[] smallDelta() {
    double[] d = new double[32];
    double lnFactorial = 0.0; // ln((y-1)!)
    for (int y = 1; y < d.length; y++) {
      if (y > 1) {
        lnFactorial += StrictMath.log(y - 1);
      }
      d[y] = lnFactorial - ((y - 0.5) * StrictMath.log(y) - y + HALF_LN_TWO_PI);
    }
    return d;
  }

  /**
   * The smallest sample size n whose P(caught) reaches {@code goal}.
   *
   * @throws IllegalArgumentException if k is 0 (nothing can be caught) or goal is not in (0, 1]
   */
  public static long smallestSample(long N, long k, double goal) {
    check(N, k, 0);
    if (k == 0) {
      throw new IllegalArgumentException(
          "with no violating item there is nothing to catch (k = 0)");
    }
    if (!(goal > 0.0 && goal <= 1.0)) {
      throw new IllegalArgumentException("the detection goal must be in (0, 1], got " + goal);
    }
    // caught() is increasing in n and reaches 1 at n = N - k + 1, and only there: certainty is
    // exact arithmetic, not a double that rounds to 1.
    if (goal == 1.0) {
      return N - k + 1;
    }
    long lo = 1;
    long hi = N - k + 1;
    while (lo < hi) {
      long mid = lo + (hi - lo) / 2;
      if (caught(N, k, mid) >= goal) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    // The doubles are within about 1e-13 of the truth; at the goal's edge the exact fractions
    // decide (the goal as the decimal it was written as), while the product is small enough.
    if (Math.min(lo, k) <= EXACT_FACTORS_MAX) {
      BigDecimal exactGoal = new BigDecimal(Double.toString(goal));
      while (lo > 1 && reaches(N, k, lo - 1, exactGoal)) {
        lo--;
      }
      while (lo < N - k + 1 && !reaches(N, k, lo, exactGoal)) {
        lo++;
      }
    }
    return lo;
  }

  /** Most factors of the exact product {@link #reaches} multiplies out. */
  private static final long EXACT_FACTORS_MAX = 4096;

  /**
   * Exactly whether P(caught) at n reaches {@code goal}: {@code 1 - num/den >= goal}, that is
   * {@code num <= (1 - goal) den}, with num and den the products of the min(n, k) factors.
   */
  private static boolean reaches(long N, long k, long n, BigDecimal goal) {
    if (n > N - k) {
      return true;
    }
    long m = Math.min(n, k);
    long other = Math.max(n, k);
    BigInteger num = BigInteger.ONE;
    BigInteger den = BigInteger.ONE;
    for (long i = 0; i < m; i++) {
      num = num.multiply(BigInteger.valueOf(N - i - other));
      den = den.multiply(BigInteger.valueOf(N - i));
    }
    return new BigDecimal(num)
            .compareTo(BigDecimal.ONE.subtract(goal).multiply(new BigDecimal(den)))
        <= 0;
  }

  /**
   * The IAEA attribute-sampling approximation of the sample size, {@code N (1 - β^(1/k))} with
   * {@code β = 1 - goal} the accepted non-detection probability (IAEA Safeguards Glossary, 2001,
   * §10.4; it treats the k violations as independent draws). Not rounded: shown beside {@link
   * #smallestSample} so that readers see how far the approximation is from the exact figure.
   */
  public static double iaeaSampleSize(long N, long k, double goal) {
    check(N, k, 0);
    if (k == 0) {
      throw new IllegalArgumentException(
          "with no violating item there is nothing to catch (k = 0)");
    }
    if (!(goal > 0.0 && goal < 1.0)) {
      throw new IllegalArgumentException("the detection goal must be in (0, 1), got " + goal);
    }
    double beta = 1.0 - goal;
    return -N * StrictMath.expm1(StrictMath.log(beta) / k);
  }

  /**
   * P(caught) over several years: {@code perYear} distinct items inspected each year for {@code
   * years} years.
   *
   * @throws IllegalArgumentException for negative counts, or a {@code WITHOUT_REPLACEMENT} total
   *     above N
   */
  public static double caughtOverYears(long N, long k, long perYear, int years, YearModel model) {
    if (years < 0) {
      throw new IllegalArgumentException("years must not be negative, got " + years);
    }
    return switch (model) {
      case INDEPENDENT_YEARS -> -StrictMath.expm1(years * logMissed(N, k, perYear));
      case WITHOUT_REPLACEMENT -> {
        long total = Math.multiplyExact(perYear, (long) years);
        if (total > N) {
          throw new IllegalArgumentException(
              perYear
                  + " items a year for "
                  + years
                  + " years is "
                  + total
                  + " distinct items, more than N = "
                  + N);
        }
        yield caught(N, k, total);
      }
    };
  }

  private static void check(long N, long k, long n) {
    if (N < 1 || N >= (1L << 53)) {
      throw new IllegalArgumentException("N must be 1..2^53-1, got " + N);
    }
    if (k < 0 || k > N) {
      throw new IllegalArgumentException("k (violating items) must be 0..N = " + N + ", got " + k);
    }
    if (n < 0 || n > N) {
      throw new IllegalArgumentException("n (sample size) must be 0..N = " + N + ", got " + n);
    }
  }
}
