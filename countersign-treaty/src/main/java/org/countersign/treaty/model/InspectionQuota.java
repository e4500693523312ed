package org.countersign.treaty.model;

/**
 * How many inspections of a type each party may conduct per treaty year.
 *
 * @param type kebab-case inspection type, e.g. {@code type-one}
 * @param name a human name
 * @param perYear inspections per treaty year
 * @param description what the type covers, or {@code ""}
 */
public record InspectionQuota(String type, String name, int perYear, String description) {
  public InspectionQuota {
    Checks.name("inspection type", type);
    Checks.text("inspection name", name);
    if (perYear < 0) {
      throw new IllegalArgumentException("quota for " + type + " must be >= 0, got " + perYear);
    }
    Checks.present("description", description);
  }
}
