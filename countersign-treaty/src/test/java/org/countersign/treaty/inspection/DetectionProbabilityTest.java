package org.countersign.treaty.inspection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import org.countersign.treaty.inspection.DetectionProbability.YearModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DetectionProbabilityTest {
  private static final MathContext MC = new MathContext(40);

  /** C(N-k, n) / C(N, n) as the exact product of integer ratios, to 40 digits. */
  static BigDecimal exactMissed(long N, long k, long n) {
    if (n > N - k) {
      return BigDecimal.ZERO;
    }
    BigInteger num = BigInteger.ONE;
    BigInteger den = BigInteger.ONE;
    for (long i = 0; i < n; i++) {
      num = num.multiply(BigInteger.valueOf(N - k - i));
      den = den.multiply(BigInteger.valueOf(N - i));
    }
    return new BigDecimal(num).divide(new BigDecimal(den), MC);
  }

  static double relativeError(double actual, BigDecimal exact) {
    if (exact.signum() == 0) {
      return actual == 0 ? 0 : Double.POSITIVE_INFINITY;
    }
    return new BigDecimal(actual).subtract(exact).abs().divide(exact, MC).doubleValue();
  }

  @Test
  void caughtAndMissed_everySmallCase_matchExactWithin1e12() {
    for (long N = 1; N <= 40; N++) {
      for (long k = 0; k <= N; k++) {
        for (long n = 0; n <= N; n++) {
          BigDecimal missed = exactMissed(N, k, n);
          BigDecimal caught = BigDecimal.ONE.subtract(missed);
          assertThat(relativeError(DetectionProbability.missed(N, k, n), missed))
              .as("missed N=%d k=%d n=%d", N, k, n)
              .isLessThan(1e-12);
          assertThat(relativeError(DetectionProbability.caught(N, k, n), caught))
              .as("caught N=%d k=%d n=%d", N, k, n)
              .isLessThan(1e-12);
        }
      }
    }
  }

  @ParameterizedTest
  @CsvSource({
    "1000000, 1, 100",
    "1000000, 50, 100",
    "1000000, 100, 20000",
    "2000000, 1000, 1000",
    "5000000, 3, 4000000",
    "1000000, 990000, 100",
    "123456789, 17, 3000",
  })
  void caughtAndMissed_millionsOfItems_matchExactBigIntegerProduct(long N, long k, long n) {
    // The exact product has min(n, k) factors by symmetry; the reference uses the same symmetry.
    BigDecimal missed = n <= k ? exactMissed(N, k, n) : exactMissed(N, n, k);
    BigDecimal caught = BigDecimal.ONE.subtract(missed);
    assertThat(relativeError(DetectionProbability.missed(N, k, n), missed)).isLessThan(1e-12);
    assertThat(relativeError(DetectionProbability.caught(N, k, n), caught)).isLessThan(1e-12);
  }

  @Test
  void logMissed_probabilityBelowDoubleRange_stillAccurateInLogSpace() {
    // 500 draws among a million with 999,000 violating: P(missed) ~ 1e-1500, far below any double.
    BigDecimal exact = exactMissed(1_000_000, 999_000, 500);
    double exactLog = Math.log(exact.unscaledValue().doubleValue()) - exact.scale() * Math.log(10);
    double log = DetectionProbability.logMissed(1_000_000, 999_000, 500);
    assertThat(Math.abs(log - exactLog) / Math.abs(exactLog)).isLessThan(1e-12);
    assertThat(DetectionProbability.missed(1_000_000, 999_000, 500)).isZero();
    assertThat(DetectionProbability.caught(1_000_000, 999_000, 500)).isEqualTo(1.0);
  }

  @Test
  void symmetry_usedInTheReference_holdsExactly() {
    // C(N-k,n)/C(N,n) == C(N-n,k)/C(N,k): the reference above may swap n and k.
    for (long N = 1; N <= 25; N++) {
      for (long k = 0; k <= N; k++) {
        for (long n = 0; n <= N; n++) {
          assertThat(exactMissed(N, k, n).compareTo(exactMissed(N, n, k))).isZero();
        }
      }
    }
  }

  @Test
  void probhypr_sasReferenceValue() {
    // SAS: PROBHYPR(120, 22, 20, 1) = 0.0762970752
    assertThat(new Hypergeometric(120, 22, 20).cdf(1)).isCloseTo(0.0762970752, within(5e-11));
  }

  @Test
  void hypergeometric_smallCases_matchExactPmfAndCdf() {
    for (long N = 1; N <= 20; N++) {
      for (long K = 0; K <= N; K++) {
        for (long n = 0; n <= N; n++) {
          var h = new Hypergeometric(N, K, n);
          BigInteger total = binomial(N, n);
          BigInteger cumulative = BigInteger.ZERO;
          for (long x = 0; x <= n; x++) {
            BigInteger ways = binomial(K, x).multiply(binomial(N - K, n - x));
            cumulative = cumulative.add(ways);
            BigDecimal pmf = new BigDecimal(ways).divide(new BigDecimal(total), MC);
            BigDecimal cdf = new BigDecimal(cumulative).divide(new BigDecimal(total), MC);
            BigDecimal sf = BigDecimal.ONE.subtract(cdf);
            String at = "N=" + N + " K=" + K + " n=" + n + " x=" + x;
            assertThat(relativeError(h.pmf(x), pmf)).as("pmf " + at).isLessThan(1e-12);
            assertThat(relativeError(h.cdf(x), cdf)).as("cdf " + at).isLessThan(1e-12);
            assertThat(relativeError(h.survival(x), sf)).as("sf " + at).isLessThan(1e-12);
          }
        }
      }
    }
  }

  @Test
  void hypergeometric_largePopulation_pmfSumsToOneAndCdfMeetsSurvival() {
    var h = new Hypergeometric(1_000_000, 5_000, 2_000);
    double sum = 0;
    for (long x = h.min(); x <= h.max(); x++) {
      sum += h.pmf(x);
    }
    assertThat(sum).isCloseTo(1.0, within(1e-12));
    for (long x : new long[] {0, 3, 10, 20, 40}) {
      assertThat(h.cdf(x) + h.survival(x)).isCloseTo(1.0, within(1e-13));
    }
    assertThat(h.cdf(0))
        .isCloseTo(DetectionProbability.missed(1_000_000, 5_000, 2_000), within(1e-15));
  }

  @Test
  void caught_isMonotoneInSampleSize() {
    for (long N : new long[] {10, 137, 5000}) {
      for (long k : new long[] {1, 3, N / 10}) {
        double previous = -1;
        for (long n = 0; n <= N; n += Math.max(1, N / 200)) {
          double p = DetectionProbability.caught(N, k, n);
          assertThat(p).as("N=%d k=%d n=%d", N, k, n).isGreaterThanOrEqualTo(previous);
          previous = p;
        }
      }
    }
  }

  @Test
  void smallestSample_isTheFirstSizeReachingTheGoal() {
    for (long N : new long[] {50, 700, 1550}) {
      for (long k : new long[] {1, 5, 20}) {
        for (double goal : new double[] {0.5, 0.9, 0.95}) {
          long n = DetectionProbability.smallestSample(N, k, goal);
          assertThat(DetectionProbability.caught(N, k, n)).isGreaterThanOrEqualTo(goal);
          assertThat(DetectionProbability.caught(N, k, n - 1)).isLessThan(goal);
        }
      }
    }
  }

  @Test
  void smallestSample_workedExample_700DeployedLaunchers() {
    // 700 deployed launchers, 10 over-loaded: the exact n for 90% vs the IAEA approximation.
    // Exact values computed independently with Python's fractions.Fraction: P(caught | n = 143) =
    // 0.89992402560, P(caught | n = 144) = 0.90172072173.
    long exact = DetectionProbability.smallestSample(700, 10, 0.90);
    double iaea = DetectionProbability.iaeaSampleSize(700, 10, 0.90);
    assertThat(exact).isEqualTo(144);
    assertThat(DetectionProbability.caught(700, 10, 143))
        .isCloseTo(0.8999240256019969, within(1e-14));
    assertThat(DetectionProbability.caught(700, 10, 144))
        .isCloseTo(0.901720721731225, within(1e-14));
    assertThat(iaea).isCloseTo(143.97023569300296, within(1e-9));
    assertThat(iaea).isCloseTo(700 * (1 - Math.pow(0.1, 1.0 / 10)), within(1e-9));
  }

  @Test
  void caughtOverYears_modelsAsDocumented() {
    double oneYear = DetectionProbability.caught(700, 5, 10);
    assertThat(DetectionProbability.caughtOverYears(700, 5, 10, 1, YearModel.INDEPENDENT_YEARS))
        .isCloseTo(oneYear, within(1e-15));
    assertThat(DetectionProbability.caughtOverYears(700, 5, 10, 5, YearModel.INDEPENDENT_YEARS))
        .isCloseTo(1 - Math.pow(1 - oneYear, 5), within(1e-14));
    assertThat(DetectionProbability.caughtOverYears(700, 5, 10, 5, YearModel.WITHOUT_REPLACEMENT))
        .isCloseTo(DetectionProbability.caught(700, 5, 50), within(1e-15))
        .isGreaterThan(
            DetectionProbability.caughtOverYears(700, 5, 10, 5, YearModel.INDEPENDENT_YEARS));
    assertThatThrownBy(
            () -> DetectionProbability.caughtOverYears(70, 5, 10, 8, YearModel.WITHOUT_REPLACEMENT))
        .hasMessage("10 items a year for 8 years is 80 distinct items, more than N = 70");
  }

  @Test
  void edges_noViolationOrNoSampleOrCertainCatch() {
    assertThat(DetectionProbability.caught(100, 0, 50)).isZero();
    assertThat(DetectionProbability.caught(100, 10, 0)).isZero();
    assertThat(DetectionProbability.caught(100, 10, 91)).isEqualTo(1.0);
    assertThat(DetectionProbability.caught(100, 100, 1)).isEqualTo(1.0);
    assertThat(DetectionProbability.caught(1, 1, 1)).isEqualTo(1.0);
  }

  @Test
  void badInput_preciseErrors() {
    assertThatThrownBy(() -> DetectionProbability.caught(0, 0, 0))
        .hasMessage("N must be 1..2^53-1, got 0");
    assertThatThrownBy(() -> DetectionProbability.caught(10, 11, 1))
        .hasMessage("k (violating items) must be 0..N = 10, got 11");
    assertThatThrownBy(() -> DetectionProbability.caught(10, 1, -1))
        .hasMessage("n (sample size) must be 0..N = 10, got -1");
    assertThatThrownBy(() -> DetectionProbability.smallestSample(10, 0, 0.9))
        .hasMessage("with no violating item there is nothing to catch (k = 0)");
    assertThatThrownBy(() -> DetectionProbability.smallestSample(10, 1, 1.5))
        .hasMessage("the detection goal must be in (0, 1], got 1.5");
  }

  @Test
  void workedExample_ofTheDocs_matchesExactFractions() {
    // docs/escrow-and-inspections.md: 500 deployed missiles, 20 over-loaded, 10 Type One
    // inspections a year. Reference values from Python's fractions.Fraction and math.comb.
    var plan = new InspectionPlan("type-one", 10, 1, 500, 20, 5, YearModel.INDEPENDENT_YEARS);
    assertThat(plan.caughtThisYear()).isCloseTo(0.3376884069113536, within(1e-15));
    assertThat(plan.caughtOverYears()).isCloseTo(0.8725582328297026, within(1e-15));
    assertThat(DetectionProbability.caughtOverYears(500, 20, 10, 5, YearModel.WITHOUT_REPLACEMENT))
        .isCloseTo(0.8835890072735819, within(1e-15));
    assertThat(DetectionProbability.smallestSample(500, 20, 0.90)).isEqualTo(54);
    assertThat(DetectionProbability.smallestSample(500, 20, 0.95)).isEqualTo(69);
    assertThat(DetectionProbability.smallestSample(500, 5, 0.90)).isEqualTo(184);
    assertThat(DetectionProbability.iaeaSampleSize(500, 20, 0.90)).isCloseTo(54.375, within(1e-3));
    assertThat(DetectionProbability.iaeaSampleSize(500, 5, 0.90)).isCloseTo(184.521, within(1e-3));
    assertThat(plan.sentence())
        .isEqualTo(
            "with 10 type-one inspections a year (1 item each), 20 violating items"
                + " among 500 are caught this year with probability 0.3377; within 5 years with probability 0.8726"
                + " (a fresh sample each year)");
  }

  @Test
  void inspectionPlan_sentence_statesTheTreatysQuota() {
    var plan = new InspectionPlan("type-one", 10, 1, 700, 5, 5, YearModel.INDEPENDENT_YEARS);
    assertThat(plan.caughtThisYear())
        .isCloseTo(DetectionProbability.caught(700, 5, 10), within(0.0));
    assertThat(plan.sentence())
        .isEqualTo(
            String.format(
                java.util.Locale.ROOT,
                "with 10 type-one inspections a year (1 item each), 5 violating items among 700 are caught this year"
                    + " with probability %.4f; within 5 years with probability %.4f (a fresh sample each year)",
                plan.caughtThisYear(),
                plan.caughtOverYears()));
  }

  private static BigInteger binomial(long n, long k) {
    if (k < 0 || k > n) {
      return BigInteger.ZERO;
    }
    BigInteger r = BigInteger.ONE;
    for (long i = 0; i < k; i++) {
      r = r.multiply(BigInteger.valueOf(n - i)).divide(BigInteger.valueOf(i + 1));
    }
    return r;
  }
}
