package org.countersign.treaty.model;

import java.time.LocalDate;
import java.util.List;

/**
 * A treaty's term. The treaty is in force from {@code entryIntoForce} (inclusive) until its expiry
 * date (exclusive), where the expiry known on a day is the latest extension agreed on or before
 * that day, else the original {@code expiry}.
 *
 * @param signed the signature date
 * @param entryIntoForce the first day in force
 * @param expiry the original expiry date (first day no longer in force)
 * @param extensions agreed extensions, in order of agreement, each to a later expiry
 */
public record TreatyDates(
    LocalDate signed, LocalDate entryIntoForce, LocalDate expiry, List<Extension> extensions) {
  public TreatyDates {
    Checks.present("signed", signed);
    Checks.present("entryIntoForce", entryIntoForce);
    Checks.present("expiry", expiry);
    extensions = Checks.list("extensions", extensions);
    if (entryIntoForce.isBefore(signed) || !entryIntoForce.isBefore(expiry)) {
      throw new IllegalArgumentException(
          "dates must satisfy signed <= entryIntoForce < expiry, got "
              + signed
              + ", "
              + entryIntoForce
              + ", "
              + expiry);
    }
    LocalDate current = expiry;
    LocalDate lastAgreed = signed;
    for (Extension e : extensions) {
      if (e.agreed().isBefore(lastAgreed)
          || !e.agreed().isBefore(current)
          || !e.expiry().isAfter(current)) {
        throw new IllegalArgumentException(
            "extension agreed "
                + e.agreed()
                + " to "
                + e.expiry()
                + " must be agreed in order, before the expiry then current ("
                + current
                + "), and move it later");
      }
      current = e.expiry();
      lastAgreed = e.agreed();
    }
  }

  /** The expiry date as known on {@code day}: extensions agreed on or before it apply. */
  public LocalDate expiryKnownOn(LocalDate day) {
    LocalDate result = expiry;
    for (Extension e : extensions) {
      if (!e.agreed().isAfter(day)) {
        result = e.expiry();
      }
    }
    return result;
  }

  /** The expiry after every extension. */
  public LocalDate finalExpiry() {
    return extensions.isEmpty() ? expiry : extensions.get(extensions.size() - 1).expiry();
  }

  /** Whether the treaty is in force on {@code day}. */
  public boolean inForceOn(LocalDate day) {
    return !day.isBefore(entryIntoForce) && day.isBefore(expiryKnownOn(day));
  }

  /**
   * The treaty year containing {@code day}: year 1 starts on entry into force, year n on its
   * (n-1)th anniversary (an anniversary of 29 February falls on 28 February in common years).
   *
   * @throws IllegalArgumentException for a day before entry into force
   */
  public TreatyYear treatyYearOf(LocalDate day) {
    if (day.isBefore(entryIntoForce)) {
      throw new IllegalArgumentException(day + " is before entry into force " + entryIntoForce);
    }
    int n = day.getYear() - entryIntoForce.getYear() + 1;
    while (n > 1 && TreatyYear.start(entryIntoForce, n).isAfter(day)) {
      n--;
    }
    while (!TreatyYear.start(entryIntoForce, n + 1).isAfter(day)) {
      n++;
    }
    return new TreatyYear(
        n, TreatyYear.start(entryIntoForce, n), TreatyYear.start(entryIntoForce, n + 1));
  }
}
