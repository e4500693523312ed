package org.countersign.treaty.model;

import java.util.List;

/**
 * A kind of change a party notifies, e.g. {@code deploy}: its id is what change notifications carry
 * in {@code change}, and notification duties are triggered by it.
 *
 * @param id kebab-case id
 * @param name a human name
 * @param effect what the change does to the item
 * @param toStatuses for {@link ChangeEffect#STATUS} (and optionally {@link ChangeEffect#APPEAR}):
 *     the statuses the item may have after the change; empty otherwise
 * @param types the item types the change applies to (a conversion procedure agreed for the B-52H
 *     converts no B-2A); empty: any item. A notification of it for an item of another type, or of
 *     no stated type, is not applied and is a discrepancy
 */
public record ChangeKind(
    String id, String name, ChangeEffect effect, List<String> toStatuses, List<String> types) {
  public ChangeKind {
    Checks.name("change kind id", id);
    Checks.text("change kind name", name);
    Checks.present("effect", effect);
    toStatuses = Checks.list("toStatuses", toStatuses);
    types = Checks.list("types", types);
    if (effect == ChangeEffect.STATUS && toStatuses.isEmpty()) {
      throw new IllegalArgumentException(
          "change kind " + id + " changes status but names no" + " target status");
    }
    if ((effect == ChangeEffect.RELOCATE || effect == ChangeEffect.ATTRIBUTES)
        && !toStatuses.isEmpty()) {
      throw new IllegalArgumentException(
          "change kind " + id + " (" + effect.id() + ") cannot name target statuses");
    }
  }

  /** Whether this change may apply to an item of {@code type} ({@code ""}: not stated). */
  public boolean appliesToType(String type) {
    return types.isEmpty() || types.contains(type);
  }
}
