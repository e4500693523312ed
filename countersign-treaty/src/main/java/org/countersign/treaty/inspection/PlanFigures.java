package org.countersign.treaty.inspection;

import java.util.Locale;
import java.util.Objects;
import org.countersign.treaty.inspection.DetectionProbability.YearModel;
import org.jspecify.annotations.Nullable;

/**
 * Every figure shown beside an inspection plan against {@code k} hidden violations among {@code N}
 * items: the exact chance that a sample of {@code n} catches one, the smallest sample that reaches
 * a goal with the IAEA attribute-sampling approximation beside it, and the chance over several
 * years under both year models. The command line ({@code countersign inspect plan}) and the API
 * ({@code GET /api/v1/inspections/plan}) both print these, so that they never disagree.
 *
 * @param population N, the items that could be inspected
 * @param violating k, the violating items assumed among them
 * @param sample n, the distinct items inspected per year, or null if only a goal was asked
 * @param goal the detection goal, or null
 * @param years y, the years for the multi-year figures (1: none shown)
 * @param caught P(at least one of the k among the n), or null without a sample
 * @param smallestSample the smallest n whose P(caught) reaches the goal, or null without a goal
 * @param caughtAtSmallest P(caught) at that n, or null
 * @param iaeaSample the IAEA approximation N(1 - (1 - goal)^(1/k)), or null (no goal, or goal 1)
 * @param caughtOverYearsIndependent P(caught within y years) with a fresh sample each year, or null
 * @param caughtOverYearsWithoutReplacement P(caught within y years) with no item inspected twice,
 *     or null (no sample, or n·y > N)
 * @param count x, the number of violations the cumulative figures are about, or null
 * @param caughtAtMost P(X &lt;= x): the sample catches at most x of the k violations (X is
 *     hypergeometric), or null without a sample or x
 * @param caughtAtLeast P(X &gt;= x): the sample catches at least x of the k, or null likewise
 * @param caughtExact {@code caught} as a reduced fraction, or null without a sample or where the
 *     integers grow too large ({@link ExactProbability#MAX_TERMS} steps)
 * @param caughtAtMostExact {@code caughtAtMost} as a reduced fraction, or null likewise
 * @param caughtAtLeastExact {@code caughtAtLeast} as a reduced fraction, or null likewise
 */
