package org.countersign.treaty.inspection;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** Issue 15: the smallest sample at a goal is decided by exact fractions, never rounded doubles. */
class SmallestSampleExactTest {
  @Test
  void goalOne_needsEveryInnocentItemPlusOne() {
    // With N = 500 and k = 20, P(caught) at n = 415 prints as 1.000000 but is below 1: only
    // n = N - k + 1 = 481 is certain.
    assertThat(DetectionProbability.smallestSample(500, 20, 1.0)).isEqualTo(481);
    assertThat(PlanFigures.of(500, 20, null, 1.0, 1).smallestSample()).isEqualTo(481);
    assertThat(DetectionProbability.smallestSample(10, 2, 1.0)).isEqualTo(9);
  }

  @Test
  void goalAtAnExactProbability_isReachedThere() {
    // N = 4, k = 2: P(caught) at n = 1 is exactly 1/2 and 0.5 is exact in binary; at n = 2 it is
    // 5/6. A goal of exactly 0.5 is reached at n = 1.
    assertThat(DetectionProbability.smallestSample(4, 2, 0.5)).isEqualTo(1);
    // N = 10, k = 1: P(caught) at n = 3 is exactly 3/10; the double 0.3 is not, yet the goal 0.3
    // as written is reached at n = 3, not n = 4.
    assertThat(DetectionProbability.smallestSample(10, 1, 0.3)).isEqualTo(3);
  }

  @Test
  void everySmallCase_matchesBigIntegerSearch() {
    double[] goals = {0.1, 0.25, 0.3, 0.5, 0.7, 0.9, 0.95, 0.99, 0.999, 1.0};
    for (int N = 1; N <= 40; N++) {
      for (int k = 1; k <= N; k++) {
        for (double goal : goals) {
          assertThat(DetectionProbability.smallestSample(N, k, goal))
              .as("N=%d k=%d goal=%s", N, k, goal)
              .isEqualTo(exactSmallest(N, k, goal));
        }
      }
    }
  }

  /** The first n with C(N-k, n) <= (1 - goal) C(N, n), goal read as its decimal. */
  private static long exactSmallest(int N, int k, double goal) {
    java.math.BigDecimal miss =
        java.math.BigDecimal.ONE.subtract(new java.math.BigDecimal(Double.toString(goal)));
    for (int n = 1; ; n++) {
      BigInteger a = binomial(N - k, n);
      BigInteger b = binomial(N, n);
      if (new java.math.BigDecimal(a).compareTo(miss.multiply(new java.math.BigDecimal(b))) <= 0) {
        return n;
      }
    }
  }

  private static BigInteger binomial(int n, int r) {
    if (r < 0 || r > n) {
      return BigInteger.ZERO;
    }
    BigInteger c = BigInteger.ONE;
    for (int i = 0; i < r; i++) {
      c = c.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
    }
    return c;
  }
}
