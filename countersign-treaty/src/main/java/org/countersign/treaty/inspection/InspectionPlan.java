package org.countersign.treaty.inspection;

import java.util.Locale;
import org.countersign.treaty.inspection.DetectionProbability.YearModel;

/**
 * An inspection plan against hidden violations, and what it achieves: the figures the CLI, the API
 * and the compliance report print beside every plan.
 *
 * @param inspectionType the treaty's inspection type, e.g. {@code type-one}
 * @param inspectionsPerYear q, the yearly quota used
 * @param itemsPerInspection s, items inspected by each inspection (1 for a designated missile)
 * @param population N, the items that could be inspected
 * @param violating k, the violating items assumed hidden among them
 * @param years y, the years considered
 * @param model how the samples of successive years relate
 */
public record InspectionPlan(
    String inspectionType,
    int inspectionsPerYear,
    int itemsPerInspection,
    long population,
    long violating,
    int years,
    YearModel model) {

  public InspectionPlan {
    if (inspectionsPerYear < 0 || itemsPerInspection < 1 || years < 1) {
      throw new IllegalArgumentException(
          "a plan needs q >= 0 inspections a year, s >= 1 items each and y >= 1 years, got q="
              + inspectionsPerYear
              + " s="
              + itemsPerInspection
              + " y="
              + years);
    }
    if ((long) inspectionsPerYear * itemsPerInspection > population) {
      throw new IllegalArgumentException(
          inspectionsPerYear
              + " inspections of "
              + itemsPerInspection
              + " items exceed the population of "
              + population);
    }
    DetectionProbability.caught(population, violating, 0); // validates N and k
  }

  /** n = q·s, the distinct items inspected per year. */
  public long itemsPerYear() {
    return (long) inspectionsPerYear * itemsPerInspection;
  }

  /** P(at least one violation caught) within one treaty year. */
  public double caughtThisYear() {
    return DetectionProbability.caught(population, violating, itemsPerYear());
  }

  /** P(at least one violation caught) within {@link #years()} years. */
  public double caughtOverYears() {
    return DetectionProbability.caughtOverYears(
        population, violating, itemsPerYear(), years, model);
  }

  /**
   * The plan in one sentence, e.g. "with 10 type-one inspections a year (1 item each), 5 violating
   * items among 500 are caught this year with probability 0.0965; within 5 years with probability
   * 0.3978 (a fresh sample each year)".
   */
  public String sentence() {
    String over =
        years == 1
            ? ""
            : String.format(
                Locale.ROOT,
                "; within %d years with probability %.4f (%s)",
                years,
                caughtOverYears(),
                model == YearModel.INDEPENDENT_YEARS
                    ? "a fresh sample each year"
                    : "no item inspected twice");
    return String.format(
        Locale.ROOT,
        "with %d %s inspections a year (%d item%s each), %d violating items among %d are caught this year"
            + " with probability %.4f%s",
        inspectionsPerYear,
        inspectionType,
        itemsPerInspection,
        itemsPerInspection == 1 ? "" : "s",
        violating,
        population,
        caughtThisYear(),
        over);
  }
}
