package org.countersign.treaty.model;

/**
 * How a party leaves the treaty: notice, then withdrawal takes effect after {@code notice}.
 *
 * @param notice the notice period, counted from the day notice is issued
 * @param article the treaty reference, or {@code ""}
 */
public record WithdrawalRules(TreatyDuration notice, String article) {
  public WithdrawalRules {
    Checks.present("notice", notice);
    Checks.present("article", article);
    if (notice.hasTimePart()) {
      throw new IllegalArgumentException("withdrawal notice " + notice + " is not whole days");
    }
  }
}
