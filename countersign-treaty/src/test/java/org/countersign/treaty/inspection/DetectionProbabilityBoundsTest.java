package org.countersign.treaty.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 13, finding 1: {@code min(n, k)} near 10^8 made one request loop for half a minute. Above
 * {@link DetectionProbability#EXACT_TERMS} factors the sum now comes from Stirling's series; these
 * tests hold it to the factor-by-factor sum, and show the worst inputs of the report now cost
 * nothing.
 */
class DetectionProbabilityBoundsTest {
  private static final long MAX_N = (1L << 53) - 1;

  static double relative(double actual, double expected) {
    return Math.abs(actual - expected) / Math.abs(expected);
  }

  @ParameterizedTest
  @CsvSource({
    // N, c (the larger of n and k), m (the smaller): every regime of the regrouped formula
    "10000, 5000, 4097",
    "9000, 4500, 4500",
    "1000000, 4097, 4097",
    "1000000, 900000, 5000",
    "1000000, 500000, 100000",
    "1000000, 990000, 10000",
    "9007199254740991, 4097, 4097",
    "9007199254740991, 100000000, 4500",
    "9007199254740991, 4503599627370496, 5000",
    "9007199254740991, 9007199254000000, 5000",
    "9007199254740991, 9007199254730000, 10991",
    "123456789, 123000000, 456789",
  })
  void stirling_matchesTheFactorByFactorSum(long N, long c, long m) {
    double exact = DetectionProbability.productOfRatios(N, c, m);
    double fast = DetectionProbability.stirling(N, c, m);
    assertThat(relative(fast, exact)).as("N=%d c=%d m=%d", N, c, m).isLessThan(1e-12);
  }

  @Test
  void stirling_randomParameters_matchTheFactorByFactorSum() {
    var random = new SplittableRandom(13);
    for (int trial = 0; trial < 60; trial++) {
      long N = 10_000 + random.nextLong(trial % 2 == 0 ? 50_000_000L : MAX_N - 10_000);
      long m = 4097 + random.nextLong(20_000);
      long c = m + random.nextLong(N - 2 * m + 1);
      double exact = DetectionProbability.productOfRatios(N, c, m);
      double fast = DetectionProbability.stirling(N, c, m);
      assertThat(relative(fast, exact)).as("N=%d c=%d m=%d", N, c, m).isLessThan(1e-12);
    }
  }

  @Test
  @Timeout(60) // a hang guard, not a performance claim: the old loop never ended on these
  void issue13_theReportedFreezingParameters_answerAtOnce() {
    // N = 1e9, k = 1e8, goal 0.99 took 27 s; N near 2^53 never finished. Each is now at most
    // 53 bisection steps of at most 4,096 logarithms. (No timing is asserted: the loop bound is.)
    assertThat(DetectionProbability.smallestSample(1_000_000_000L, 100_000_000L, 0.99))
        .isBetween(40L, 50L);
    assertThat(DetectionProbability.caught(MAX_N, MAX_N / 2, MAX_N / 3)).isEqualTo(1.0);
    double p = DetectionProbability.caught(MAX_N, 3_000_000_000L, 3_000_000_000L);
    // P(missed) = exp(-c m / N) to first order: 1 - exp(-1e18/9e15), i.e. certainly caught.
    assertThat(p).isEqualTo(1.0);
    double small = DetectionProbability.caught(MAX_N, 10_000, 10_000);
    assertThat(relative(small, 1e8 / MAX_N)).isLessThan(1e-6);
    long n = DetectionProbability.smallestSample(MAX_N, MAX_N / 1000, 0.95);
    assertThat(DetectionProbability.caught(MAX_N, MAX_N / 1000, n)).isGreaterThanOrEqualTo(0.95);
    assertThat(DetectionProbability.caught(MAX_N, MAX_N / 1000, n - 1)).isLessThan(0.95);
  }

  @Test
  void exactAndStirling_agreeAcrossTheThreshold() {
    long N = 50_000_000L;
    long c = 7_000_000L;
    double below = DetectionProbability.logMissed(N, c, DetectionProbability.EXACT_TERMS);
    double above = DetectionProbability.logMissed(N, c, DetectionProbability.EXACT_TERMS + 1);
    double exactAbove =
        DetectionProbability.productOfRatios(N, c, DetectionProbability.EXACT_TERMS + 1);
    assertThat(relative(above, exactAbove)).isLessThan(1e-12);
    assertThat(above).isLessThan(below);
  }
}
