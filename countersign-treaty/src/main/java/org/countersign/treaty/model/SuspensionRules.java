package org.countersign.treaty.model;

/**
 * What a party's declared suspension changes under this treaty.
 *
 * @param suspendsDuties whether duties stop being evaluated for a suspended party; false for a
 *     treaty (like New START) that makes no provision for suspension, where a suspended party's
 *     missed duties are still reported
 * @param note the treaty's position, in words, or {@code ""}
 */
public record SuspensionRules(boolean suspendsDuties, String note) {
  public SuspensionRules {
    Checks.present("note", note);
  }
}
