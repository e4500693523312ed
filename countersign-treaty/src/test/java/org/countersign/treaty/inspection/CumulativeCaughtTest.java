package org.countersign.treaty.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Issue 16, point 5: the cumulative distribution of the number of violations a sample catches, P(at
 * most x of k) and P(at least x of k), exact, against a published reference.
 */
class CumulativeCaughtTest {
  private static final MathContext MC = new MathContext(40);

  /**
   * The published reference: R. A. Fisher, <i>The Design of Experiments</i> (Oliver and Boyd,
   * 1935), chapter II, "the lady tasting tea". Eight cups, four of one kind; the taster picks four.
   * The number X of right picks is hypergeometric (N = 8, K = 4, n = 4); Fisher counts the 70 ways
   * of choosing as 1, 16, 36, 16, 1 for X = 0..4, so P(X = 4) = 1/70 and P(X >= 3) = 17/70. In
   * inspection terms: 8 items, 4 violating, 4 inspected.
   */
  @Test
  void of_fisherTeaTasting_reproducesThePublishedFractions() {
    var atLeastThree = PlanFigures.of(8, 4, 4L, null, 1, 3L);
    assertThat(atLeastThree.caughtAtLeast()).isCloseTo(17.0 / 70, within(1e-15));
    assertThat(atLeastThree.caughtAtMost()).isCloseTo(69.0 / 70, within(1e-15));
    var all = PlanFigures.of(8, 4, 4L, null, 1, 4L);
    assertThat(all.caughtAtLeast()).isCloseTo(1.0 / 70, within(1e-16));
    assertThat(all.caughtAtMost()).isEqualTo(1.0);
    var atMostTwo = PlanFigures.of(8, 4, 4L, null, 1, 2L);
    assertThat(atMostTwo.caughtAtMost()).isCloseTo(53.0 / 70, within(1e-15));
    assertThat(atMostTwo.caughtAtLeast()).isCloseTo(53.0 / 70, within(1e-15)); // 36+16+1
    assertThat(PlanFigures.of(8, 4, 4L, null, 1, 0L).caughtAtLeast()).isEqualTo(1.0);
    assertThat(PlanFigures.of(8, 4, 4L, null, 1, 0L).caughtAtMost())
        .isCloseTo(1.0 / 70, within(1e-16));
    // and as the fractions Fisher prints
    assertThat(atLeastThree.caughtAtLeastExact()).hasToString("17/70");
    assertThat(atMostTwo.caughtAtMostExact()).hasToString("53/70");
    assertThat(all.caughtAtLeastExact()).hasToString("1/70");
    assertThat(all.caughtAtMostExact()).hasToString("1");
    assertThat(atLeastThree.caughtExact()).hasToString("69/70");
    assertThat(atLeastThree.text())
        .contains("at least 3 with probability 0.242857 (exactly 17/70, hypergeometric)");
  }

  @Test
  void of_integersTooLargeForExactness_giveTheDoubleAlone() {
    var p = PlanFigures.of(1_000_000, 1_000, 50_000L, null, 1, 40L);
    assertThat(p.caughtExact()).isNull();
    assertThat(p.caughtAtMostExact()).isNull();
    assertThat(p.text()).contains("(exact hypergeometric)").doesNotContain("exactly");
    // just inside the bound the fraction is still given
    assertThat(PlanFigures.of(1_000_000, 20, 4_000L, null, 1, 1L).caughtAtLeastExact()).isNotNull();
  }

  @Test
  void of_atLeastOne_equalsTheCaughtFigure() {
    var p = PlanFigures.of(500, 20, 10L, null, 1, 1L);
    assertThat(p.caughtAtLeast()).isCloseTo(p.caught(), within(1e-15));
    assertThat(p.text())
        .contains(
            "of the 20 violating, a sample of n = 10 catches at most 1 with probability"
                + " 0.943548 (exact hypergeometric), at least 1 with probability 0.337688");
  }

  /** Sum over j in [from, to] of C(K, j) C(N-K, n-j) / C(N, n), as an exact fraction. */
  private static BigDecimal exactTail(int N, int K, int n, int from, int to) {
    BigInteger num = BigInteger.ZERO;
    for (int j = Math.max(from, 0); j <= Math.min(to, Math.min(n, K)); j++) {
      if (n - j <= N - K) {
        num = num.add(binomial(K, j).multiply(binomial(N - K, n - j)));
      }
    }
    return new BigDecimal(num).divide(new BigDecimal(binomial(N, n)), MC);
  }

  private static BigDecimal fraction(@Nullable ExactProbability p) {
    ExactProbability exact = java.util.Objects.requireNonNull(p, "no exact fraction");
    return new BigDecimal(exact.numerator()).divide(new BigDecimal(exact.denominator()), MC);
  }

  private static BigInteger binomial(int n, int k) {
    BigInteger r = BigInteger.ONE;
    for (int i = 0; i < k; i++) {
      r = r.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
    }
    return r;
  }

  @Test
  void of_everySmallCase_bothTailsMatchExactFractions() {
    for (int N = 1; N <= 24; N++) {
      for (int K = 0; K <= N; K++) {
        for (int n = 0; n <= N; n++) {
          for (int x = 0; x <= K; x++) {
            var p = PlanFigures.of(N, K, (long) n, null, 1, (long) x);
            BigDecimal atMost = exactTail(N, K, n, 0, x);
            BigDecimal atLeast = exactTail(N, K, n, x, K);
            assertThat(p.caughtAtMost())
                .as("P(X<=%d) N=%d K=%d n=%d", x, N, K, n)
                .isCloseTo(atMost.doubleValue(), within(1e-13));
            assertThat(p.caughtAtLeast())
                .as("P(X>=%d) N=%d K=%d n=%d", x, N, K, n)
                .isCloseTo(atLeast.doubleValue(), within(1e-13));
            assertThat(fraction(p.caughtAtMostExact())).isEqualByComparingTo(atMost);
            assertThat(fraction(p.caughtAtLeastExact())).isEqualByComparingTo(atLeast);
          }
        }
      }
    }
  }

  @Test
  void of_countOutsideTheViolationsOrWithoutSample_refused() {
    assertThatThrownBy(() -> PlanFigures.of(100, 5, 10L, null, 1, 6L))
        .hasMessage("the number caught x must be 0..5 (k), got 6");
    assertThatThrownBy(() -> PlanFigures.of(100, 5, null, 0.9, 1, 1L))
        .hasMessage("the number caught x needs a sample size n");
  }
}
