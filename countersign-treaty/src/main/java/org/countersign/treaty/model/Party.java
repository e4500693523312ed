package org.countersign.treaty.model;

import java.time.LocalDate;

/**
 * A participant in a treaty.
 *
 * @param id the id statements use as author, e.g. {@code US}
 * @param name the full name
 * @param role party, observer or witness
 * @param joins the first day the participant takes part (for a party: the first day limits and
 *     duties can bind it, never before the treaty's entry into force)
 */
public record Party(String id, String name, Role role, LocalDate joins) {
  public Party {
    Checks.id("party id", id);
    Checks.text("party name", name);
    Checks.present("role", role);
    Checks.present("joins", joins);
  }

  /** Whether this participant is bound by limits and duties (role party). */
  public boolean isParty() {
    return role == Role.PARTY;
  }
}
