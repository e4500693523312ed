package org.countersign.treaty.model;

import java.time.LocalDate;

/**
 * An agreed extension of the treaty's term, as data: New START was extended on 3 February 2021
 * until 5 February 2026.
 *
 * @param agreed the day the extension was agreed (from then on the new expiry applies)
 * @param expiry the new expiry date (the treaty is in force until the day before)
 * @param basis the legal basis and instrument, in words
 */
public record Extension(LocalDate agreed, LocalDate expiry, String basis) {
  public Extension {
    Checks.present("agreed", agreed);
    Checks.present("expiry", expiry);
    Checks.present("basis", basis);
    if (!agreed.isBefore(expiry)) {
      throw new IllegalArgumentException(
          "extension agreed " + agreed + " must precede its expiry " + expiry);
    }
  }
}
