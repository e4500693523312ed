package org.countersign.treaty.escrow;

/**
 * What a change notification says happened to an item between two declarations (the escrow checks'
 * own word; the treaty file's notification kinds are {@code model.ChangeKind}). The compliance
 * engine maps the treaty's notification kinds (deploy, move, convert, eliminate, new item, ...) to
 * these; each explains one kind of difference between successive escrowed declarations.
 */
public enum ItemChange {
  /** The item entered the party's holdings (explains an item that appears). */
  NEW_ITEM,
  /** The item was eliminated or left the treaty's scope (explains an item that disappears). */
  ELIMINATED,
  /** The item moved to another site or zone. */
  MOVED,
  /** The item's status changed (e.g. deployed to non-deployed). */
  STATUS_CHANGED,
  /** The item was converted to another category. */
  CONVERTED,
  /** The item's numeric attributes changed (e.g. reentry vehicles loaded or unloaded). */
  RELOADED
}
