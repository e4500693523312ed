package org.countersign.treaty.model;

import java.util.Locale;

/**
 * What a change kind does to an item: the fixed vocabulary that treaty-defined change kinds
 * (deploy, move, convert, eliminate, new item, ...) are built from.
 */
public enum ChangeEffect {
  /** The item enters the inventory; the notification states its status and site. */
  APPEAR,
  /** The item's status changes to one of the kind's target statuses. */
  STATUS,
  /** The item's site and/or zone changes. */
  RELOCATE,
  /** The item's attributes change (e.g. reentry vehicles uploaded or downloaded). */
  ATTRIBUTES;

  /**
   * The treaty-file spelling: {@code appear}, {@code status}, {@code relocate}, {@code attributes}.
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses the treaty-file spelling. */
  public static ChangeEffect of(String id) {
    for (ChangeEffect e : values()) {
      if (e.id().equals(id)) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown change effect " + id);
  }
}
