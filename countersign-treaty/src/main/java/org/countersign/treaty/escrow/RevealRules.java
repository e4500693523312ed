package org.countersign.treaty.escrow;

import org.countersign.treaty.statement.RevealSelection;

/** What a region selection ({@code SITE}, {@code ZONE}, {@code CATEGORY}) covers. */
final class RevealRules {
  private RevealRules() {}

  /** Whether {@code item} lies in the region {@code selection} names; false for other kinds. */
  static boolean inRegion(RevealSelection selection, EscrowItem item) {
    return switch (selection.kind()) {
      case SITE -> item.site().equals(selection.value());
      case ZONE -> item.zone().equals(selection.value());
      case CATEGORY -> item.category().equals(selection.value());
      case SAMPLE, CHOSEN -> false;
    };
  }

  /** The region's field of {@code item}, for messages: its site, zone or category. */
  static String regionOf(RevealSelection selection, EscrowItem item) {
    return switch (selection.kind()) {
      case SITE -> item.site();
      case ZONE -> item.zone();
      case CATEGORY -> item.category();
      case SAMPLE, CHOSEN -> "";
    };
  }
}
