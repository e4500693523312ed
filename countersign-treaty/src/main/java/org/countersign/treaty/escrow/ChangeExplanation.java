package org.countersign.treaty.escrow;

import java.util.ArrayList;
import java.util.List;
import org.countersign.treaty.model.ChangeEffect;
import org.countersign.treaty.model.Treaty;
import org.countersign.treaty.statement.ChangeNotification;
import org.countersign.treaty.statement.EscrowFieldRules;

/**
 * One notified change to one item, as the escrow checks consume it.
 *
 * @param itemId the item changed
 * @param kind what changed
 * @param entry the log index of the notification that says so (the evidence)
 */
public record ChangeExplanation(String itemId, ItemChange kind, long entry) {
  public ChangeExplanation {
    EscrowFieldRules.identifier("itemId", itemId);
    if (kind == null) {
      throw new IllegalArgumentException("change kind is missing for item " + itemId);
    }
    EscrowFieldRules.nonNegative("entry", entry);
  }

  /**
   * What a treaty change notification explains, by the treaty's own definition of its change kind.
   *
   * <p>An {@code appear} change explains a {@link ItemChange#NEW_ITEM} and nothing else. Any other
   * change explains each aspect it states, exactly as the compliance replay applies it to the
   * inventory (so the two never disagree): a stated status explains {@link ItemChange#ELIMINATED}
   * when the treaty marks that status terminal and {@link ItemChange#STATUS_CHANGED} otherwise; a
   * stated site or zone explains {@link ItemChange#MOVED}; stated attributes explain {@link
   * ItemChange#RELOADED}. The effects map as {@code status} to a status change (or elimination),
   * {@code relocate} to a move and {@code attributes} to a reload. Treaty change kinds never change
   * an item's category, so nothing maps to {@link ItemChange#CONVERTED}; a treaty "conversion" is a
   * change of status.
   *
   * @return the explanations, none if the notification names a change kind the treaty lacks or an
   *     item id the escrow field rules refuse (it then explains nothing)
   */
  public static List<ChangeExplanation> of(Treaty treaty, ChangeNotification change, long entry) {
    var kind = treaty.changeKind(change.change());
    if (kind.isEmpty() || !isIdentifier(change.item())) {
      return List.of();
    }
    String id = change.item();
    if (kind.get().effect() == ChangeEffect.APPEAR) {
      return List.of(new ChangeExplanation(id, ItemChange.NEW_ITEM, entry));
    }
    var out = new ArrayList<ChangeExplanation>(3);
    if (!change.status().isEmpty()) {
      out.add(
          new ChangeExplanation(
              id,
              treaty.isTerminal(change.status())
                  ? ItemChange.ELIMINATED
                  : ItemChange.STATUS_CHANGED,
              entry));
    }
    if (!change.site().isEmpty() || !change.zone().isEmpty()) {
      out.add(new ChangeExplanation(id, ItemChange.MOVED, entry));
    }
    if (!change.attributes().isEmpty()) {
      out.add(new ChangeExplanation(id, ItemChange.RELOADED, entry));
    }
    return List.copyOf(out);
  }

  private static boolean isIdentifier(String id) {
    try {
      EscrowFieldRules.identifier("itemId", id);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
