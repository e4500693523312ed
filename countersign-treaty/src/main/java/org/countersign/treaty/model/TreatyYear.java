package org.countersign.treaty.model;

import java.time.LocalDate;

/**
 * One treaty year, the period inspection quotas count over.
 *
 * @param number 1 for the year starting on entry into force
 * @param start first day (inclusive)
 * @param end first day of the next year (exclusive)
 */
public record TreatyYear(int number, LocalDate start, LocalDate end) {
  public TreatyYear {
    if (number < 1 || !start.isBefore(end)) {
      throw new IllegalArgumentException("bad treaty year " + number + " " + start + ".." + end);
    }
  }

  /** Start of year {@code n}, computed from entry into force (not from the previous year). */
  static LocalDate start(LocalDate entryIntoForce, int n) {
    return entryIntoForce.plusYears(n - 1L);
  }

  /** Whether {@code day} lies in this year. */
  public boolean contains(LocalDate day) {
    return !day.isBefore(start) && day.isBefore(end);
  }
}
