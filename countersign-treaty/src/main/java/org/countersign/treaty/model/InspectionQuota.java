package org.countersign.treaty.model;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How many inspections of a type each party may conduct per treaty year, and what one inspection
 * samples.
 *
 * <p>The {@code population} says which declared items an inspection of this type draws its object
 * from (New START's Type One: deployed ICBMs and SLBMs, one of which is designated to count its
 * reentry vehicles). The compliance report uses it to state the detection probability the quota
 * gives against hidden violations among the inspected party's declared items; without it the report
 * has no population to compute over.
 *
 * @param type kebab-case inspection type, e.g. {@code type-one}
 * @param name a human name
 * @param perYear inspections per treaty year
 * @param description what the type covers, or {@code ""}
 * @param itemsPerInspection how many items one inspection examines (1 for a designated missile)
 * @param population the items an inspection of this type samples from (categories and statuses), or
 *     null when the treaty does not say
 */
public record InspectionQuota(
    String type,
    String name,
    int perYear,
    String description,
    int itemsPerInspection,
    @Nullable ItemFilter population) {
  public InspectionQuota {
    Checks.name("inspection type", type);
    Checks.text("inspection name", name);
    if (perYear < 0) {
      throw new IllegalArgumentException("quota for " + type + " must be >= 0, got " + perYear);
    }
    Checks.present("description", description);
    if (itemsPerInspection < 1) {
      throw new IllegalArgumentException(
          "an inspection of "
              + type
              + " examines at least one"
              + " item, got "
              + itemsPerInspection);
    }
    if (population != null && !population.where().isEmpty()) {
      throw new IllegalArgumentException(
          "the population of " + type + " selects by category and" + " status only");
    }
  }

  /** A quota of one item per inspection, with no stated population. */
  public InspectionQuota(String type, String name, int perYear, String description) {
    this(type, name, perYear, description, 1, null);
  }

  /** The items an inspection of this type samples from, if the treaty says. */
  public Optional<ItemFilter> populationFilter() {
    return Optional.ofNullable(population);
  }

  /** Whether an item of {@code category} in {@code status} belongs to the population. */
  public boolean samples(String category, String status) {
    return population != null
        && population.categories().contains(category)
        && population.statuses().contains(status);
  }
}