public record PlanFigures(
    long population,
    long violating,
    @Nullable Long sample,
    @Nullable Double goal,
    int years,
    @Nullable Double caught,
    @Nullable Long smallestSample,
    @Nullable Double caughtAtSmallest,
    @Nullable Double iaeaSample,
    @Nullable Double caughtOverYearsIndependent,
    @Nullable Double caughtOverYearsWithoutReplacement,
    @Nullable Long count,
    @Nullable Double caughtAtMost,
    @Nullable Double caughtAtLeast,
    @Nullable ExactProbability caughtExact,
    @Nullable ExactProbability caughtAtMostExact,
    @Nullable ExactProbability caughtAtLeastExact) {

  /** Most years a plan is projected over. */
  public static final int MAX_YEARS = 100;

  /**
   * Computes the figures of a plan.
   *
   * @param sample n per year, or null
   * @param goal a detection goal in (0, 1], or null; at least one of sample and goal is required
   * @throws IllegalArgumentException naming the parameter and its value: N outside 1..2^53-1, k
   *     outside 0..N, n outside 0..N, a goal outside (0, 1] or with k = 0, years outside 1..{@value
   *     #MAX_YEARS}, or neither sample nor goal
   */
  public static PlanFigures of(
      long population, long violating, @Nullable Long sample, @Nullable Double goal, int years) {
    return of(population, violating, sample, goal, years, null);
  }

  /**
   * Computes the figures of a plan, with the cumulative distribution of the number caught at {@code
   * count}: P(at most x caught) and P(at least x caught) of the k violations, as attribute-sampling
   * plans quote them. Both tails are computed directly (neither as one minus the other), so a
   * probability near 0 keeps its digits.
   *
   * @param count x in 0..k, or null; requires a sample
   * @throws IllegalArgumentException as {@link #of(long, long, Long, Double, int)}, or for x
   *     outside 0..k, or x without a sample
   */
  public static PlanFigures of(
      long population,
      long violating,
      @Nullable Long sample,
      @Nullable Double goal,
      int years,
      @Nullable Long count) {
    if (sample == null && goal == null) {
      throw new IllegalArgumentException("give a sample size n or a detection goal");
    }
    if (years < 1 || years > MAX_YEARS) {
      throw new IllegalArgumentException("years must be 1.." + MAX_YEARS + ", got " + years);
    }
    DetectionProbability.caught(population, violating, 0); // validates N and k
    Double caught = null;
    ExactProbability caughtExact = null;
    Double independent = null;
    Double withoutReplacement = null;
    if (sample != null) {
      caught = DetectionProbability.caught(population, violating, sample);
      caughtExact =
          ExactProbability.hypergeometricRange(
                  new Hypergeometric(population, violating, sample), 1, violating)
              .orElse(null);
      if (years > 1) {
        independent =
            DetectionProbability.caughtOverYears(
                population, violating, sample, years, YearModel.INDEPENDENT_YEARS);
        if (sample * years <= population) {
          withoutReplacement =
              DetectionProbability.caughtOverYears(
                  population, violating, sample, years, YearModel.WITHOUT_REPLACEMENT);
        }
      }
    }
    Long smallest = null;
    Double atSmallest = null;
    Double iaea = null;
    if (goal != null) {
      smallest = DetectionProbability.smallestSample(population, violating, goal);
      atSmallest = DetectionProbability.caught(population, violating, smallest);
      if (goal < 1.0) {
        iaea = DetectionProbability.iaeaSampleSize(population, violating, goal);
      }
    }
    Double atMost = null;
    Double atLeast = null;
    ExactProbability atMostExact = null;
    ExactProbability atLeastExact = null;
    if (count != null) {
      if (sample == null) {
        throw new IllegalArgumentException("the number caught x needs a sample size n");
      }
      if (count < 0 || count > violating) {
        throw new IllegalArgumentException(
            "the number caught x must be 0.." + violating + " (k), got " + count);
      }
      var h = new Hypergeometric(population, violating, sample);
      atMost = h.cdf(count);
      atLeast = count == 0 ? 1.0 : h.survival(count - 1);
      atMostExact = ExactProbability.hypergeometricRange(h, 0, count).orElse(null);
      atLeastExact = ExactProbability.hypergeometricRange(h, count, violating).orElse(null);
    }
    return new PlanFigures(
        population,
        violating,
        sample,
        goal,
        years,
        caught,
        smallest,
        atSmallest,
        iaea,
        independent,
        withoutReplacement,
        count,
        atMost,
        atLeast,
        caughtExact,
        atMostExact,
        atLeastExact);
  }

  /** The figures for a reader, one per line. */
  public String text() {
    var b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "N = %d items, k = %d violating%n", population, violating));
    if (sample != null) {
      b.append(
          String.format(
              Locale.ROOT,
              "a sample of n = %d catches at least one with probability %.6f%s%n",
              sample,
              caught,
              exact(caughtExact)));
    }
    if (goal != null) {
      b.append(
          String.format(
              Locale.ROOT,
              "goal %s: the smallest sample is n = %d (probability %.6f)",
              plain(goal),
              smallestSample,
              caughtAtSmallest));
      b.append(
          iaeaSample == null
              ? String.format(Locale.ROOT, "%n")
              : String.format(
                  Locale.ROOT, "; IAEA attribute-sampling approximation n = %.2f%n", iaeaSample));
    }
    if (caughtOverYearsIndependent != null) {
      b.append(
          String.format(
              Locale.ROOT,
              "within %d years at n = %d a year: %.6f with a fresh sample each year",
              years,
              sample,
              caughtOverYearsIndependent));
      b.append(
          caughtOverYearsWithoutReplacement == null
              ? String.format(
                  Locale.ROOT,
                  "; %d items would exceed N without replacement%n",
                  Objects.requireNonNull(sample) * years)
              : String.format(
                  Locale.ROOT,
                  ", %.6f with no item inspected twice%n",
                  caughtOverYearsWithoutReplacement));
    }
    if (count != null) {
      b.append(
          String.format(
              Locale.ROOT,
              "of the %d violating, a sample of n = %d catches at most %d with probability %.6f"
                  + "%s, at least %d with probability %.6f%s%n",
              violating,
              sample,
              count,
              caughtAtMost,
              exact(caughtAtMostExact),
              count,
              caughtAtLeast,
              exact(caughtAtLeastExact)));
    }
    return b.toString();
  }

  /**
   * How a probability was computed, with the fraction where a reader can check it by hand (a
   * denominator of at most 12 digits); the JSON carries every fraction computed.
   */
  private static String exact(@Nullable ExactProbability p) {
    return p == null || p.denominator().compareTo(READABLE) >= 0
        ? " (exact hypergeometric)"
        : " (exactly " + p + ", hypergeometric)";
  }

  private static final java.math.BigInteger READABLE = java.math.BigInteger.TEN.pow(12);

  private static String plain(double v) {
    return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }
}
