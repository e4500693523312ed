package org.countersign.treaty.inspection;

import java.math.BigInteger;
import java.util.Optional;

/**
 * A probability as a reduced fraction, for the small cases a reader checks by hand (Fisher's 17/70
 * for the lady tasting tea): a double prints 0.24285714285714285 where the published figure is
 * 17/70. Only offered where the integers stay small enough to compute at once.
 *
 * @param numerator at least 0
 * @param denominator at least 1, coprime with the numerator
 */
public record ExactProbability(BigInteger numerator, BigInteger denominator) {
  /**
   * Most terms (recurrence steps) an exact figure may take: beyond it the integers run to hundreds
   * of thousands of bits, and the double alone is given.
   */
  static final long MAX_TERMS = 10_000;

  public ExactProbability {
    if (numerator.signum() < 0
        || denominator.signum() <= 0
        || numerator.compareTo(denominator) > 0
        || !numerator.gcd(denominator).equals(BigInteger.ONE)) {
      throw new IllegalArgumentException(
          "not a reduced probability: " + numerator + "/" + denominator);
    }
  }

  /** {@code numerator / denominator}, reduced. */
  static ExactProbability of(BigInteger numerator, BigInteger denominator) {
    if (numerator.signum() == 0) {
      return new ExactProbability(BigInteger.ZERO, BigInteger.ONE);
    }
    BigInteger g = numerator.gcd(denominator);
    return new ExactProbability(numerator.divide(g), denominator.divide(g));
  }

  /**
   * P(from &lt;= X &lt;= to) for X hypergeometric, exactly, or empty if it would take more than
   * {@link #MAX_TERMS} steps. Sums the integers {@code C(K, j) C(N-K, n-j)} over the range, each
   * from the last by the exact ratio {@code (K-j)(n-j) / ((j+1)(N-K-n+j+1))}, over {@code C(N, n)}.
   */
  static Optional<ExactProbability> hypergeometricRange(Hypergeometric h, long from, long to) {
    long lo = Math.max(from, h.min());
    long hi = Math.min(to, h.max());
    if (lo > hi) {
      return Optional.of(new ExactProbability(BigInteger.ZERO, BigInteger.ONE));
    }
    long n = h.draws();
    long big = h.population();
    long marked = h.marked();
    long first = h.min();
    long steps =
        Math.min(n, big - n)
            + Math.min(first, marked - first)
            + Math.min(n - first, big - marked - n + first)
            + (hi - first);
    if (steps > MAX_TERMS) {
      return Optional.empty();
    }
    // term(j) = C(K, j) C(N-K, n-j), starting at the lowest j of the support
    BigInteger term = binomial(marked, first).multiply(binomial(big - marked, n - first));
    BigInteger sum = BigInteger.ZERO;
    for (long j = first; j <= hi; j++) {
      if (j >= lo) {
        sum = sum.add(term);
      }
      if (j < hi) {
        term =
            term.multiply(BigInteger.valueOf(marked - j))
                .multiply(BigInteger.valueOf(n - j))
                .divide(
                    BigInteger.valueOf(j + 1)
                        .multiply(BigInteger.valueOf(big - marked - n + j + 1)));
      }
    }
    return Optional.of(of(sum, binomial(big, n)));
  }

  /** C(n, k) by the multiplicative formula; every partial product is itself a binomial. */
  private static BigInteger binomial(long n, long k) {
    long m = Math.min(k, n - k);
    BigInteger r = BigInteger.ONE;
    for (long i = 1; i <= m; i++) {
      r = r.multiply(BigInteger.valueOf(n - m + i)).divide(BigInteger.valueOf(i));
    }
    return r;
  }

  /** The fraction as {@code 17/70} ({@code 0} and {@code 1} alone). */
  @Override
  public String toString() {
    return denominator.equals(BigInteger.ONE)
        ? numerator.toString()
        : numerator + "/" + denominator;
  }
}
